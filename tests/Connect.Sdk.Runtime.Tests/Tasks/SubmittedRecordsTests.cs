using Connect.Sdk.Runtime.Tasks;

namespace Connect.Sdk.Runtime.Tests.Tasks;

public class SubmittedRecordsTests
{
    private static readonly IReadOnlyDictionary<string, object?> PartitionA = new Dictionary<string, object?> { ["file"] = "a" };
    private static readonly IReadOnlyDictionary<string, object?> PartitionB = new Dictionary<string, object?> { ["file"] = "b" };

    [Fact]
    public void TakeCommittable_InOrderAcks_GivesTheLatestOffset()
    {
        var submitted = new SubmittedRecords();
        var records = Enumerable.Range(0, 3).Select(i => submitted.Submit(PartitionA, Offset(i))).ToList();
        records.ForEach(r => r.Acknowledge());

        var committable = submitted.TakeCommittable();

        committable.Offsets.Should().ContainSingle().Which.Value.Should().BeEquivalentTo(Offset(2));
        committable.PendingRecords.Should().Be(0);
        submitted.InFlight.Should().Be(0);
    }

    [Fact]
    public void TakeCommittable_OutOfOrderAcks_CommitsOnlyTheAcknowledgedPrefix()
    {
        var submitted = new SubmittedRecords();
        var records = Enumerable.Range(0, 4).Select(i => submitted.Submit(PartitionA, Offset(i))).ToList();

        records[3].Acknowledge();
        records[2].Acknowledge();
        var none = submitted.TakeCommittable();
        records[0].Acknowledge();
        var first = submitted.TakeCommittable();
        records[1].Acknowledge();
        var rest = submitted.TakeCommittable();

        none.Offsets.Should().BeEmpty("the first record is not acknowledged yet");
        none.PendingRecords.Should().Be(4);
        first.Offsets[PartitionA].Should().BeEquivalentTo(Offset(0), "record 1 is still outstanding, so 2 and 3 wait");
        first.PendingRecords.Should().Be(3);
        rest.Offsets[PartitionA].Should().BeEquivalentTo(Offset(3));
        rest.PendingRecords.Should().Be(0);
    }

    [Fact]
    public void TakeCommittable_PartitionsAreIndependent()
    {
        var submitted = new SubmittedRecords();
        var a0 = submitted.Submit(PartitionA, Offset(0));
        var b0 = submitted.Submit(PartitionB, Offset(10));
        var b1 = submitted.Submit(PartitionB, Offset(11));

        b0.Acknowledge();
        b1.Acknowledge();
        var committable = submitted.TakeCommittable();

        committable.Offsets.Keys.Should().ContainSingle().Which.Should().BeSameAs(PartitionB);
        committable.Offsets[PartitionB].Should().BeEquivalentTo(Offset(11));
        committable.PendingRecords.Should().Be(1);
        a0.Acknowledge();
        submitted.TakeCommittable().Offsets[PartitionA].Should().BeEquivalentTo(Offset(0));
    }

    [Fact]
    public void Submit_EqualPartitionMapsShareAQueue()
    {
        var submitted = new SubmittedRecords();
        var first = submitted.Submit(new Dictionary<string, object?> { ["p"] = 1, ["f"] = "x" }, Offset(0));
        var second = submitted.Submit(new Dictionary<string, object?> { ["f"] = "x", ["p"] = 1 }, Offset(1));

        second.Acknowledge();

        submitted.TakeCommittable().Offsets.Should().BeEmpty("another map with the same entries is the same source partition");
        first.Acknowledge();
        submitted.TakeCommittable().Offsets.Should().ContainSingle().Which.Value.Should().BeEquivalentTo(Offset(1));
    }

    [Fact]
    public void TakeCommittable_AfterTaking_ReturnsNothingNew()
    {
        var submitted = new SubmittedRecords();
        submitted.Submit(PartitionA, Offset(0)).Acknowledge();
        submitted.TakeCommittable();

        submitted.TakeCommittable().Offsets.Should().BeEmpty();
    }

    [Fact]
    public void RecordsWithoutPartition_AreCountedInFlightButNeverCommitted()
    {
        var submitted = new SubmittedRecords();
        var record = submitted.Submit(null, null);

        submitted.InFlight.Should().Be(1);
        record.Acknowledge();
        record.Acknowledge();

        submitted.InFlight.Should().Be(0, "acknowledging twice counts once");
        submitted.TakeCommittable().Offsets.Should().BeEmpty();
    }

    [Fact]
    public async Task AwaitAllAsync_TrueOnceEverythingIsAcknowledged_FalseOnTimeout()
    {
        var submitted = new SubmittedRecords();
        var record = submitted.Submit(PartitionA, Offset(0));

        var timedOut = await submitted.AwaitAllAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        var waiting = submitted.AwaitAllAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        record.Acknowledge();

        timedOut.Should().BeFalse();
        (await waiting).Should().BeTrue();
    }

