using System.Text;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Xunit.Abstractions;
using static Connect.Sdk.Runtime.Tests.Integration.SinkDeliveryTests;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>
/// The worker reuses the record objects and the collection of a sink task that keeps no records
/// (<c>SinkTask.KeepsRecordsAfterPut</c> false), and only then.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class SinkRecordReuseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TaskKeepingNoRecords_IsGivenTheSameObjectsAgain_AndEveryMessageIntact()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("reusing-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name, ("collect.keeps.records", "false")), allowReplace: false);

        await DeliverInThreeBatchesOfTenAsync(cluster, log);

        log.Delivered.Select(r => (r.Offset, r.Key, r.Value)).Should().Equal(
            Enumerable.Range(0, 30).Select(i => ((long)i, (object?)$"k{i}", (object?)$"v{i}")),
            "each reused record carries its own message");
        log.RecordObjectCount.Should().BeLessThanOrEqualTo(10, "records of a delivered batch are overwritten with the next batch's messages");
        log.CollectionCount.Should().Be(1, "every batch is the same collection");
    }

    [Fact]
    public async Task TaskKeepingRecords_IsGivenNewObjectsEachTime()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("keeping-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name), allowReplace: false);

        await DeliverInThreeBatchesOfTenAsync(cluster, log);

        log.RecordObjectCount.Should().Be(30, "a task may keep its records unless it says otherwise");
        log.CollectionCount.Should().Be(log.Attempts.Count);
    }

    [Fact]
    public async Task TaskKeepingNoRecords_WithTransforms_IsGivenNewObjectsEachTime()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("transformed-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            SinkConfig(
                name,
                ("collect.keeps.records", "false"),
                ("transforms", "route"),
                ("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"),
                ("transforms.route.regex", "in"),
                ("transforms.route.replacement", "routed"),
                ("transforms.route.predicate", "never"),
                ("predicates", "never"),
                ("predicates.never.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"),
                ("predicates.never.pattern", "no-such-topic")),
            allowReplace: false);

        await DeliverInThreeBatchesOfTenAsync(cluster, log);

        log.Delivered.Should().OnlyContain(r => r.Topic == "in", "the predicate never lets the transform act, so the task gets the converted records themselves");
        log.RecordObjectCount.Should().Be(30, "a transform is code the task cannot speak for (it may keep records), so records are not reused behind it");
    }

    [Fact]
    public async Task TaskKeepingNoRecords_RetriableException_RedeliversTheBatchUnchanged()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("reusing-retry-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 20));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            SinkConfig(name, ("collect.keeps.records", "false"), ("collect.retriable.failures", "2")),
            allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count == 20, "all 20 records are written after the retries");
        cluster.Produce("in", Values(20, 10));
        await Eventually.TrueAsync(() => log.Delivered.Count == 30, "the next records are written");

        var attempts = log.Attempts;
        attempts[1].Should().Equal(attempts[0], "a failed batch is not reused before it is delivered");
        attempts[2].Should().Equal(attempts[0]);
        log.Delivered.Select(r => r.Value).Should().Equal(Enumerable.Range(0, 30).Select(i => (object)$"v{i}"));
        log.RecordObjectCount.Should().BeLessThanOrEqualTo(20, "the later records reuse the delivered batch's");
    }

    [Fact]
    public async Task TaskKeepingNoRecords_ReportedRecord_IsNotOverwrittenByLaterMessages()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        cluster.CreateTopic("in-dlq");
        var name = NewName("reusing-errant-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 5));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            SinkConfig(
                name,
                ("collect.keeps.records", "false"),
                ("collect.errant.value", "v3"),
                ("errors.tolerance", "all"),
                ("errors.deadletterqueue.topic.name", "in-dlq")),
            allowReplace: false);
        await Eventually.TrueAsync(() => log.Delivered.Count == 4, "the other records of the first batch are written");

        cluster.Produce("in", Values(5, 10));
        await Eventually.TrueAsync(() => log.Delivered.Count == 14, "the next batch is written");
        var dlq = await Eventually.ValueAsync(() => cluster.ReadAll("in-dlq"), r => r.Count >= 1, "the reported record is in the dead letter queue");

        var reported = log.ErrantObjects.Should().ContainSingle().Subject;
        reported.Value.Should().Be("v3", "a report may still read the record, so its batch is not reused");
        reported.KafkaOffset.Should().Be(3);
        Encoding.UTF8.GetString(dlq.Should().ContainSingle().Subject.Message.Value!).Should().Be("v3");
    }

    private static async Task DeliverInThreeBatchesOfTenAsync(ConnectTestCluster cluster, SinkLog log)
    {
        for (var batch = 0; batch < 3; batch++)
        {
            cluster.Produce("in", Values(batch * 10, 10));
            var expected = (batch + 1) * 10;
            await Eventually.TrueAsync(() => log.Delivered.Count == expected, $"{expected} records are written");
        }
    }
}
