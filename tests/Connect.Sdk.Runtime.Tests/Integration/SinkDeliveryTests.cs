using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class SinkDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SinkTask_CommitsOnlyTheOffsetsItFlushed()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("flush-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();
        cluster.Produce("in", Values(0, 10));
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name, ("collect.hold.flush", "true")), allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count == 10, "the first 10 records are put");
        var calls = log.PreCommitCount;
        await Eventually.TrueAsync(() => log.PreCommitCount >= calls + 2, "two more offset commits ran");
        cluster.CommittedOffsets("connect-" + name, "in")[0].Should().Be(Offset.Unset.Value, "nothing was flushed, so nothing is committed");

        log.RequestFlush();
        await Eventually.TrueAsync(() => cluster.CommittedOffsets("connect-" + name, "in")[0] == 10, "the flushed records' offsets are committed");

        cluster.Produce("in", Values(10, 5));
        await Eventually.TrueAsync(() => log.Delivered.Count == 15, "5 more records are put");
        calls = log.PreCommitCount;
        await Eventually.TrueAsync(() => log.PreCommitCount >= calls + 2, "two more offset commits ran");
        cluster.CommittedOffsets("connect-" + name, "in")[0].Should().Be(10, "records put but not flushed are not committed");

        log.RequestFlush();
        await Eventually.TrueAsync(() => cluster.CommittedOffsets("connect-" + name, "in")[0] == 15, "the second flush is committed");
        log.Flushed.Select(r => r.Offset).Should().Equal(Enumerable.Range(0, 15).Select(i => (long)i));
        log.PreCommits.SelectMany(p => p.Values).Should().OnlyContain(o => o.Offset == 10 || o.Offset == 15);
    }

    [Fact]
    public async Task SinkTask_GracefulStop_CommitsWhatWasPutAndARestartContinuesAfterIt()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("restart-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 20));
        var first = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["offset.flush.interval.ms"] = "60000" });
        await first.Herder.PutConnectorConfigAsync(name, SinkConfig(name), allowReplace: false);
        await Eventually.TrueAsync(() => log.Delivered.Count == 20, "20 records are put");
        await first.DisposeAsync();
        cluster.CommittedOffsets("connect-" + name, "in")[0].Should().Be(20, "a graceful stop commits what the task flushed");

        cluster.Produce("in", Values(20, 5));
        var second = await cluster.StartWorkerAsync();
        await second.Herder.PutConnectorConfigAsync(name, SinkConfig(name), allowReplace: false);
        await Eventually.TrueAsync(() => log.Delivered.Count >= 25, "the new records are put");

        log.Delivered.Select(r => r.Value).Should().Equal(Enumerable.Range(0, 25).Select(i => (object)$"v{i}"), "the restarted task continues after the committed offset");
    }

    [Fact]
    public async Task SinkTask_RetriableExceptionFromPut_RedeliversTheSameRecords()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("retry-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 20));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name, ("collect.retriable.failures", "2")), allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count == 20, "all 20 records are written after the retries");

        var attempts = log.Attempts;
        attempts.Count.Should().BeGreaterThanOrEqualTo(3);
        attempts[1].Should().Equal(attempts[0], "the batch that failed is delivered again, unchanged");
        attempts[2].Should().Equal(attempts[0], "the batch that failed twice is delivered a third time");
        log.Delivered.Select(r => r.Value).Should().Equal(Enumerable.Range(0, 20).Select(i => (object)$"v{i}"), "nothing is lost or duplicated");
        worker.Status(name).Tasks.Should().ContainSingle().Which.Status.State.Should().Be(ConnectState.Running);
        await Eventually.TrueAsync(() => cluster.CommittedOffsets("connect-" + name, "in")[0] == 20, "the offsets are committed after the successful put");
    }

    // Kafka's WorkerSinkTask.commitOffsets: a failed preCommit rewinds to the last committed offsets.
    [Fact]
    public async Task SinkTask_PreCommitFails_RewindsAndDeliversAgainWhatWasNotCommitted()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("failed-flush-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 10));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name, ("collect.precommit.failures", "1")), allowReplace: false);

        await Eventually.TrueAsync(() => cluster.CommittedOffsets("connect-" + name, "in")[0] == 10, "the offsets are committed after the records are put again");

        log.FailedPreCommits.Should().Be(1);
        var values = log.Delivered.Select(r => r.Value).ToList();
        var firstDelivery = values.Count - 10;
        firstDelivery.Should().BeGreaterThan(0, "what was put before the failed flush is put once more");
        values.Take(firstDelivery).Should().Equal(Enumerable.Range(0, firstDelivery).Select(i => (object)$"v{i}"));
        values.Skip(firstDelivery).Should().Equal(Enumerable.Range(0, 10).Select(i => (object)$"v{i}"), "consumption restarts at the first offset not committed");
        worker.Status(name).Tasks.Should().ContainSingle().Which.Status.State.Should().Be(ConnectState.Running, "a failed pre-commit does not fail the task");
    }

    [Fact]
    public async Task SinkTask_RetriableExceptionWithContextTimeout_RedeliversAfterTheRequestedBackoff()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("timeout-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 5));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            SinkConfig(name, ("collect.retriable.failures", "3"), ("collect.retry.timeout.ms", "50")),
            allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count == 5, "the records are written after three retries");

        log.Attempts.Should().HaveCount(4).And.AllSatisfy(a => a.Should().Equal(log.Attempts[0]));
    }

    [Fact]
    public async Task SinkTask_PoisonRecord_GoesToTheDeadLetterQueueWithContextHeaders()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("numbers");
        cluster.CreateTopic("numbers-dlq");
        var name = NewName("dlq-sink");
        var log = SinkLog.For(name);
        var poison = Encoding.UTF8.GetBytes("not-an-int");
        cluster.Produce(
            "numbers",
            ConnectTestCluster.Message("k1", Int(1)),
            ConnectTestCluster.Message("k2", Int(2)),
            ConnectTestCluster.Message("bad", poison, ("trace-id", "abc")),
            ConnectTestCluster.Message("k3", Int(3)));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            new Dictionary<string, string>
            {
                ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
                ["topics"] = "numbers",
                ["value.converter"] = "org.apache.kafka.connect.converters.IntegerConverter",
                ["errors.tolerance"] = "all",
                ["errors.log.enable"] = "true",
                ["errors.deadletterqueue.topic.name"] = "numbers-dlq",
                ["errors.deadletterqueue.context.headers.enable"] = "true",
            },
            allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count == 3, "the good records are put");
        var dlq = await Eventually.ValueAsync(() => cluster.ReadAll("numbers-dlq"), r => r.Count >= 1, "the poison record is in the dead letter queue");

        log.Delivered.Select(r => r.Value).Should().Equal(1, 2, 3);
        var dead = dlq.Should().ContainSingle().Subject;
        dead.Message.Key.Should().Equal(Encoding.UTF8.GetBytes("bad"));
        dead.Message.Value.Should().Equal(poison, "the dead letter queue gets the original bytes");
        var headers = dead.Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        headers.Should().Contain("trace-id", "abc", "the original headers are kept");
        headers.Should().Contain(DeadLetterQueueReporter.TopicHeader, "numbers");
        headers.Should().Contain(DeadLetterQueueReporter.PartitionHeader, "0");
        headers.Should().Contain(DeadLetterQueueReporter.OffsetHeader, "2");
        headers.Should().Contain(DeadLetterQueueReporter.ConnectorNameHeader, name);
        headers.Should().Contain(DeadLetterQueueReporter.TaskIdHeader, "0");
        headers.Should().Contain(DeadLetterQueueReporter.StageHeader, "VALUE_CONVERTER");
        headers.Should().Contain(DeadLetterQueueReporter.ClassNameHeader, "Connect.Sdk.Converters.IntegerConverter");
        headers.Should().Contain(DeadLetterQueueReporter.ExceptionClassNameHeader, "Connect.Sdk.Errors.DataException");
        headers[DeadLetterQueueReporter.ExceptionMessageHeader].Should().Contain("size of data received by IntegerDeserializer is not 4");
        headers[DeadLetterQueueReporter.ExceptionStackTraceHeader].Should()
            .StartWith("Connect.Sdk.Errors.DataException: ")
            .And.Contain("size of data received by IntegerDeserializer is not 4")
            .And.Contain(" at Connect.Sdk.Converters.NumberConverter");
        headers.Keys.Where(k => k.StartsWith("__connect.errors.", StringComparison.Ordinal)).Should().HaveCount(10);
        await Eventually.TrueAsync(() => cluster.CommittedOffsets("connect-" + name, "numbers")[0] == 4, "the skipped record's offset is committed with the others");
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SinkTask_ErrantRecordReporter_WritesReportedRecordToTheDeadLetterQueue()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        cluster.CreateTopic("in-dlq");
        var name = NewName("errant-sink");
        var log = SinkLog.For(name);
        cluster.Produce("in", Values(0, 5));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            SinkConfig(
                name,
                ("collect.errant.value", "v3"),
                ("errors.tolerance", "all"),
                ("errors.deadletterqueue.topic.name", "in-dlq"),
                ("errors.deadletterqueue.context.headers.enable", "true")),
            allowReplace: false);

        await Eventually.TrueAsync(() => log.Delivered.Count == 4, "the other records are written");
        var dlq = await Eventually.ValueAsync(() => cluster.ReadAll("in-dlq"), r => r.Count >= 1, "the reported record is in the dead letter queue");

        log.Errant.Select(r => r.Value).Should().Equal("v3");
        var dead = dlq.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(dead.Message.Value!).Should().Be("v3");
        var headers = dead.Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        headers.Should().Contain(DeadLetterQueueReporter.StageHeader, "TASK_PUT");
        headers.Should().Contain(DeadLetterQueueReporter.OffsetHeader, "3");
        headers.Should().Contain(DeadLetterQueueReporter.ClassNameHeader, typeof(CollectingSinkTask).FullName!);
        headers.Should().Contain(DeadLetterQueueReporter.ExceptionClassNameHeader, "System.ArgumentException");
        headers.Should().Contain(DeadLetterQueueReporter.ExceptionMessageHeader, "Cannot write value v3");
    }

    // Kafka's WorkerErrantRecordReporter: without the consumed original, the record goes as the converters write it.
    [Fact]
    public async Task SinkTask_ErrantRecordReportedAfterItsBatch_IsWrittenToTheDeadLetterQueueAsConverted()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        cluster.CreateTopic("in-dlq");
        var name = NewName("late-errant-sink");
        var log = SinkLog.For(name);
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            SinkConfig(
                name,
                ("collect.errant.value", "v2"),
                ("collect.errant.in.next.put", "true"),
                ("transforms", "route"),
                ("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"),
                ("transforms.route.regex", "in"),
                ("transforms.route.replacement", "routed"),
                ("errors.tolerance", "all"),
                ("errors.deadletterqueue.topic.name", "in-dlq"),
                ("errors.deadletterqueue.context.headers.enable", "true")),
            allowReplace: false);
        var produced = Values(0, 4);
        produced[2].Headers = new Headers { { "trace", Encoding.UTF8.GetBytes("t-2") } };
        cluster.Produce("in", produced);
        await Eventually.TrueAsync(() => log.Delivered.Count == 3, "the other records of the batch are written");

        cluster.Produce("in", Values(4, 1));
        await Eventually.TrueAsync(() => log.Errant.Count == 1, "the next put reports the held record");
        var dlq = await Eventually.ValueAsync(() => cluster.ReadAll("in-dlq"), r => r.Count >= 1, "the reported record is in the dead letter queue");

        log.Errant.Select(r => r.Value).Should().Equal("v2");
        var dead = dlq.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(dead.Message.Key!).Should().Be("k2");
        Encoding.UTF8.GetString(dead.Message.Value!).Should().Be("v2");
        var headers = dead.Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        headers.Should().Contain("trace", "t-2", "the record's own headers go along, written by the header converter");
        headers.Should().Contain(DeadLetterQueueReporter.TopicHeader, "routed", "the transformed record is what the task reported");
        headers.Should().Contain(DeadLetterQueueReporter.OffsetHeader, "2");
        headers.Should().Contain(DeadLetterQueueReporter.ExceptionMessageHeader, "Cannot write value v2 after all");
        await Eventually.TrueAsync(() => cluster.CommittedOffsets("connect-" + name, "in")[0] == 5, "the offsets are committed");
    }

    [Fact]
    public async Task SinkTask_ErrantRecordWithToleranceNone_FailsTheTask()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("strict-errant-sink");
        cluster.Produce("in", Values(0, 3));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name, ("collect.errant.value", "v1")), allowReplace: false);

        var status = await Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");

        status.Tasks.Single().Status.Trace.Should().Contain("Tolerance exceeded in error handler").And.Contain("Cannot write value v1");
        cluster.CommittedOffsets("connect-" + name, "in")[0].Should().Be(Offset.Unset.Value, "the batch with the reported record is not committed");
    }

    [Fact]
    public async Task SinkTask_ToleranceNone_PoisonRecordFailsTheTaskWithItsTrace()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("numbers");
        var name = NewName("strict-sink");
        cluster.Produce(
            "numbers",
            ConnectTestCluster.Message("k1", Int(1)),
            ConnectTestCluster.Message("bad", Encoding.UTF8.GetBytes("oops!")),
            ConnectTestCluster.Message("k3", Int(3)));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(
            name,
            new Dictionary<string, string>
            {
                ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
                ["topics"] = "numbers",
                ["value.converter"] = "IntegerConverter",
            },
            allowReplace: false);

        var status = await Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");

        status.Connector.State.Should().Be(ConnectState.Running, "a failed task does not fail its connector");
        var trace = status.Tasks.Single().Status.Trace;
        trace.Should().Contain("Tolerance exceeded in error handler")
            .And.Contain("Connect.Sdk.Errors.DataException")
            .And.Contain("size of data received by IntegerDeserializer is not 4");
        SinkLog.For(name).Delivered.Select(r => r.Value).Should().NotContain(3, "nothing after the poison record is written");
        var committed = cluster.CommittedOffsets("connect-" + name, "numbers")[0];
        (committed == Offset.Unset.Value || committed <= 1).Should().BeTrue($"the poison record's offset is never committed (committed: {committed})");
    }

    [Fact]
    public async Task SinkTask_FatalExceptionFromPut_FailsTheTaskWithItsTrace()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        var name = NewName("fatal-sink");
        cluster.Produce("in", Values(0, 3));
        var worker = await cluster.StartWorkerAsync();
        await worker.Herder.PutConnectorConfigAsync(name, SinkConfig(name, ("collect.fatal.value", "v1")), allowReplace: false);

        var status = await Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");

        status.Tasks.Single().Status.Trace.Should()
            .Contain("Exiting WorkerSinkTask due to unrecoverable exception")
            .And.Contain("System.InvalidOperationException: Simulated fatal failure: cannot write value v1");
        cluster.CommittedOffsets("connect-" + name, "in")[0].Should().Be(Offset.Unset.Value, "the failed batch is not committed");
    }

    internal static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    internal static Dictionary<string, string> SinkConfig(string name, params (string Key, string Value)[] extra)
    {
        _ = name;
        var config = new Dictionary<string, string>
        {
            ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
            ["topics"] = "in",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    internal static Message<byte[]?, byte[]?>[] Values(int from, int count) =>
        Enumerable.Range(from, count).Select(i => ConnectTestCluster.Message($"k{i}", $"v{i}")).ToArray();

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
