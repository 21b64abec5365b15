using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Tests.Docs;

#region source-task-test
public class ItemSourceTaskTests
{
    [Fact]
    public async Task Poll_AfterRestart_ResumesFromCommittedOffset()
    {
        var (system, store) = ItemStore.Create();
        store.Append(6);
        var config = new Dictionary<string, string> { ["system"] = system, ["topic"] = "items", ["batch.size"] = "3" };
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        await harness.StartAsync(config);

        var first = await harness.PollUntilAsync(3, TimeSpan.FromSeconds(5));
        first[0].Should().HaveTopic("items").And.HaveKey("item-0").And.HaveValueField("position", 0L);

        await harness.AcknowledgeAsync(first); // as if Kafka had written them
        await harness.CommitAsync();           // their offsets go to harness.OffsetStore
        await harness.RestartAsync();          // a new task instance reads them back in Start

        var next = await harness.PollAsync();
        next.Select(r => r.Key).Should().Equal("item-3", "item-4", "item-5");
    }

    [Fact]
    public async Task Poll_StartsFromASeededOffset()
    {
        var (system, store) = ItemStore.Create();
        store.Append(5);
        await using var harness = new SourceTaskHarness<ItemSourceTask>();
        harness.SeedOffset(new { system }, new { position = 4 });
        await harness.StartAsync(new Dictionary<string, string> { ["system"] = system, ["topic"] = "items" });

        (await harness.PollAsync()).Should().ContainSingle().Which.Should().HaveKey("item-4");
    }
}
#endregion

#region simulated-time
public class TickerSourceTaskTests
{
    [Fact]
    public async Task Poll_OneTickPerMinute_RunsInSimulatedTime()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SourceTaskHarness<TickerSourceTask>(
            () => new TickerSourceTask(time),
            new SourceTaskHarnessOptions { TimeProvider = time });
        await harness.StartAsync(new Dictionary<string, string>());

        var ticks = await harness.PollUntilAsync(60, TimeSpan.FromHours(2));

        ticks.Should().HaveCount(60);
        time.Now.Should().Be(new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero)); // an hour passed, instantly
    }
}
#endregion
