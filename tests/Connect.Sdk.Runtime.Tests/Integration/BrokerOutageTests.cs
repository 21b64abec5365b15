using Connect.Sdk.Runtime.Tests.TestConnectors;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private const int Records = 300;

    [Fact]
    public async Task BrokerDownThenUp_SourceToSinkPipeline_LosesNoRecord()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("flow");
        var source = SinkDeliveryTests.NewName("outage-source");
        var sink = SinkDeliveryTests.NewName("outage-sink");
        var progress = SourceProgress.For(source);
        var log = SinkLog.For(sink);
        var expected = Enumerable.Range(0, Records).Select(i => CountingSourceConnector.ValueOf(0, i)).ToList();
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        await worker.Herder.PutConnectorConfigAsync(
            source,
            SourceOffsetTests.SourceConfig(source, pollDelayMs: 40, tasks: 1, partitions: 1, records: Records, topic: "flow"),
            allowReplace: false);
        await worker.Herder.PutConnectorConfigAsync(sink, new Dictionary<string, string>
        {
            ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
            ["topics"] = "flow",
        }, allowReplace: false);
        await Eventually.TrueAsync(() => log.Delivered.Count >= 30, "the pipeline delivers records");

        cluster.Kafka.SetBrokerDown();
        var polledWhenDown = progress.Polled;
        await Eventually.TrueAsync(() => progress.Polled >= polledWhenDown + 80, "the source keeps polling while the broker is down");
        var deliveredWhileDown = log.Delivered.Count;
        cluster.Kafka.SetBrokerUp();

        var values = await Eventually.ValueAsync(
            () => log.Delivered.Select(r => (string)r.Value!).ToHashSet(),
            set => set.Count == Records,
            "the sink received every record",
            TimeSpan.FromSeconds(30));
        var topic = cluster.ReadValues("flow");

        values.Should().BeEquivalentTo(expected);
        topic.Should().Contain(expected, "every polled record reached the topic");
        deliveredWhileDown.Should().BeLessThan(Records, "the outage happened while records were still flowing");
        worker.Status(source).Tasks.Single().Status.State.Should().Be(Worker.ConnectState.Running);
        worker.Status(sink).Tasks.Single().Status.State.Should().Be(Worker.ConnectState.Running);
    }
}
