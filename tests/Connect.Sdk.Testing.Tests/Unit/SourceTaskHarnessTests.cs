using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Tests.Unit;

public class SourceTaskHarnessTests
{
    private static (Dictionary<string, string> Config, ItemStore Store) ItemConfig(int batchSize = 4)
    {
        var (id, store) = ItemStore.Create();
        return (new Dictionary<string, string> { ["system"] = id, ["topic"] = "items", ["batch.size"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) }, store);
    }

    private static SourceTaskHarness<ScriptedSourceTask> Scripted(Queue<IReadOnlyList<SourceRecord>?> batches, SourceTaskHarnessOptions? options = null) =>
        new(() => new ScriptedSourceTask { OnPoll = _ => ValueTask.FromResult(batches.Count > 0 ? batches.Dequeue() : null) }, options);

    [Fact]
    public async Task PollAsync_ItemTask_ReturnsRecordsWithSchemas()
    {
        var (config, store) = ItemConfig();
        store.Append(3);
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        await harness.StartAsync(config);

        var records = await harness.PollAsync();

        records.Should().HaveCount(3);
        records[0].Should().HaveTopic("items").And.HaveKey("item-0").And.HaveValueField("position", 0L).And.HaveValueSchemaNamed("example.Item");
        records[0].ValueSchema.Should().Be(ItemSourceTask.ValueSchema);
        harness.Polled.Should().Equal(records);
        harness.PollCount.Should().Be(1);
    }

    [Fact]
    public async Task PollAsync_SeveralBatches_CountsEmptyPolls()
    {
        var batches = new Queue<IReadOnlyList<SourceRecord>?>([[ScriptedSourceTask.Record("a", 1)], null, [ScriptedSourceTask.Record("a", 2)]]);
        await using var harness = Scripted(batches);
        await harness.StartAsync(new Dictionary<string, string>());

        var records = await harness.PollAsync(batches: 3);

        records.Select(r => r.Value).Should().Equal(1L, 2L);
        harness.PollCount.Should().Be(3);
    }

    [Fact]
    public async Task PollUntilAsync_EnoughRecords_ReturnsThem()
    {
        var (config, store) = ItemConfig(batchSize: 2);
        store.Append(5);
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        await harness.StartAsync(config);

        var records = await harness.PollUntilAsync(3, TimeSpan.FromSeconds(5));

        records.Should().HaveCount(4, "the second poll returned a whole batch of two");
    }

