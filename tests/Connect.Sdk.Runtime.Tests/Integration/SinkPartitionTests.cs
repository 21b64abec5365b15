using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class SinkPartitionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SinkTask_GracefulStop_ClosesEachPartitionOnce()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in", partitions: 3);
        var name = SinkDeliveryTests.NewName("closing-sink");
        var log = SinkLog.For(name);
        for (var p = 0; p < 3; p++)
        {
            cluster.ProduceTo("in", p, SinkDeliveryTests.Values(p * 10, 10));
        }

        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkDeliveryTests.SinkConfig(name), allowReplace: false);
        await Eventually.TrueAsync(() => log.Delivered.Count == 30, "every record is put");

        await worker.Herder.DeleteConnectorAsync(name);

        var partitions = Enumerable.Range(0, 3).Select(p => new TopicPartition("in", p)).ToList();
        log.Opened.Should().BeEquivalentTo(partitions);
        log.Closed.Should().BeEquivalentTo(partitions, "each partition is closed exactly once when the task stops");
        log.Violations.Should().BeEmpty();
        log.Stops.Should().Be(1);
        cluster.CommittedOffsets("connect-" + name, "in", 3).Values.Should().AllBeEquivalentTo(10L);
    }

    [Fact]
    public async Task SinkConnector_TwoTasks_ShareThePartitionsAndReceiveEverything()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in", partitions: 4);
        var name = SinkDeliveryTests.NewName("shared-sink");
        var log = SinkLog.For(name);
        for (var p = 0; p < 4; p++)
        {
            cluster.ProduceTo("in", p, SinkDeliveryTests.Values(p * 25, 25));
        }

        var worker = await cluster.StartWorkerAsync();
        var config = SinkDeliveryTests.SinkConfig(name);
        config["tasks.max"] = "2";
        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);
        await worker.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);

        await Eventually.TrueAsync(() => log.Delivered.Select(r => r.Value).Distinct().Count() == 100, "every record is put");
        await Eventually.TrueAsync(
            () => cluster.CommittedOffsets("connect-" + name, "in", 4).Values.All(o => o == 25),
            "every partition's offsets are committed");

        log.Delivered.Select(r => r.Value).Should().BeEquivalentTo(Enumerable.Range(0, 100).Select(i => $"v{i}"));
        log.Violations.Should().BeEmpty();
        log.Starts.Should().Be(2);
    }

    [Fact]
    public async Task SinkConnector_Paused_DeliversNothingUntilResumed()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = SinkDeliveryTests.NewName("paused-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkDeliveryTests.SinkConfig(name), allowReplace: false);
        cluster.Produce("in", SinkDeliveryTests.Values(0, 5));
        await Eventually.TrueAsync(() => log.Delivered.Count == 5, "the first records are put");

        await worker.Herder.SetTargetStateAsync(name, TargetState.Paused);
        await worker.WaitForStatusAsync(name, ConnectState.Paused, 1, ConnectState.Paused);
        cluster.Produce("in", SinkDeliveryTests.Values(5, 5));
        var commits = log.PreCommitCount;
        await Eventually.TrueAsync(() => log.PreCommitCount >= commits + 3, "the paused task keeps committing");
        log.Delivered.Should().HaveCount(5, "a paused sink task gets no records");

        await worker.Herder.SetTargetStateAsync(name, TargetState.Started);
        await Eventually.TrueAsync(() => log.Delivered.Count == 10, "the records produced during the pause are put after resume");
        log.Delivered.Select(r => r.Value).Should().Equal(Enumerable.Range(0, 10).Select(i => (object)$"v{i}"));
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    // topics.regex is a java.util.regex.Pattern in Kafka; librdkafka's own (POSIX) regex knows no \d, (?i) or lookaheads.
    [Fact]
    public async Task SinkConnector_TopicsRegexInJavaSyntax_ConsumesTheTopicsJavaWouldMatch()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("orders-1");
        cluster.CreateTopic("orders-22");
        cluster.CreateTopic("orders-x");
        cluster.CreateTopic("ORDERS-3");
        cluster.Produce("orders-1", ConnectTestCluster.Message("k", "one"));
        cluster.Produce("orders-22", ConnectTestCluster.Message("k", "twenty-two"));
        cluster.Produce("orders-x", ConnectTestCluster.Message("k", "x"));
        cluster.Produce("ORDERS-3", ConnectTestCluster.Message("k", "three"));
        var name = SinkDeliveryTests.NewName("java-regex-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["consumer.metadata.max.age.ms"] = "1000" });

        await worker.Herder.PutConnectorConfigAsync(name, new Dictionary<string, string>
        {
            ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
            ["topics.regex"] = "(?i)orders-\\d+",
        }, allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count >= 3, "the three matching topics are consumed");
        cluster.CreateTopic("orders-4");
        cluster.Produce("orders-4", ConnectTestCluster.Message("k", "four"));
        await Eventually.TrueAsync(() => log.Delivered.Count >= 4, "a matching topic created later is consumed too", TimeSpan.FromSeconds(60));

        log.Delivered.Select(r => r.Value).Should().BeEquivalentTo(["one", "twenty-two", "three", "four"]);
    }

    [Fact]
    public async Task SinkConnector_TopicsRegex_ConsumesEveryMatchingTopic()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("orders-eu");
        cluster.CreateTopic("orders-us");
        cluster.CreateTopic("payments");
        cluster.Produce("orders-eu", ConnectTestCluster.Message("k", "eu"));
        cluster.Produce("orders-us", ConnectTestCluster.Message("k", "us"));
        cluster.Produce("payments", ConnectTestCluster.Message("k", "payment"));
        var name = SinkDeliveryTests.NewName("regex-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();

        await worker.Herder.PutConnectorConfigAsync(name, new Dictionary<string, string>
        {
            ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
            ["topics.regex"] = "orders-.*",
        }, allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count >= 2, "both order topics are consumed");
        log.Delivered.Select(r => (r.Topic, r.Value)).Should().BeEquivalentTo([("orders-eu", (object?)"eu"), ("orders-us", (object?)"us")]);
    }
}
