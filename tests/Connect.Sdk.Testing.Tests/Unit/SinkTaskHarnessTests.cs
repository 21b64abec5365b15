using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Records;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Tests.Unit;

public class SinkTaskHarnessTests
{
    private static readonly Dictionary<string, string> Config = new() { ["topics"] = "orders" };
    private static readonly TopicPartition Orders0 = new("orders", 0);
    private static readonly TopicPartition Orders1 = new("orders", 1);

    [Fact]
    public async Task PutAsync_AutoAssignsOpensAndAdvancesCurrentOffsets()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);

        await harness.PutAsync(harness.Records.BuildEach(new { id = 1 }, new { id = 2 }));
        await harness.PutAsync(harness.Records.Partition(1).Value(new { id = 3 }).Build());

        harness.Task.Opened.Should().Equal(Orders0, Orders1);
        harness.Assignment.Should().Equal(Orders0, Orders1);
        harness.Task.Context.Assignment.Should().BeEquivalentTo([Orders0, Orders1]);
        harness.CurrentOffsets.Should().BeEquivalentTo(new Dictionary<TopicPartition, long> { [Orders0] = 2, [Orders1] = 1 });
        harness.Delivered.Should().HaveCount(3);
        harness.PutCount.Should().Be(2);
    }

    [Fact]
    public async Task PutAsync_AutoAssignOff_UnassignedPartitionThrows()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(new SinkTaskHarnessOptions { AutoAssign = false });
        await harness.StartAsync(Config);

        await harness.Invoking(h => h.PutAsync(h.Records.Value(1).Build())).Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("Partitions orders-0 are not assigned to the task; call AssignAsync first*");
    }

    [Fact]
    public async Task PutAsync_Throwing_LeavesOffsetsAndKeepsRetriableErrors()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(() => new RecordingSinkTask
        {
            OnPut = (_, context) =>
            {
                context.Timeout(TimeSpan.FromSeconds(3));
                throw new RetriableException("sink busy");
            },
        });
        await harness.StartAsync(Config);

        await harness.Invoking(h => h.PutAsync(h.Records.Value(1).Build())).Should().ThrowAsync<RetriableException>();

        harness.CurrentOffsets.Should().BeEmpty();
        harness.RetriableErrors.Should().ContainSingle();
        harness.Context.RequestedTimeout.Should().Be(TimeSpan.FromSeconds(3));
        harness.Delivered.Should().BeEmpty();
    }

    [Fact]
    public async Task PutWithRetryAsync_RetriableException_RedeliversSameBatchAfterRequestedBackoff()
    {
        var time = new ManualTimeProvider();
        var attempts = 0;
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(
            () => new RecordingSinkTask
            {
                OnPut = (_, context) =>
                {
                    if (++attempts < 3)
                    {
                        context.Timeout(TimeSpan.FromSeconds(5));
                        throw new RetriableException("busy");
                    }

                    return ValueTask.CompletedTask;
                },
            },
            new SinkTaskHarnessOptions { TimeProvider = time });
        await harness.StartAsync(Config);
        var batch = harness.Records.BuildEach("a", "b");

        var deliveries = await harness.PutWithRetryAsync(batch);

        deliveries.Should().Be(3);
        time.Now.Should().Be(new DateTimeOffset(2024, 1, 1, 0, 0, 10, TimeSpan.Zero));
        harness.Task.Puts.Should().ContainSingle().Which.Should().Equal(batch);
        harness.CurrentOffsets[Orders0].Should().Be(2);
    }

    [Fact]
    public async Task FlushAndPreCommit_PassCurrentOffsetsAndRecordCommitted()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);
        await harness.PutAsync(harness.Records.BuildEach(1, 2, 3));

        await harness.FlushAsync();
        var committed = await harness.PreCommitAsync();

        harness.Task.Flushes.Should().HaveCount(2, "the default PreCommitAsync flushes");
        harness.Task.Flushes[0].Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Orders0] = new(3) });
        committed.Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Orders0] = new(3) });
        harness.CommittedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Orders0] = 3 });
    }

    [Fact]
    public async Task PreCommitAsync_NothingDelivered_DoesNotCallTheTask()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);
        await harness.AssignAsync(Orders0);

        (await harness.PreCommitAsync()).Should().BeEmpty();
        harness.Task.Flushes.Should().BeEmpty();
    }

    [Fact]
    public async Task RevokeAsync_CommitsThenClosesAndForgetsThePartition()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);
        await harness.PutAsync(harness.Records.Value(1).Build(), harness.Records.Partition(1).Value(2).Build());

        await harness.RevokeAsync(Orders1);

        harness.Task.Calls.Should().EndWith(["Flush", "Close"]);
        harness.Task.Closed.Should().Equal(Orders1);
        harness.Assignment.Should().Equal(Orders0);
        harness.CommittedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Orders1] = 1 });
        harness.CurrentOffsets.Keys.Should().Equal(Orders0);
    }

    [Fact]
    public async Task PauseAndResume_AreObservedAndPausedPartitionsAreNotDelivered()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(() => new RecordingSinkTask
        {
            OnPut = (records, context) =>
            {
                context.Pause(Orders0);
                return ValueTask.CompletedTask;
            },
        });
        await harness.StartAsync(Config);
        await harness.PutAsync(harness.Records.Value(1).Build());

        harness.Context.PausedPartitions.Should().BeEquivalentTo([Orders0]);
        await harness.Invoking(h => h.PutAsync(h.Records.Value(2).Build())).Should().ThrowAsync<InvalidOperationException>()
            .WithMessage("The task paused orders-0; the runtime would not deliver records of those partitions until the task resumes them.");

        harness.Task.Context.Resume(Orders0);
        harness.Context.PausedPartitions.Should().BeEmpty();
        harness.Context.ResumeRequests.Should().Equal(Orders0);
    }

    [Fact]
    public async Task OffsetReset_FromTheTask_MovesTheCurrentOffset()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(() => new RecordingSinkTask
        {
            OnPut = (_, context) =>
            {
                context.Offset(Orders0, 100);
                context.Offset(Orders1, 7);
                return ValueTask.CompletedTask;
            },
        });
        await harness.StartAsync(Config);

        await harness.PutAsync(harness.Records.Value(1).Build());

        harness.CurrentOffsets[Orders0].Should().Be(100);
        harness.Context.OffsetRequests.Should().Equal(new OffsetReset(Orders0, 100), new OffsetReset(Orders1, 7));

        await harness.AssignAsync(Orders1);
        harness.CurrentOffsets[Orders1].Should().Be(7, "a reset of an unassigned partition waits until it is assigned");
    }

    [Fact]
    public async Task ErrantRecordsAndCommitRequests_AreObserved()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(() => new RecordingSinkTask
        {
            OnPut = async (records, context) =>
            {
                foreach (var record in records.Where(r => r.Value is null))
                {
                    await context.ErrantRecordReporter!.ReportAsync(record, new DataException("no value"));
                }

                context.RequestCommit();
            },
        });
        await harness.StartAsync(Config);

        var tombstone = harness.Records.Key("k").Tombstone().Build();
        await harness.PutAsync(harness.Records.Key("j").Value("v").Build(), tombstone);

        harness.ErrantRecords.Should().ContainSingle().Which.Should().Match<ErrantRecord>(e => e.Record == tombstone && e.Error.Message == "no value");
        harness.Context.CommitRequests.Should().Be(1);
    }

    [Fact]
    public async Task Options_WithoutErrantRecordReporter_ContextOffersNone()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(new SinkTaskHarnessOptions { ProvideErrantRecordReporter = false });
        await harness.StartAsync(Config);

        harness.Task.Context.ErrantRecordReporter.Should().BeNull();
    }

    [Fact]
    public async Task RestartWithoutCommit_RedeliverUncommitted_DeliversFromTheCommittedOffset()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);
        var records = harness.Records.BuildEach(1, 2, 3, 4);
        await harness.PutAsync(records.Take(2));
        await harness.PreCommitAsync();
        await harness.PutAsync(records.Skip(2));
        var first = harness.Task;

        await harness.RestartAsync(commitOffsets: false);
        var again = await harness.RedeliverUncommittedAsync();

        first.Calls.Should().EndWith(["Close", "Stop"]);
        harness.Task.Should().NotBeSameAs(first);
        harness.Task.Opened.Should().Equal(Orders0);
        again.Should().Equal(records.Skip(2));
        harness.Task.Puts.Should().ContainSingle().Which.Should().Equal(records.Skip(2));
    }

    [Fact]
    public async Task StopAsync_CommitsClosesAndStops()
    {
        var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);
        await harness.PutAsync(harness.Records.Value(1).Build());
        var task = harness.Task;

        await harness.StopAsync();

        task.Calls.Should().Equal("Start", "Open", "Put", "Flush", "Close", "Stop");
        harness.CommittedOffsets[Orders0].Should().Be(1);
        harness.IsRunning.Should().BeFalse();
    }

    [Fact]
    public async Task PutAsync_TaskSayingItKeepsNoRecords_FindsTheRecordsItKeptOverwritten()
    {
        var seen = new List<object?>();
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(() => new RecordingSinkTask
        {
            SaysItKeepsRecords = false,
            OnPut = (records, _) =>
            {
                seen.AddRange(records.Select(r => r.Value));
                return ValueTask.CompletedTask;
            },
        });
        await harness.StartAsync(Config);
        var records = harness.Records.BuildEach(1, 2);

        await harness.PutAsync(records);

        seen.Should().Equal(1, 2);
        harness.Task.Puts.Should().ContainSingle().Which.Should().AllSatisfy(kept =>
        {
            kept.Topic.Should().Be(SinkTaskHarness.OverwrittenTopic);
            kept.Value.Should().BeNull();
        });
        harness.Delivered.Should().Equal(records, "the test's own records are not the ones overwritten");
        records.Select(r => r.Value).Should().Equal(1, 2);
        harness.CurrentOffsets[Orders0].Should().Be(2);
    }

    [Fact]
    public async Task PutAsync_TaskSayingItKeepsNoRecords_ThatReportsOne_FindsThatBatchIntact()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>(() => new RecordingSinkTask
        {
            SaysItKeepsRecords = false,
            OnPut = (records, context) => new ValueTask(context.ErrantRecordReporter!.ReportAsync(records.First(), new FormatException("bad"))),
        });
        await harness.StartAsync(Config);

        await harness.PutAsync(harness.Records.BuildEach(1, 2));

        harness.Task.Puts.Should().ContainSingle().Which.Select(r => r.Value).Should().Equal(1, 2);
        harness.ErrantRecords.Should().ContainSingle().Which.Record.Value.Should().Be(1);
    }

    [Fact]
    public async Task PutAsync_TaskKeepingRecords_IsGivenTheTestsOwnRecords()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(Config);
        var records = harness.Records.BuildEach(1, 2);

        await harness.PutAsync(records);

        var given = harness.Task.Puts.Should().ContainSingle().Subject;
        given[0].Should().BeSameAs(records[0]);
        given[1].Should().BeSameAs(records[1]);
    }

    [Fact]
    public async Task Records_UsesFirstConfiguredTopic()
    {
        await using var harness = new SinkTaskHarness<RecordingSinkTask>();
        await harness.StartAsync(new Dictionary<string, string> { ["topics"] = " payments , refunds" });

        harness.Records.CurrentPartition.Should().Be(new TopicPartition("payments", 0));
    }
}
