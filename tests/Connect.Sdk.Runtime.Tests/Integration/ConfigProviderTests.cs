using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class ConfigProviderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Placeholders_AreResolvedForTheTasksButNeverShownResolved()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("secret-topic");
        var secrets = Path.Combine(cluster.TempFolder, "secrets.properties");
        await File.WriteAllTextAsync(secrets, "topic=secret-topic\n");
        var name = SinkDeliveryTests.NewName("secret-source");
        var worker = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["config.providers"] = "file" }, fileOffsets: false);
        var placeholder = $"${{file:{secrets}:topic}}";
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 5, topic: placeholder);

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        await Eventually.TrueAsync(() => cluster.ReadValues("secret-topic").Count == 5, "the task wrote to the resolved topic");
        worker.Herder.ConnectorInfo(name).Config[CountingSourceConnector.TopicConfig].Should().Be(placeholder);
        worker.Herder.TaskConfigs(name).Single().Config[CountingSourceConnector.TopicConfig]
            .Should().Be(placeholder, "task configurations keep the placeholder, as Kafka Connect's reverse transform does");
        worker.Herder.TaskConfigs(name).Single().Config.Values.Should().NotContain("secret-topic");
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }
}
