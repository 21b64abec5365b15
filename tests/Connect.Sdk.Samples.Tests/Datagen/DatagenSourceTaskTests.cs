using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Samples.Tests.Datagen;

public sealed class DatagenSourceTaskTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private readonly List<SourceTaskHarness<DatagenSourceTask>> _harnesses = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task PollAsync_Orders_AreValidStructsWithMatchingKeysAndOffsets()
    {
        var harness = await StartAsync(("iterations", "50"));

        var records = await harness.PollAsync();

        records.Should().HaveCount(50);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var key = (Struct)record.Key!;
            var value = (Struct)record.Value!;
            record.KeySchema.Should().BeSameAs(OrderSchemas.OrderKey);
            record.ValueSchema.Should().BeSameAs(OrderSchemas.Order);
            record.Should().HaveTopic("orders").And.HaveValueField("order_id", (long)i);
            key.GetInt64("order_id").Should().Be(i);
            value.GetString("customer_id").Should().MatchRegex("^C[0-9]{5}$");
            value.GetString("product").Should().NotBeNullOrEmpty();
            value.GetInt32("quantity").Should().BeInRange(1, 5);
            var price = (decimal)value.Get("price")!;
            price.Should().BePositive();
            decimal.Round(price, 2).Should().Be(price);
            value.Get("order_time").Should().Be(Now.UtcDateTime);
            record.Timestamp.Should().Be(Now.ToUnixTimeMilliseconds());
            record.SourcePartition.Should().BeEquivalentTo(new Dictionary<string, object?> { ["task"] = 0L });
            record.SourceOffset.Should().BeEquivalentTo(new Dictionary<string, object?> { ["sequence"] = (long)i });
        }

        var addresses = records.Select(r => ((Struct)r.Value!).GetStruct("shipping_address")).ToList();
        addresses.Should().Contain(a => a == null, "some orders are picked up in store")
            .And.Contain(a => a != null);
        addresses.OfType<Struct>().Should().AllSatisfy(a =>
        {
            a.Schema.Should().BeSameAs(OrderSchemas.Address);
            a.GetString("zip").Should().MatchRegex("^[0-9]{5}$");
        });
    }

    [Fact]
    public void Schemas_HaveQualifiedNamesAndDocumentedFields()
    {
        OrderSchemas.OrderKey.Name.Should().Be("io.connect.sdk.samples.datagen.OrderKey");
        OrderSchemas.Order.Name.Should().Be("io.connect.sdk.samples.datagen.Order");
        OrderSchemas.Address.Name.Should().Be("io.connect.sdk.samples.datagen.Address");
        OrderSchemas.OrderKey.Fields.Select(f => f.Name).Should().Equal("order_id");
        OrderSchemas.Order.Fields.Select(f => f.Name).Should()
            .Equal("order_id", "customer_id", "product", "quantity", "price", "order_time", "shipping_address");
        OrderSchemas.Address.Fields.Select(f => f.Name).Should().Equal("street", "city", "zip");
        OrderSchemas.Order.FindField("price")!.Schema.Should().Be(ConnectDecimal.Builder(2).Doc(OrderSchemas.Order.FindField("price")!.Schema.Doc!).Build());
        OrderSchemas.Order.FindField("order_time")!.Schema.Name.Should().Be(ConnectTimestamp.LogicalName);
        OrderSchemas.Order.FindField("shipping_address")!.Schema.IsOptional.Should().BeTrue();

        new[] { OrderSchemas.OrderKey, OrderSchemas.Order, OrderSchemas.Address }.Should().AllSatisfy(schema =>
        {
            schema.Doc.Should().NotBeNullOrWhiteSpace();
            schema.Fields.Should().AllSatisfy(f => f.Schema.Doc.Should().NotBeNullOrWhiteSpace($"field {f.Name} is documented"));
        });
    }

    [Fact]
    public async Task PollAsync_Iterations_StopsAfterThatManyAndThenWaitsBeforeReturningNothing()
    {
        var time = new ManualTimeProvider(Now);
        var harness = await StartAsync(time, TimeSpan.FromSeconds(1), ("iterations", "5"));

        var first = await harness.PollAsync();
        var later = await harness.PollAsync(batches: 2);

        first.Should().HaveCount(5);
        later.Should().BeEmpty();
        (time.Now - Now).Should().Be(TimeSpan.FromSeconds(2), "an exhausted task waits its idle time in each poll instead of spinning");
    }

    [Fact]
    public async Task PollAsync_ZeroIterations_ProducesNothing()
    {
        var harness = await StartAsync(("iterations", "0"));

        (await harness.PollAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task PollAsync_UnlimitedIterations_KeepsProducingInBatches()
    {
        var harness = await StartAsync();

        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add((await harness.PollAsync()).Count);
        }

        sizes.Should().Equal(100, 100, 100);
    }

    [Fact]
    public async Task PollAsync_MaxInterval_ReturnsOneRecordPerPollAfterAPauseOfUpToTheInterval()
    {
        var time = new ManualTimeProvider(Now);
        var harness = await StartAsync(time, TimeSpan.FromMilliseconds(20), ("max.interval", "5000"), ("iterations", "3"));

        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add((await harness.PollAsync()).Count);
        }

        sizes.Should().Equal(1, 1, 1);
        (time.Now - Now).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(15), "each pause lasts at most max.interval");
    }

    [Fact]
    public async Task Restart_AfterACommit_ContinuesWithoutRepeatingIds()
    {
        var harness = await StartAsync(("iterations", "10"), ("task.id", "1"), ("task.count", "3"));
        var before = await harness.PollAsync();
        await harness.AcknowledgeAsync(before);
        await harness.StopAsync();

        await harness.StartAsync(Config(("iterations", "20"), ("task.id", "1"), ("task.count", "3")));
        var after = await harness.PollAsync();

        after.Select(r => r.SourceOffset!["sequence"]).Should().Equal(Enumerable.Range(10, 10).Select(i => (object)(long)i));
        OrderIds(before).Should().Equal(Enumerable.Range(0, 10).Select(n => (n * 3L) + 1));
        OrderIds(after).Should().Equal(Enumerable.Range(10, 10).Select(n => (n * 3L) + 1));
    }

    [Fact]
    public async Task Restart_WithSeed_ContinuesExactlyWhereAnUninterruptedRunWouldBe()
    {
        var interrupted = await StartAsync(("iterations", "30"), ("random.seed", "7"));
        var beforeKill = await interrupted.PollAsync();
        await interrupted.AcknowledgeAsync(beforeKill.Take(10));
        await interrupted.CommitAsync();
        await interrupted.RestartAsync(commitOffsets: false);
        var uninterrupted = await StartAsync(("iterations", "30"), ("random.seed", "7"));

        var afterResume = await interrupted.PollAsync();
        var reference = await uninterrupted.PollAsync();

        afterResume.Should().Equal(reference.Skip(10));
    }

    [Fact]
    public async Task Restart_IterationsAlreadyReached_ProducesNothing()
    {
        var harness = await StartAsync(("iterations", "10"));
        await harness.AcknowledgeAsync(await harness.PollAsync());

        await harness.RestartAsync();

        (await harness.PollAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task PollAsync_SameSeed_GeneratesTheSameRecords()
    {
        var one = await StartAsync(("random.seed", "42"));
        var other = await StartAsync(("random.seed", "42"));

        var fromOne = await one.PollAsync();
        var fromOther = await other.PollAsync();

        fromOne.Should().HaveCount(100).And.Equal(fromOther);
    }

    [Fact]
    public async Task PollAsync_DifferentOrNoSeed_GeneratesDifferentValues()
    {
        var seeded = await (await StartAsync(("random.seed", "42"))).PollAsync();
        var otherSeed = await (await StartAsync(("random.seed", "43"))).PollAsync();
        var unseeded = await (await StartAsync()).PollAsync();
        var unseededAgain = await (await StartAsync()).PollAsync();

        seeded.Should().NotEqual(otherSeed);
        unseeded.Should().NotEqual(unseededAgain);
        OrderIds(seeded).Should().Equal(OrderIds(otherSeed), "the seed changes the contents, not the ids");
    }

    [Fact]
    public async Task Stop_DuringAWaitingPoll_WakesItUp()
    {
        var harness = await StartAsync(TimeProvider.System, TimeSpan.FromSeconds(30), ("iterations", "0"));

        var poll = harness.PollAsync();
        await Task.Delay(50);
        harness.Task.Stop();

        (await poll.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeEmpty();
    }

    [Fact]
    public async Task PollAsync_CancelledWhilePausing_ThrowsOperationCanceled()
    {
        var harness = await StartAsync(TimeProvider.System, TimeSpan.FromMilliseconds(20), ("max.interval", "60000"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        // A pause is random up to a minute; retry until one is long enough to be cancelled.
        var poll = async () =>
        {
            while (true)
            {
                await harness.PollAsync(cancellationToken: cancellation.Token);
            }
        };

        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Start_StoredSequenceNotAnInteger_ThrowsConnectException()
    {
        var harness = Harness(new ManualTimeProvider(Now), TimeSpan.FromMilliseconds(20));
        harness.SeedOffset(new { task = 0L }, new { sequence = "ten" });

        var start = () => harness.StartAsync(Config());

        await start.Should().ThrowAsync<ConnectException>().WithMessage("*'sequence' must be an integer of at least 0*");
    }

    private static List<long> OrderIds(IEnumerable<SourceRecord> records) =>
        [.. records.Select(r => ((Struct)r.Key!).GetInt64("order_id")!.Value)];

    private static Dictionary<string, string> Config(params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string> { ["kafka.topic"] = "orders", ["max.interval"] = "0" };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    private Task<SourceTaskHarness<DatagenSourceTask>> StartAsync(params (string Key, string Value)[] extra) =>
        StartAsync(new ManualTimeProvider(Now), TimeSpan.FromMilliseconds(20), extra);

    // The task and the harness share the clock: with a ManualTimeProvider, pauses pass in simulated time.
    private async Task<SourceTaskHarness<DatagenSourceTask>> StartAsync(TimeProvider time, TimeSpan idleWait, params (string Key, string Value)[] extra)
    {
        var harness = Harness(time, idleWait);
        await harness.StartAsync(Config(extra));
        return harness;
    }

    private SourceTaskHarness<DatagenSourceTask> Harness(TimeProvider time, TimeSpan idleWait)
    {
        var harness = new SourceTaskHarness<DatagenSourceTask>(
            () => new DatagenSourceTask { IdleWait = idleWait, Clock = time },
            new SourceTaskHarnessOptions { TimeProvider = time });
        _harnesses.Add(harness);
        return harness;
    }
}
