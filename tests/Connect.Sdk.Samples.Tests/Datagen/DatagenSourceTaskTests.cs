using System.Diagnostics;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Tests.Datagen;

public sealed class DatagenSourceTaskTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private readonly InMemoryOffsetStorageReader _offsets = new();
    private readonly List<DatagenSourceTask> _tasks = [];

    public void Dispose()
    {
        foreach (var task in _tasks)
        {
            task.Stop();
        }
    }

    [Fact]
    public async Task PollAsync_Orders_AreValidStructsWithMatchingKeysAndOffsets()
    {
        var task = StartTask(("iterations", "50"));

        var records = (await task.PollAsync(default))!;

        records.Should().HaveCount(50);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var key = (Struct)record.Key!;
            var value = (Struct)record.Value!;
            key.Validate();
            value.Validate();
            record.KeySchema.Should().BeSameAs(OrderSchemas.OrderKey);
            record.ValueSchema.Should().BeSameAs(OrderSchemas.Order);
            record.Topic.Should().Be("orders");
            key.GetInt64("order_id").Should().Be(i).And.Be(value.GetInt64("order_id"));
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
    public async Task PollAsync_Iterations_StopsAfterThatManyAndThenKeepsReturningNull()
    {
        var task = StartTask(TimeSpan.FromMilliseconds(100), ("iterations", "5"));

        var first = await task.PollAsync(default);
        var watch = Stopwatch.StartNew();
        var second = await task.PollAsync(default);
        var third = await task.PollAsync(default);

        first.Should().HaveCount(5);
        second.Should().BeNull();
        third.Should().BeNull();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150), "an exhausted task waits instead of spinning");
    }

    [Fact]
    public async Task PollAsync_ZeroIterations_ProducesNothing()
    {
        var task = StartTask(("iterations", "0"));

        (await task.PollAsync(default)).Should().BeNull();
    }

    [Fact]
    public async Task PollAsync_UnlimitedIterations_KeepsProducingInBatches()
    {
        var task = StartTask();

        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add((await task.PollAsync(default))!.Count);
        }

        sizes.Should().Equal(100, 100, 100);
    }

    [Fact]
    public async Task PollAsync_MaxInterval_ReturnsOneRecordPerPoll()
    {
        var task = StartTask(("max.interval", "5"), ("iterations", "3"));

        var sizes = new List<int?>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add((await task.PollAsync(default))?.Count);
        }

        sizes.Should().Equal(1, 1, 1);
    }

    [Fact]
    public async Task Start_StoredSequence_ContinuesWithoutRepeatingIds()
    {
        var first = StartTask(("iterations", "10"), ("task.id", "1"), ("task.count", "3"));
        var before = (await first.PollAsync(default))!;
        _offsets.Commit(before);
        first.Stop();

        var second = StartTask(("iterations", "20"), ("task.id", "1"), ("task.count", "3"));
        var after = (await second.PollAsync(default))!;

        after.Select(r => r.SourceOffset!["sequence"]).Should().Equal(Enumerable.Range(10, 10).Select(i => (object)(long)i));
        OrderIds(before).Should().Equal(Enumerable.Range(0, 10).Select(n => (n * 3L) + 1));
        OrderIds(after).Should().Equal(Enumerable.Range(10, 10).Select(n => (n * 3L) + 1));
    }

    [Fact]
    public async Task Start_StoredSequence_WithSeed_ContinuesExactlyWhereAnUninterruptedRunWouldBe()
    {
        var interrupted = StartTask(("iterations", "10"), ("random.seed", "7"));
        _offsets.Commit((await interrupted.PollAsync(default))!);
        var resumed = StartTask(("iterations", "30"), ("random.seed", "7"));
        var uninterrupted = StartTask(new InMemoryOffsetStorageReader(), ("iterations", "30"), ("random.seed", "7"));

        var afterResume = (await resumed.PollAsync(default))!;
        var reference = (await uninterrupted.PollAsync(default))!;

        afterResume.Should().Equal(reference.Skip(10));
    }

    [Fact]
    public async Task Start_IterationsAlreadyReachedBeforeRestart_ProducesNothing()
    {
        var first = StartTask(("iterations", "10"));
        _offsets.Commit((await first.PollAsync(default))!);

        var second = StartTask(("iterations", "10"));

        (await second.PollAsync(default)).Should().BeNull();
    }

    [Fact]
    public async Task PollAsync_SameSeed_GeneratesTheSameRecords()
    {
        var one = StartTask(new InMemoryOffsetStorageReader(), ("random.seed", "42"));
        var other = StartTask(new InMemoryOffsetStorageReader(), ("random.seed", "42"));

        var fromOne = (await one.PollAsync(default))!;
        var fromOther = (await other.PollAsync(default))!;

        fromOne.Should().HaveCount(100).And.Equal(fromOther);
    }

    [Fact]
    public async Task PollAsync_DifferentOrNoSeed_GeneratesDifferentValues()
    {
        var seeded = (await StartTask(new InMemoryOffsetStorageReader(), ("random.seed", "42")).PollAsync(default))!;
        var otherSeed = (await StartTask(new InMemoryOffsetStorageReader(), ("random.seed", "43")).PollAsync(default))!;
        var unseeded = (await StartTask(new InMemoryOffsetStorageReader()).PollAsync(default))!;
        var unseededAgain = (await StartTask(new InMemoryOffsetStorageReader()).PollAsync(default))!;

        seeded.Should().NotEqual(otherSeed);
        unseeded.Should().NotEqual(unseededAgain);
        OrderIds(seeded).Should().Equal(OrderIds(otherSeed), "the seed changes the contents, not the ids");
    }

    [Fact]
    public async Task Stop_DuringAWaitingPoll_WakesItUp()
    {
        var task = StartTask(TimeSpan.FromSeconds(30), ("iterations", "0"));

        var poll = task.PollAsync(default).AsTask();
        await Task.Delay(50);
        task.Stop();

        (await poll.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
    }

    [Fact]
    public async Task PollAsync_CancelledWhilePausing_ThrowsOperationCanceled()
    {
        var task = StartTask(("max.interval", "60000"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        // A pause is random up to a minute; retry until one is long enough to be cancelled.
        var poll = async () =>
        {
            while (true)
            {
                await task.PollAsync(cancellation.Token);
            }
        };

        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Start_StoredSequenceNotAnInteger_ThrowsConnectException()
    {
        _offsets.Set(new Dictionary<string, object?> { ["task"] = 0L }, new Dictionary<string, object?> { ["sequence"] = "ten" });

        var start = () => StartTask();

        start.Should().Throw<ConnectException>().WithMessage("*'sequence' must be an integer of at least 0*");
    }

    private static List<long> OrderIds(IEnumerable<SourceRecord> records) =>
        [.. records.Select(r => ((Struct)r.Key!).GetInt64("order_id")!.Value)];

    private DatagenSourceTask StartTask(params (string Key, string Value)[] extra) =>
        StartTask(_offsets, TimeSpan.FromMilliseconds(20), extra);

    private DatagenSourceTask StartTask(TimeSpan idleWait, params (string Key, string Value)[] extra) =>
        StartTask(_offsets, idleWait, extra);

    private DatagenSourceTask StartTask(InMemoryOffsetStorageReader offsets, params (string Key, string Value)[] extra) =>
        StartTask(offsets, TimeSpan.FromMilliseconds(20), extra);

    private DatagenSourceTask StartTask(InMemoryOffsetStorageReader offsets, TimeSpan idleWait, (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string> { ["kafka.topic"] = "orders", ["max.interval"] = "0" };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        var task = new DatagenSourceTask { IdleWait = idleWait, Clock = new FixedTimeProvider(Now) };
        _tasks.Add(task);
        task.Initialize(new FakeSourceTaskContext(config, offsets));
        task.Start(config);
        return task;
    }
}