    [Fact]
    public async Task PollUntilAsync_TooFewRecords_ThrowsTimeoutSayingHowMany()
    {
        var time = new ManualTimeProvider();
        var batches = new Queue<IReadOnlyList<SourceRecord>?>([[ScriptedSourceTask.Record("a", 1)]]);
        await using var harness = Scripted(batches, new SourceTaskHarnessOptions { TimeProvider = time, EmptyPollDelay = TimeSpan.FromSeconds(1) });
        await harness.StartAsync(new Dictionary<string, string>());

        var act = () => harness.PollUntilAsync(5, TimeSpan.FromSeconds(30));

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should()
            .Be("Expected the task to return at least 5 records within 30000 ms, but it returned 1 in 31 polls.");
        time.Now.Should().Be(new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero), "the wait ran on the manual clock");
    }

    [Fact]
    public async Task PollUntilAsync_TaskWaitingOnManualClock_RunsInSimulatedTime()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SourceTaskHarness<TickerSourceTask>(() => new TickerSourceTask(time), new SourceTaskHarnessOptions { TimeProvider = time });
        await harness.StartAsync(new Dictionary<string, string>());

        var started = DateTime.UtcNow;
        var records = await harness.PollUntilAsync(3, TimeSpan.FromHours(1));

        records.Select(r => r.Value).Should().Equal(1L, 2L, 3L);
        time.Now.Should().Be(new DateTimeOffset(2024, 1, 1, 0, 3, 0, TimeSpan.Zero));
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AcknowledgeAsync_OutOfOrder_CommitsOnlyTheContiguousPrefixPerPartition()
    {
        var batch = new[] { ScriptedSourceTask.Record("a", 1), ScriptedSourceTask.Record("a", 2), ScriptedSourceTask.Record("b", 7), ScriptedSourceTask.Record("a", 3) };
        await using var harness = Scripted(new Queue<IReadOnlyList<SourceRecord>?>([batch]));
        await harness.StartAsync(new Dictionary<string, string>());
        await harness.PollAsync();

        await harness.AcknowledgeAsync([batch[0], batch[3], batch[2]]);
        var firstCommit = await harness.CommitAsync();
        await harness.AcknowledgeAsync([batch[1]]);
        var secondCommit = await harness.CommitAsync();

        firstCommit.Should().HaveCount(2);
        firstCommit[new Dictionary<string, object?> { ["file"] = "a" }].Should().Equal(new Dictionary<string, object?> { ["position"] = 1L });
        firstCommit[new Dictionary<string, object?> { ["file"] = "b" }].Should().Equal(new Dictionary<string, object?> { ["position"] = 7L });
        secondCommit[new Dictionary<string, object?> { ["file"] = "a" }].Should().Equal(new Dictionary<string, object?> { ["position"] = 3L });
        harness.OffsetStore.Offset(new Dictionary<string, object?> { ["file"] = "a" }).Should().Equal(new Dictionary<string, object?> { ["position"] = 3L });
        harness.Task.Commits.Should().Be(2);
    }

    [Fact]
    public async Task AcknowledgeAsync_CallsCommitRecordWithMetadataPerKafkaPartition()
    {
        var batch = new[] { ScriptedSourceTask.Record("a", 1), ScriptedSourceTask.Record("a", 2) };
        var time = new ManualTimeProvider();
        await using var harness = Scripted(new Queue<IReadOnlyList<SourceRecord>?>([batch]), new SourceTaskHarnessOptions { TimeProvider = time });
        await harness.StartAsync(new Dictionary<string, string>());
        await harness.PollAsync();

        await harness.AcknowledgeAllAsync();

        harness.Task.CommittedRecords.Select(c => c.Metadata).Should().Equal(
            new RecordMetadata("lines", 0, 0, time.Now.ToUnixTimeMilliseconds()),
            new RecordMetadata("lines", 0, 1, time.Now.ToUnixTimeMilliseconds()));
        harness.Unacknowledged.Should().BeEmpty();
        harness.Acknowledged.Should().Equal(batch);
    }

    [Fact]
    public async Task AcknowledgeAsync_RecordNotPolled_Throws()
    {
        await using var harness = Scripted(new Queue<IReadOnlyList<SourceRecord>?>());
        await harness.StartAsync(new Dictionary<string, string>());

        var act = () => harness.AcknowledgeAsync([ScriptedSourceTask.Record("a", 1)]);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("The record was not polled from the running task, or was already acknowledged");
    }

    [Fact]
    public async Task RestartAsync_AfterCommit_NewInstanceResumesFromCommittedOffset()
    {
        var (config, store) = ItemConfig(batchSize: 3);
        store.Append(6);
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        await harness.StartAsync(config);
        var first = harness.Task;
        await harness.AcknowledgeAsync(await harness.PollAsync());
        await harness.CommitAsync();

        await harness.RestartAsync();
        var records = await harness.PollAsync();

        harness.Task.Should().NotBeSameAs(first);
        harness.Starts.Should().Be(2);
        records.Select(r => r.Key).Should().Equal("item-3", "item-4", "item-5");
    }

    [Fact]
    public async Task RestartAsync_WithoutCommit_ReplaysWhatWasNotCommitted()
    {
        var (config, store) = ItemConfig(batchSize: 2);
        store.Append(4);
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        await harness.StartAsync(config);
        await harness.AcknowledgeAsync(await harness.PollAsync());
        await harness.CommitAsync();
        await harness.AcknowledgeAsync(await harness.PollAsync());

        await harness.RestartAsync(commitOffsets: false);

        (await harness.PollAsync()).Select(r => r.Key).Should().Equal("item-2", "item-3");
    }

    [Fact]
    public async Task SeedOffset_BeforeStart_TaskResumesFromIt()
    {
        var (config, store) = ItemConfig();
        store.Append(5);
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        harness.SeedOffset(new { system = config["system"] }, new { position = 3 });
        await harness.StartAsync(config);

        (await harness.PollAsync()).Select(r => r.Key).Should().Equal("item-3", "item-4");
    }

    [Fact]
    public async Task PollAsync_RetriableException_CountsAsEmptyPollAndIsKept()
    {
        var calls = 0;
        await using var harness = new SourceTaskHarness<ScriptedSourceTask>(() => new ScriptedSourceTask
        {
            OnPoll = _ => ++calls == 1 ? throw new RetriableException("busy") : ValueTask.FromResult<IReadOnlyList<SourceRecord>?>([ScriptedSourceTask.Record("a", 1)]),
        });
        await harness.StartAsync(new Dictionary<string, string>());

        var records = await harness.PollUntilAsync(1);

        records.Should().ContainSingle();
        harness.RetriableErrors.Should().ContainSingle().Which.Message.Should().Be("busy");
    }

    [Fact]
    public async Task PollAsync_OtherException_Propagates()
    {
        await using var harness = new SourceTaskHarness<ScriptedSourceTask>(() => new ScriptedSourceTask { OnPoll = _ => throw new ConnectException("broken") });
        await harness.StartAsync(new Dictionary<string, string>());

        await harness.Invoking(h => h.PollAsync()).Should().ThrowAsync<ConnectException>().WithMessage("broken");
    }

    [Fact]
    public async Task PollAsync_ValueNotMatchingSchema_ThrowsDataException()
    {
        var bad = new SourceRecord(null, null, "t", valueSchema: Schema.Int32, value: "not a number");
        await using var harness = Scripted(new Queue<IReadOnlyList<SourceRecord>?>([[bad]]));
        await harness.StartAsync(new Dictionary<string, string>());

        (await harness.Invoking(h => h.PollAsync()).Should().ThrowAsync<DataException>()).Which.Message.Should()
            .StartWith("Record 0 of poll 1 is not valid, so the runtime would fail the task: Invalid value for schema type Int32: expected System.Int32 but got System.String");
    }

    [Fact]
    public async Task PollAsync_NonPrimitiveOffset_ThrowsDataException()
    {
        var bad = new SourceRecord(new Dictionary<string, object?> { ["f"] = "a" }, new Dictionary<string, object?> { ["at"] = DateTime.UnixEpoch }, "t");
        await using var harness = Scripted(new Queue<IReadOnlyList<SourceRecord>?>([[bad]]));
        await harness.StartAsync(new Dictionary<string, string>());

        (await harness.Invoking(h => h.PollAsync()).Should().ThrowAsync<DataException>()).Which.Message.Should()
            .Contain("Source offsets may only contain primitive types as values, but field at contains System.DateTime.");
    }

    [Fact]
    public async Task StopAsync_DuringPoll_CancelsThePollAndStopsTheTask()
    {
        var polling = new TaskCompletionSource();
        await using var harness = new SourceTaskHarness<ScriptedSourceTask>(() => new ScriptedSourceTask
        {
            OnPoll = async ct =>
            {
                polling.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            },
        });
        await harness.StartAsync(new Dictionary<string, string>());
        var task = harness.Task;

        var poll = harness.PollAsync();
        await polling.Task;
        await harness.StopAsync();

        (await poll).Should().BeEmpty();
        task.Stopped.Should().BeTrue();
        harness.IsRunning.Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_GivesTheTaskItsConfigAndOffsetReader()
    {
        var config = new Dictionary<string, string> { ["k"] = "v" };
        await using var harness = Scripted(new Queue<IReadOnlyList<SourceRecord>?>());

        await harness.StartAsync(config);

        harness.Task.StartedWith.Should().BeSameAs(config);
        harness.Task.Context.Configs.Should().BeSameAs(config);
        harness.Task.Context.OffsetStorageReader.Should().BeSameAs(harness.OffsetStore);
        await harness.Invoking(h => h.StartAsync(config)).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public void Task_BeforeStart_Throws()
    {
        var harness = new SourceTaskHarness<ItemSourceTask>();

        harness.Invoking(h => h.Task).Should().Throw<InvalidOperationException>().WithMessage("The harness has not been started; call StartAsync first.");
    }
}
