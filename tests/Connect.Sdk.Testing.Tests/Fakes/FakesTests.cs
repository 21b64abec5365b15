using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Fakes;

namespace Connect.Sdk.Testing.Tests.Fakes;

public class InMemoryOffsetStoreTests
{
    [Fact]
    public void Set_IntegralAndFloatOffsets_ComeBackAsTheRuntimeStoresThem()
    {
        var store = new InMemoryOffsetStore();

        store.Set(new Dictionary<string, object?> { ["file"] = "a", ["shard"] = 1 }, new Dictionary<string, object?> { ["position"] = 5, ["ratio"] = 0.1f, ["done"] = false });

        var offset = store.Offset(new Dictionary<string, object?> { ["file"] = "a", ["shard"] = 1L });
        offset.Should().Equal(new Dictionary<string, object?> { ["position"] = 5L, ["ratio"] = 0.1d, ["done"] = false });
        store.Count.Should().Be(1);
        store.Writes.Should().Be(1);
    }

    [Fact]
    public void Set_NullOffset_RemovesIt()
    {
        var store = new InMemoryOffsetStore();
        var partition = new Dictionary<string, object?> { ["file"] = "a" };
        store.Set(partition, new Dictionary<string, object?> { ["position"] = 1L });

        store.Set(partition, null);

        store.Offset(partition).Should().BeNull();
        store.Offsets([partition]).Should().BeEmpty();
    }

    [Fact]
    public void Set_NonPrimitive_ThrowsAsTheRuntimeDoes()
    {
        var act = () => new InMemoryOffsetStore().Set(new Dictionary<string, object?> { ["file"] = new[] { "a" } }, new Dictionary<string, object?>());

        act.Should().Throw<DataException>().WithMessage("Source partitions may only contain primitive types as values, but field file contains System.String[].");
    }

    [Fact]
    public void Offsets_ReturnsTheStoredOnesKeyedByTheGivenPartitions()
    {
        var store = new InMemoryOffsetStore();
        var a = new Dictionary<string, object?> { ["file"] = "a" };
        var b = new Dictionary<string, object?> { ["file"] = "b" };
        store.SetAll([new(a, new Dictionary<string, object?> { ["position"] = 1L })]);

        var offsets = store.Offsets([a, b]);

        offsets.Should().ContainSingle().Which.Key.Should().BeSameAs(a);
        store.Snapshot().Should().ContainSingle();
    }
}

public class ManualTimeProviderTests
{
    [Fact]
    public void Advance_FiresDueTimersInOrderAtTheirTime()
    {
        var time = new ManualTimeProvider();
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.Now)), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.Now)), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

        time.TimeUntilNextTimer.Should().Be(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(6));

        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        fired.Should().Equal(("early", start.AddSeconds(2)), ("early", start.AddSeconds(4)), ("late", start.AddSeconds(5)), ("early", start.AddSeconds(6)));
        time.Now.Should().Be(start.AddSeconds(6));
        time.GetElapsedTime(0).Should().Be(TimeSpan.FromSeconds(6));
        time.ActiveTimers.Should().Be(1, "the one-shot timer is done");
    }

    [Fact]
    public async Task TaskDelay_OnTheProvider_CompletesWhenAdvanced()
    {
        var time = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(1), time);

        time.Advance(TimeSpan.FromSeconds(59));
        delay.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void DisposedOrChangedTimers_FollowTheChange()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan).Should().BeTrue();

        time.Advance(TimeSpan.FromSeconds(5));
        count.Should().Be(0);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));

        count.Should().Be(0);
        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan).Should().BeFalse();
        time.TimeUntilNextTimer.Should().BeNull();
    }
}

public class FakeContextTests
{
    [Fact]
    public void SinkContext_RecordsRequests()
    {
        var context = new FakeSinkTaskContext(new Dictionary<string, string>());
        var p0 = new TopicPartition("t", 0);
        var p1 = new TopicPartition("t", 1);
        context.SetAssignment([p0, p1]);

        context.Pause(p0, p1);
        context.Resume(p1);
        context.Offset(new Dictionary<TopicPartition, long> { [p0] = 4 });
        context.Timeout(TimeSpan.FromSeconds(2));
        context.RequestCommit();
        context.SetAssignment([p1]);

        context.PausedPartitions.Should().BeEmpty("p0 was revoked and p1 resumed");
        context.PauseRequests.Should().Equal(p0, p1);
        context.ResumeRequests.Should().Equal(p1);
        context.OffsetRequests.Should().Equal(new OffsetReset(p0, 4));
        context.TakePendingOffsetResets().Should().Equal(new OffsetReset(p0, 4));
        context.TakePendingOffsetResets().Should().BeEmpty();
        context.RequestedTimeout.Should().Be(TimeSpan.FromSeconds(2));
        context.CommitRequests.Should().Be(1);
        context.Assignment.Should().Equal(p1);
        context.ErrantRecordReporter.Should().BeOfType<FakeErrantRecordReporter>();
    }

    [Fact]
    public async Task ErrantRecordReporter_KeepsRecordAndError()
    {
        var reporter = new FakeErrantRecordReporter();
        var record = new SinkRecord("t", 0, null, null, null, "x", 3);

        await reporter.ReportAsync(record, new DataException("bad"));

        reporter.Reported.Should().ContainSingle().Which.Should().Be(new ErrantRecord(record, reporter.Reported[0].Error));
    }

    [Fact]
    public void TransactionContext_RecordsBoundaries()
    {
        var context = new FakeTransactionContext();
        var record = new Source.SourceRecord(null, null, "t");

        context.CommitTransaction();
        context.AbortTransaction(record);

        context.Requests.Should().Equal(new TransactionRequest(true, null), new TransactionRequest(false, record));
    }
}
