using Confluent.Kafka;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>A source connector with topic.creation.* settings creates its topic with them before writing.</summary>
[Collection(KafkaCollection.Name)]
public sealed class TopicCreationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SourceConnector_CreatesItsTopicWithTheDefaultGroupSettings()
    {
        var plugins = PluginRegistry.FromApplication().AddType(typeof(CountingSourceConnector));
        await using var runtime = await StandaloneRuntime.StartAsync(
            new Dictionary<string, string>
            {
                [WorkerConfig.DevClusterEnabledConfig] = "true",
                [WorkerConfig.KeyConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
                [WorkerConfig.ValueConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
            },
            [new Dictionary<string, string>
            {
                ["name"] = "creator",
                ["connector.class"] = typeof(CountingSourceConnector).FullName!,
                [CountingSourceConnector.TopicConfig] = "created-topic",
                [CountingSourceConnector.TotalRecordsConfig] = "20",
                ["topic.creation.default.replication.factor"] = "1",
                ["topic.creation.default.partitions"] = "3",
            }],
            new TestOutputLoggerFactory(output),
            plugins);

        await Eventually.TrueAsync(() => SourceProgress.For("creator").CommittedRecords >= 20, "the source wrote its records", TimeSpan.FromSeconds(30));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = runtime.DevCluster!.BootstrapServers }).Build();
        var topic = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == "created-topic");

        // The development cluster would auto-create a topic with 4 partitions; the connector's settings say 3.
        topic.Partitions.Should().HaveCount(3);
    }
}