    [Fact]
    public async Task Acknowledge_FromManyThreads_CommitsTheLastOffset()
    {
        var submitted = new SubmittedRecords();
        var records = Enumerable.Range(0, 1000).Select(i => submitted.Submit(PartitionA, Offset(i))).ToList();

        await Task.WhenAll(records.AsEnumerable().Reverse().Chunk(100).Select(chunk => Task.Run(() => Array.ForEach(chunk, r => r.Acknowledge()))));

        submitted.TakeCommittable().Offsets[PartitionA].Should().BeEquivalentTo(Offset(999));
    }

    [Fact]
    public void OnSettled_OnceAcknowledgedAndEveryEarlierRecordOfItsPartitionIs_WhenTheLoopNextLooks()
    {
        var submitted = new SubmittedRecords();
        var settled = new List<string>();
        var a0 = new SettlingRecord(PartitionA, Offset(0), "a0", settled);
        var a1 = new SettlingRecord(PartitionA, Offset(1), "a1", settled);
        var b0 = new SettlingRecord(PartitionB, Offset(0), "b0", settled);
        var none = new SettlingRecord(null, null, "none", settled);
        foreach (var record in new[] { a0, a1, b0, none })
        {
            submitted.Submit(record);
        }

        a1.Acknowledge();
        submitted.TakeCommittable();
        settled.Should().BeEmpty("a0 is still in flight, and an acknowledgement alone settles nothing");
        none.Acknowledge();
        b0.Acknowledge();
        a0.Acknowledge();
        settled.Should().BeEmpty();
        var committable = submitted.TakeCommittable();

        settled.Should().BeEquivalentTo("none", "a0", "a1", "b0");
        settled.IndexOf("a0").Should().BeLessThan(settled.IndexOf("a1"));
        committable.Offsets[PartitionA].Should().BeEquivalentTo(Offset(1));
    }

    [Fact]
    public void Submit_EveryFewRecords_SettlesAcknowledgedRecordsAtTheHeadOfItsPartition()
    {
        var submitted = new SubmittedRecords();
        var settled = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var record = new SettlingRecord(PartitionA, Offset(i), $"a{i}", settled);
            submitted.Submit(record);
            record.Acknowledge();
        }

        settled.Should().NotBeEmpty("the loop looks at the head of a queue every few submissions")
            .And.HaveCountLessThan(100, "the last ones wait for the next look")
            .And.Equal(Enumerable.Range(0, settled.Count).Select(i => $"a{i}"), "records settle in order");
        submitted.TakeCommittable().Offsets[PartitionA].Should().BeEquivalentTo(Offset(99));
        settled.Should().HaveCount(100);
    }

    [Fact]
    public async Task AcknowledgeFromAnotherThread_WhileTheLoopSubmitsAndCommits_CommitsOnlyContiguousPrefixes()
    {
        const int records = 20_000;
        var partitions = new[] { PartitionA, PartitionB };
        var submitted = new SubmittedRecords();
        var settledCount = 0;
        var handles = new System.Collections.Concurrent.BlockingCollection<SubmittedRecords.SubmittedRecord>();
        var acknowledged = new bool[records];
        var acker = Task.Run(() =>
        {
            // Acknowledge out of order: hold a few back, then release them.
            var held = new List<SubmittedRecords.SubmittedRecord>();
            var random = new Random(7);
            foreach (var handle in handles.GetConsumingEnumerable())
            {
                held.Add(handle);
                if (held.Count > 16 || random.Next(4) == 0)
                {
                    var index = random.Next(held.Count);
                    var record = held[index];
                    held.RemoveAt(index);
                    acknowledged[(int)(long)record.Offset!["position"]!] = true;
                    record.Acknowledge();
                }
            }

            foreach (var record in held)
            {
                acknowledged[(int)(long)record.Offset!["position"]!] = true;
                record.Acknowledge();
            }
        });
        var committed = new Dictionary<IReadOnlyDictionary<string, object?>, long>();
        void Check(CommittableOffsets committable)
        {
            foreach (var (partition, offset) in committable.Offsets)
            {
                var position = (long)offset!["position"]!;
                committed[partition] = position;
            }
        }

        for (var i = 0; i < records; i++)
        {
            var record = new CountingRecord(partitions[i % 2], Offset(i), () => Interlocked.Increment(ref settledCount));
            submitted.Submit(record);
            handles.Add(record);
            if (i % 1000 == 0)
            {
                Check(submitted.TakeCommittable());
            }
        }

        handles.CompleteAdding();
        await acker;
        Check(submitted.TakeCommittable());

        committed[PartitionA].Should().Be(records - 2);
        committed[PartitionB].Should().Be(records - 1);
        settledCount.Should().Be(records, "every record is settled exactly once");
        submitted.InFlight.Should().Be(0);
        acknowledged.Should().AllSatisfy(a => a.Should().BeTrue());
    }

    private static Dictionary<string, object?> Offset(long position) => new() { ["position"] = position };

    private sealed class CountingRecord(IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset, Action onSettled)
        : SubmittedRecords.SubmittedRecord(partition, offset)
    {
        protected internal override void OnSettled() => onSettled();
    }

    private sealed class SettlingRecord(IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset, string name, List<string> settled)
        : SubmittedRecords.SubmittedRecord(partition, offset)
    {
        protected internal override void OnSettled() => settled.Add(name);
    }
}
