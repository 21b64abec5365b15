using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Tests.Docs;

#region sink-task-test
public class ItemSinkTaskTests
{
    private static readonly TopicPartition Orders0 = new("orders", 0);

    [Fact]
    public async Task Put_Upserts_AndPreCommitApprovesTheDeliveredOffsets()
    {
        var (system, store) = ItemStore.Create();
        await using var harness = new SinkTaskHarness<ItemSinkTask>();
        await harness.StartAsync(new Dictionary<string, string> { ["system"] = system, ["topics"] = "orders" });

        // harness.Records builds records of the first topic, with offsets 0, 1, 2… and inferred schemas.
        await harness.PutAsync(
            harness.Records.Key("a").Value(new { id = 1, item = "book" }).Build(),
            harness.Records.Key("b").Value(new { id = 2, item = "pen" }).Build(),
            harness.Records.Key("a").Value(new { id = 3, item = "ink" }).Build());
        var committed = await harness.PreCommitAsync();

        store.Written().Should().BeEquivalentTo("Struct{id=3,item=ink}", "Struct{id=2,item=pen}");
        committed.Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Orders0] = new(3) });
    }

    [Fact]
    public async Task Put_WhileTheStoreIsDown_IsRetriedAfterTheBackOff()
    {
        var (system, store) = ItemStore.Create();
        var time = new ManualTimeProvider();
        await using var harness = new SinkTaskHarness<ItemSinkTask>(new SinkTaskHarnessOptions { TimeProvider = time });
        await harness.StartAsync(new Dictionary<string, string> { ["system"] = system, ["topics"] = "orders" });
        var batch = harness.Records.BuildEach(new { id = 1 }, new { id = 2 });

        store.Unavailable = true;
        await harness.Invoking(h => h.PutAsync(batch)).Should().ThrowAsync<Errors.RetriableException>();
        harness.CurrentOffsets.Should().BeEmpty(); // nothing is committed for a failed put

        store.Unavailable = false;
        var deliveries = await harness.PutWithRetryAsync(batch); // the runtime redelivers the same batch

        deliveries.Should().Be(1);
        harness.CurrentOffsets[Orders0].Should().Be(2);
    }
}
#endregion
