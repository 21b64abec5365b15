using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Tests.Configuration;

public class WorkerConfigTests
{
    [Fact]
    public void Defaults_AreKafkaConnects()
    {
        var config = new WorkerConfig(new Dictionary<string, string>());

        config.BootstrapServers.Should().Be("localhost:9092");
        config.OffsetFlushInterval.Should().Be(TimeSpan.FromMinutes(1));
        config.OffsetFlushTimeout.Should().Be(TimeSpan.FromSeconds(5));
        config.TaskShutdownTimeout.Should().Be(TimeSpan.FromSeconds(5));
        config.GetClass(WorkerConfig.KeyConverterConfig).Should().Be("org.apache.kafka.connect.json.JsonConverter");
        config.GetClass(WorkerConfig.HeaderConverterConfig).Should().Be("org.apache.kafka.connect.storage.SimpleHeaderConverter");
        config.GetString(WorkerConfig.GroupIdConfig).Should().Be("connect-cluster");
    }

    [Fact]
    public void BootstrapServers_ListIsJoinedForClients()
    {
        var config = new WorkerConfig(new Dictionary<string, string> { ["bootstrap.servers"] = "a:9092, b:9092" });

        config.BootstrapServers.Should().Be("a:9092,b:9092");
    }

    [Fact]
    public void ClientSettings_StripTheirPrefix()
    {
        var config = new WorkerConfig(new Dictionary<string, string>
        {
            ["producer.linger.ms"] = "10",
            ["producer.compression.type"] = "lz4",
            ["consumer.max.poll.records"] = "100",
        });

        config.ClientSettings("producer.").Should().BeEquivalentTo(new Dictionary<string, string> { ["linger.ms"] = "10", ["compression.type"] = "lz4" });
        config.ClientSettings("consumer.").Should().BeEquivalentTo(new Dictionary<string, string> { ["max.poll.records"] = "100" });
    }

    [Theory]
    [InlineData("offset.flush.interval.ms", "soon", "Invalid value soon for configuration offset.flush.interval.ms: *")]
    [InlineData("offset.flush.interval.ms", "0", "Invalid value 0 for configuration offset.flush.interval.ms: Value must be at least 1")]
    [InlineData("task.shutdown.graceful.timeout.ms", "-5", "Invalid value -5 for configuration task.shutdown.graceful.timeout.ms: Value must be at least 0")]
    [InlineData("dev.cluster.enabled", "yes", "Invalid value yes for configuration dev.cluster.enabled: Expected value to be either true or false")]
    public void InvalidValue_ThrowsConfigExceptionNamingTheKey(string key, string value, string message)
    {
        var act = () => new WorkerConfig(new Dictionary<string, string> { [key] = value });

        act.Should().Throw<ConfigException>().WithMessage(message).Which.Name.Should().Be(key);
    }
}
