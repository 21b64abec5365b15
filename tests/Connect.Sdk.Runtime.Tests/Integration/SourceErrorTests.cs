using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class SourceErrorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SourceTask_RetriableExceptionFromPoll_IsRetriedAndNothingIsLost()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("flaky-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 30);
        config[CountingSourceConnector.PollRetriableFailuresConfig] = "3";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var values = await Eventually.ValueAsync(() => cluster.ReadValues("counts"), v => v.Count >= 30, "every record is produced");
        values.Should().Equal(Enumerable.Range(0, 30).Select(i => CountingSourceConnector.ValueOf(0, i)));
        SourceProgress.For(name).RetriableFailures.Should().Be(3);
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SourceTask_ExceptionFromPoll_FailsTheTaskWithItsTrace()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("failing-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 30);
        config[CountingSourceConnector.PollFatalErrorConfig] = "the source database is gone";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var status = await Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");
        status.Connector.State.Should().Be(ConnectState.Running);
        status.Tasks.Single().Status.Trace.Should().Contain("System.InvalidOperationException: the source database is gone")
            .And.Contain(nameof(CountingSourceTask.PollAsync));
        await Eventually.TrueAsync(() => SourceProgress.For(name).Stops == 1, "the failed task was stopped");
    }

    [Fact]
    public async Task SourceTask_ConverterErrorWithToleranceNone_FailsTheTaskAndCommitsNothing()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("unconvertible-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 10);
        config["value.converter"] = "org.apache.kafka.connect.converters.IntegerConverter";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var status = await Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");
        status.Tasks.Single().Status.Trace.Should().Contain("Tolerance exceeded in error handler").And.Contain("Connect.Sdk.Errors.DataException");
        worker.Offsets.Snapshot().Should().BeEmpty("no record was written, so no offset is committed");
        cluster.ReadValues("counts").Should().BeEmpty();
    }

    [Fact]
    public async Task SourceTask_ConverterErrorWithToleranceAll_SkipsTheRecordsAndCommitsTheirOffsets()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("skipping-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 10);
        config["value.converter"] = "org.apache.kafka.connect.converters.IntegerConverter";
        config["errors.tolerance"] = "all";
        config["errors.log.enable"] = "true";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var key = OffsetCodec.SerializeKey(name, CountingSourceConnector.SourcePartition(0));
        await Eventually.TrueAsync(() => worker.Offsets.Snapshot().GetValueOrDefault(key) == "{\"seq\":9}", "the skipped records' offsets are committed");
        SourceProgress.For(name).CommittedRecords.Should().Be(10, "commitRecord is called for skipped records too");
        worker.Worker.TaskMetrics(new ConnectorTaskId(name, 0))!.Skipped.Should().Be(10);
        cluster.ReadValues("counts").Should().BeEmpty();
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SourceTask_KeyConverterErrorWithToleranceAll_SkipsTheRecordsAndCommitsTheirOffsets()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("unkeyable-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 10);
        config["key.converter"] = "org.apache.kafka.connect.converters.IntegerConverter";
        config["errors.tolerance"] = "all";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var key = OffsetCodec.SerializeKey(name, CountingSourceConnector.SourcePartition(0));
        await Eventually.TrueAsync(() => worker.Offsets.Snapshot().GetValueOrDefault(key) == "{\"seq\":9}", "the skipped records' offsets are committed");
        worker.Worker.TaskMetrics(new ConnectorTaskId(name, 0))!.Skipped.Should().Be(10);
        cluster.ReadValues("counts").Should().BeEmpty();
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SourceTask_TransformationErrorWithToleranceAll_SkipsTheRecords()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("untransformable-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 10);
        config["transforms"] = "broken";
        config["transforms.broken.type"] = typeof(ThrowingTransformation).FullName!;
        config["errors.tolerance"] = "all";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var key = OffsetCodec.SerializeKey(name, CountingSourceConnector.SourcePartition(0));
        await Eventually.TrueAsync(() => worker.Offsets.Snapshot().GetValueOrDefault(key) == "{\"seq\":9}", "the skipped records' offsets are committed");
        worker.Worker.TaskMetrics(new ConnectorTaskId(name, 0))!.Skipped.Should().Be(10);
        cluster.ReadValues("counts").Should().BeEmpty();
    }

    [Fact]
    public async Task SourceTask_TransformationErrorWithToleranceNone_FailsTheTask()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("failing-transform-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 10);
        config["transforms"] = "broken";
        config["transforms.broken.type"] = typeof(ThrowingTransformation).FullName!;

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var status = await Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");
        status.Tasks.Single().Status.Trace.Should().Contain("Tolerance exceeded in error handler").And.Contain("Cannot transform");
        cluster.ReadValues("counts").Should().BeEmpty();
    }

    [Fact]
    public async Task SourceTask_RetriableConverterErrorWithinTheRetryTimeout_IsRetriedAndEveryRecordWritten()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("flaky-converter-source");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 10);
        config["value.converter"] = typeof(FlakyStringConverter).FullName!;
        config["value.converter." + FlakyStringConverter.FailuresConfig] = "2";
        config["value.converter." + FlakyStringConverter.IdConfig] = name;
        config["errors.retry.timeout"] = "30000";
        config["errors.retry.delay.max.ms"] = "1000";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var values = await Eventually.ValueAsync(() => cluster.ReadValues("counts"), v => v.Count >= 10, "every record is written");
        values.Should().Equal(Enumerable.Range(0, 10).Select(i => CountingSourceConnector.ValueOf(0, i)), "the retried record keeps its place");
        FlakyStringConverter.Thrown(name).Should().Be(2);
        worker.Worker.TaskMetrics(new ConnectorTaskId(name, 0))!.Skipped.Should().Be(0);
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task AlterOffsets_OfAStoppedSourceConnector_AreWhereItResumes()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("altered-source");
        var progress = SourceProgress.For(name);
        var worker = await cluster.StartWorkerAsync();
        var herder = worker.Herder;
        await herder.PutConnectorConfigAsync(name, SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 20), allowReplace: false);
        var key = OffsetCodec.SerializeKey(name, CountingSourceConnector.SourcePartition(0));
        await Eventually.TrueAsync(() => worker.Offsets.Snapshot().GetValueOrDefault(key) == "{\"seq\":19}", "every offset is committed");

        var whileRunning = () => herder.AlterOffsetsAsync(name, [new(CountingSourceConnector.SourcePartition(0), new Dictionary<string, object?> { ["seq"] = 4L })]);
        await whileRunning.Should().ThrowAsync<Connect.Sdk.Errors.IllegalWorkerStateException>().WithMessage("Connectors must be in the STOPPED state*");

        await herder.SetTargetStateAsync(name, TargetState.Stopped);
        await herder.AlterOffsetsAsync(name, [new(CountingSourceConnector.SourcePartition(0), new Dictionary<string, object?> { ["seq"] = 14L })]);
        (await herder.GetOffsetsAsync(name)).Should().ContainSingle().Which.Offset.Should().BeEquivalentTo(new Dictionary<string, object?> { ["seq"] = 14L });
        await herder.SetTargetStateAsync(name, TargetState.Started);

        await Eventually.TrueAsync(() => progress.Starts == 2, "the task started again");
        progress.ResumedFrom[0].Should().Be(15);
        await Eventually.TrueAsync(() => cluster.ReadValues("counts").Count == 25, "records 15-19 are produced again");

        await herder.SetTargetStateAsync(name, TargetState.Stopped);
        await herder.AlterOffsetsAsync(name, null);
        (await herder.GetOffsetsAsync(name)).Should().BeEmpty("a reset removes the connector's offsets");
        await herder.SetTargetStateAsync(name, TargetState.Started);
        await Eventually.TrueAsync(() => progress.Starts == 3, "the task started again");
        progress.ResumedFrom[0].Should().Be(0, "after a reset the source starts over");
    }
}
