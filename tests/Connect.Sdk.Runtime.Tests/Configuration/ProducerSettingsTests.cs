using Confluent.Kafka;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Configuration;

public class ProducerSettingsTests
{
    private static readonly ConnectorTaskId Task0 = new("orders", 0);

    [Fact]
    public void TaskProducer_Defaults_AreKafkaConnectsAndKeepNoMessageForItsReport()
    {
        var settings = Worker().ProducerSettingsFor(Task0, new Dictionary<string, string>(), "producer");

        settings.Should().Contain(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "localhost:9092",
            ["client.id"] = "connector-producer-orders-0",
            ["acks"] = "all",
            ["enable.idempotence"] = "true",
            ["message.timeout.ms"] = "0",
            ["dotnet.producer.delivery.report.fields"] = "timestamp",
        });
    }

    [Fact]
    public void TaskProducer_WorkerAndConnectorSettings_OverrideTheDefaultsInThatOrder()
    {
        var worker = Worker(("producer.linger.ms", "20"), ("producer.acks", "1"), ("producer.dotnet.producer.delivery.report.fields", "all"));
        var connector = new Dictionary<string, string> { ["producer.override.acks"] = "0" };

        var settings = worker.ProducerSettingsFor(Task0, connector, "dlq");

        settings["client.id"].Should().Be("connector-dlq-orders-0");
        settings["linger.ms"].Should().Be("20");
        settings["acks"].Should().Be("0", "the connector's producer.override.* comes last");
        settings["dotnet.producer.delivery.report.fields"].Should().Be("all", "an operator who needs the whole report can ask for it");
    }

    [Fact]
    public void TaskProducer_DefaultSettings_AreAcceptedByTheClient()
    {
        var settings = Worker().ProducerSettingsFor(Task0, new Dictionary<string, string>(), "producer");

        using var producer = new ProducerBuilder<byte[]?, byte[]?>(settings).Build();

        producer.Name.Should().Contain("connector-producer-orders-0");
    }

    private static ConnectWorker Worker(params (string Key, string Value)[] extra)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkerConfig.BootstrapServersConfig] = "localhost:9092",
            [WorkerConfig.KeyConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
            [WorkerConfig.ValueConverterConfig] = "org.apache.kafka.connect.storage.StringConverter",
        };
        foreach (var (key, value) in extra)
        {
            props[key] = value;
        }

        var config = new WorkerConfig(props);
        return new ConnectWorker(config, PluginRegistry.FromApplication(), new MemoryOffsetBackingStore(), ConfigTransformer.FromWorkerConfig(config.Originals), new ConnectMetrics(), NullLoggerFactory.Instance, "worker-1");
    }
}
