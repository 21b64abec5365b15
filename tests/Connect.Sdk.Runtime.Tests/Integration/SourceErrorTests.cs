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
        await using var source = await CountingSource.StartAsync(output, "flaky-source", records: 30);
        source.Config[CountingSourceConnector.PollRetriableFailuresConfig] = "3";

        await source.CreateConnectorAsync();

        var values = await Eventually.ValueAsync(() => source.ReadValues(), v => v.Count >= 30, "every record is produced");
        values.Should().Equal(Enumerable.Range(0, 30).Select(i => CountingSourceConnector.ValueOf(0, i)));
        SourceProgress.For(source.Name).RetriableFailures.Should().Be(3);
        source.TaskState.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SourceTask_ExceptionFromPoll_FailsTheTaskWithItsTrace()
    {
        await using var source = await CountingSource.StartAsync(output, "failing-source", records: 30);
        source.Config[CountingSourceConnector.PollFatalErrorConfig] = "the source database is gone";

        await source.CreateConnectorAsync();

        var status = await source.TaskFailedAsync();
        status.Connector.State.Should().Be(ConnectState.Running);
        status.Tasks.Single().Status.Trace.Should().Contain("System.InvalidOperationException: the source database is gone")
            .And.Contain(nameof(CountingSourceTask.PollAsync));
        await Eventually.TrueAsync(() => SourceProgress.For(source.Name).Stops == 1, "the failed task was stopped");
    }

    [Fact]
    public async Task SourceTask_ConverterErrorWithToleranceNone_FailsTheTaskAndCommitsNothing()
    {
        await using var source = await CountingSource.StartAsync(output, "unconvertible-source", records: 10);
        source.Config["value.converter"] = "org.apache.kafka.connect.converters.IntegerConverter";

        await source.CreateConnectorAsync();

        var status = await source.TaskFailedAsync();
        status.Tasks.Single().Status.Trace.Should().Contain("Tolerance exceeded in error handler").And.Contain("Connect.Sdk.Errors.DataException");
        source.Worker.Offsets.Snapshot().Should().BeEmpty("no record was written, so no offset is committed");
        source.ReadValues().Should().BeEmpty();
    }

    [Fact]
    public async Task SourceTask_ConverterErrorWithToleranceAll_SkipsTheRecordsAndCommitsTheirOffsets()
    {
        await using var source = await CountingSource.StartAsync(output, "skipping-source", records: 10);
        source.Config["value.converter"] = "org.apache.kafka.connect.converters.IntegerConverter";
        source.Config["errors.tolerance"] = "all";
        source.Config["errors.log.enable"] = "true";

        await source.CreateConnectorAsync();

        await source.OffsetCommittedAsync("{\"seq\":9}", "the skipped records' offsets are committed");
        SourceProgress.For(source.Name).CommittedRecords.Should().Be(10, "commitRecord is called for skipped records too");
        source.Skipped.Should().Be(10);
        source.ReadValues().Should().BeEmpty();
        source.TaskState.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SourceTask_KeyConverterErrorWithToleranceAll_SkipsTheRecordsAndCommitsTheirOffsets()
    {
        await using var source = await CountingSource.StartAsync(output, "unkeyable-source", records: 10);
        source.Config["key.converter"] = "org.apache.kafka.connect.converters.IntegerConverter";
        source.Config["errors.tolerance"] = "all";

        await source.CreateConnectorAsync();

        await source.OffsetCommittedAsync("{\"seq\":9}", "the skipped records' offsets are committed");
        source.Skipped.Should().Be(10);
        source.ReadValues().Should().BeEmpty();
        source.TaskState.Should().Be(ConnectState.Running);
    }

    [Fact]
    public async Task SourceTask_TransformationErrorWithToleranceAll_SkipsTheRecords()
    {
        await using var source = await CountingSource.StartAsync(output, "untransformable-source", records: 10);
        source.Config["transforms"] = "broken";
        source.Config["transforms.broken.type"] = typeof(ThrowingTransformation).FullName!;
        source.Config["errors.tolerance"] = "all";

        await source.CreateConnectorAsync();

        await source.OffsetCommittedAsync("{\"seq\":9}", "the skipped records' offsets are committed");
        source.Skipped.Should().Be(10);
        source.ReadValues().Should().BeEmpty();
    }

    [Fact]
    public async Task SourceTask_TransformationErrorWithToleranceNone_FailsTheTask()
    {
        await using var source = await CountingSource.StartAsync(output, "failing-transform-source", records: 10);
        source.Config["transforms"] = "broken";
        source.Config["transforms.broken.type"] = typeof(ThrowingTransformation).FullName!;

        await source.CreateConnectorAsync();

        var status = await source.TaskFailedAsync();
        status.Tasks.Single().Status.Trace.Should().Contain("Tolerance exceeded in error handler").And.Contain("Cannot transform");
        source.ReadValues().Should().BeEmpty();
    }

    [Fact]
    public async Task SourceTask_RetriableConverterErrorWithinTheRetryTimeout_IsRetriedAndEveryRecordWritten()
    {
        await using var source = await CountingSource.StartAsync(output, "flaky-converter-source", records: 10);
        source.Config["value.converter"] = typeof(FlakyStringConverter).FullName!;
        source.Config["value.converter." + FlakyStringConverter.FailuresConfig] = "2";
        source.Config["value.converter." + FlakyStringConverter.IdConfig] = source.Name;
        source.Config["errors.retry.timeout"] = "30000";
        source.Config["errors.retry.delay.max.ms"] = "1000";

        await source.CreateConnectorAsync();

        var values = await Eventually.ValueAsync(() => source.ReadValues(), v => v.Count >= 10, "every record is written");
        values.Should().Equal(Enumerable.Range(0, 10).Select(i => CountingSourceConnector.ValueOf(0, i)), "the retried record keeps its place");
        FlakyStringConverter.Thrown(source.Name).Should().Be(2);
        source.Skipped.Should().Be(0);
        source.TaskState.Should().Be(ConnectState.Running);
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
