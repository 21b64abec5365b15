using System.Collections.Concurrent;
using System.Text;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tests.Integration;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Embedded;

public sealed class EmbeddedEngineTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly TestOutputLoggerFactory _logs = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("connect-sdk-embedded-").FullName;

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RunAsync_Handler_ReceivesEveryRecordOfEveryTask()
    {
        var config = EmbeddedTestSupport.CountingSource(("tasks.max", "2"), ("source.partitions", "2"));
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(config, Collect(received), Options());

        await engine.StartAsync();
        await Eventually.TrueAsync(() => received.Count >= 40, "40 records arrived", Timeout);
        await engine.StopAsync();

        received.Select(r => (string)r.Record.Value!).Should().BeEquivalentTo(
            Enumerable.Range(0, 2).SelectMany(p => Enumerable.Range(0, 20).Select(s => CountingSourceConnector.ValueOf(p, s))));
        received.Select(r => r.TaskId).Distinct().Should().BeEquivalentTo([0, 1]);
        received.Should().AllSatisfy(r =>
        {
            r.ConnectorName.Should().Be(config["name"]);
            r.Topic.Should().Be("numbers");
            r.KeyBytes.Should().BeNull("no key.converter is configured");
            r.ValueBytes.Should().BeNull("no value.converter is configured");
        });
        engine.State.Should().Be(EmbeddedEngineState.Stopped);
        engine.Completion.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task Restart_WithOffsetsFile_ResumesAfterTheAcknowledgedRecordsWithoutLoss()
    {
        var file = Path.Combine(_folder, "offsets.json");
        var config = EmbeddedTestSupport.CountingSource(("total.records", "-1"), ("poll.delay.ms", "5"), ("offset.storage.file.filename", file));
        var first = new ConcurrentQueue<EmbeddedRecord>();
        await using (var engine = EmbeddedEngine.Create(config, Collect(first), Options()))
        {
            await engine.StartAsync();
            await Eventually.TrueAsync(() => first.Count >= 12, "12 records arrived", Timeout);
        }

        var stored = new FileOffsetBackingStore(file);
        await stored.StartAsync();
        var lastSeq = first.Max(r => (long)r.Record.SourceOffset!["seq"]!);
        var offset = new OffsetStorageReader(config["name"], stored).Offset(CountingSourceConnector.SourcePartition(0));
        stored.Dispose();

        var second = new ConcurrentQueue<EmbeddedRecord>();
        await using (var engine = EmbeddedEngine.Create(config, Collect(second), Options()))
        {
            await engine.StartAsync();
            await Eventually.TrueAsync(() => !second.IsEmpty, "records arrived after the restart", Timeout);
        }

        offset.Should().BeEquivalentTo(new Dictionary<string, object?> { ["seq"] = lastSeq }, "the stop commits the last acknowledged record");
        second.First().Record.Value.Should().Be(CountingSourceConnector.ValueOf(0, lastSeq + 1), "the new engine continues after the committed offset");
        SourceProgress.For(config["name"]).ResumedFrom[0].Should().Be(lastSeq + 1);
    }

    [Fact]
    public async Task Flush_WhileRunning_CommitsEveryFlushIntervalAndCallsCommitAsync()
    {
        var config = EmbeddedTestSupport.CountingSource(("total.records", "10"), ("offset.flush.interval.ms", "50"));
        var store = new MemoryOffsetBackingStore();
        await using var engine = EmbeddedEngine.Create(config, (_, _) => ValueTask.CompletedTask, Options(store));

        await engine.StartAsync();
        var key = OffsetCodec.SerializeKey(config["name"], CountingSourceConnector.SourcePartition(0));
        var committed = await Eventually.ValueAsync(() => store.Get([key]).GetValueOrDefault(key), v => v == """{"seq":9}""", "offsets of all 10 records were committed", Timeout);

        committed.Should().Be("""{"seq":9}""");
        engine.State.Should().Be(EmbeddedEngineState.Running, "offsets are committed while the engine runs");
        SourceProgress.For(config["name"]).CommittedRecords.Should().Be(10, "CommitRecordAsync is called for each acknowledged record");
    }

    [Fact]
    public async Task Converters_Configured_HandOverTheBytesTheyMake()
    {
        var config = EmbeddedTestSupport.CountingSource(
            ("total.records", "3"),
            ("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
            ("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            ("value.converter.schemas.enable", "true"));
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(config, Collect(received), Options());

        await engine.StartAsync();
        await Eventually.TrueAsync(() => received.Count >= 3, "3 records arrived", Timeout);

        var first = received.First();
        Encoding.UTF8.GetString(first.KeyBytes!).Should().Be("0");
        Encoding.UTF8.GetString(first.ValueBytes!).Should().Be("""{"schema":{"type":"string","optional":true},"payload":"0-0"}""");
    }

    [Fact]
    public async Task Transforms_Configured_AreAppliedBeforeTheConverters()
    {
        var config = EmbeddedTestSupport.CountingSource(
            ("total.records", "2"),
            ("transforms", "wrap,route"),
            ("transforms.wrap.type", "org.apache.kafka.connect.transforms.HoistField$Value"),
            ("transforms.wrap.field", "text"),
            ("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"),
            ("transforms.route.regex", "numbers"),
            ("transforms.route.replacement", "numbers-copy"),
            ("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            ("value.converter.schemas.enable", "false"));
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(config, Collect(received), Options());

        await engine.StartAsync();
        await Eventually.TrueAsync(() => received.Count >= 2, "2 records arrived", Timeout);

        received.Select(r => r.Topic).Should().AllBe("numbers-copy");
        received.Select(r => Encoding.UTF8.GetString(r.ValueBytes!)).Should().Equal("""{"text":"0-0"}""", """{"text":"0-1"}""");
    }

    [Fact]
    public async Task ToleranceAll_FailingTransform_SkipsTheRecordAndCommitsPastIt()
    {
        var config = EmbeddedTestSupport.CountingSource(
            ("total.records", "5"),
            ("offset.flush.interval.ms", "50"),
            ("errors.tolerance", "all"),
            ("transforms", "fail"),
            ("transforms.fail.type", typeof(FailOnValue<>).FullName![..^2]),
            ("transforms.fail.value", "0-2"));
        var store = new MemoryOffsetBackingStore();
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(config, Collect(received), Options(store));

        await engine.StartAsync();
        var key = OffsetCodec.SerializeKey(config["name"], CountingSourceConnector.SourcePartition(0));
        await Eventually.TrueAsync(() => store.Get([key]).GetValueOrDefault(key) == """{"seq":4}""", "the offset moved past the skipped record", Timeout);

        received.Select(r => r.Record.Value).Should().Equal("0-0", "0-1", "0-3", "0-4");
        engine.ToleratedErrors.Should().ContainSingle().Which.Should().Match<ErrorContext>(e =>
            e.Stage == Stage.Transformation && e.Record!.Value!.Equals("0-2") && e.Error.Message == "Cannot transform 0-2");
        engine.State.Should().Be(EmbeddedEngineState.Running);
    }

    [Fact]
    public async Task ToleranceNone_FailingTransform_FailsTheEngineAfterCommittingWhatWasAcknowledged()
    {
        var config = EmbeddedTestSupport.CountingSource(
            ("total.records", "5"),
            ("transforms", "fail"),
            ("transforms.fail.type", typeof(FailOnValue<>).FullName![..^2]),
            ("transforms.fail.value", "0-2"));
        var store = new MemoryOffsetBackingStore();
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(config, Collect(received), Options(store));

        var run = () => engine.RunAsync().WaitAsync(Timeout);

        var failure = await run.Should().ThrowAsync<ConnectException>();
        failure.Which.Message.Should().Contain($"Task {config["name"]}-0 failed").And.Contain("Tolerance exceeded");
        failure.Which.InnerException!.InnerException!.Message.Should().Be("Cannot transform 0-2");
        engine.State.Should().Be(EmbeddedEngineState.Failed);
        received.Select(r => r.Record.Value).Should().Equal("0-0", "0-1");
        var key = OffsetCodec.SerializeKey(config["name"], CountingSourceConnector.SourcePartition(0));
        store.Get([key])[key].Should().Be("""{"seq":1}""", "the records acknowledged before the failure are committed");
    }

    [Fact]
    public async Task ToleranceAll_FailingHandler_SkipsTheRecord()
    {
        var config = EmbeddedTestSupport.CountingSource(("total.records", "4"), ("errors.tolerance", "all"));
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(
            config,
            (record, _) => Equals(record.Record.Value, "0-1") ? throw new IOException("disk full") : Collect(received)(record, default),
            Options());

        await engine.StartAsync();
        await Eventually.TrueAsync(() => received.Count >= 3, "3 records arrived", Timeout);

        received.Select(r => r.Record.Value).Should().Equal("0-0", "0-2", "0-3");
        engine.ToleratedErrors.Should().ContainSingle().Which.Stage.Should().Be(Stage.KafkaProduce);
    }

    [Fact]
    public async Task ToleranceNone_FailingHandler_FailsTheEngine()
    {
        var config = EmbeddedTestSupport.CountingSource(("total.records", "4"));
        await using var engine = EmbeddedEngine.Create(config, (_, _) => throw new IOException("disk full"), Options());

        var run = () => engine.RunAsync().WaitAsync(Timeout);

        (await run.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("Tolerance exceeded");
    }

    [Fact]
    public async Task Handler_RetriableException_IsRetriedWithinTheRetryTimeout()
    {
        var config = EmbeddedTestSupport.CountingSource(("total.records", "2"), ("errors.retry.timeout", "10000"), ("errors.retry.delay.max.ms", "20"));
        var attempts = 0;
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(
            config,
            (record, _) => Interlocked.Increment(ref attempts) <= 2 ? throw new RetriableException("busy") : Collect(received)(record, default),
            Options());

        await engine.StartAsync();
        await Eventually.TrueAsync(() => received.Count >= 2, "2 records arrived", Timeout);

        received.Select(r => r.Record.Value).Should().Equal("0-0", "0-1");
        engine.ToleratedErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Records_ReadingAcknowledges_AndOnlyReadRecordsAreCommitted()
    {
        var config = EmbeddedTestSupport.CountingSource(("total.records", "10"), ("offset.flush.timeout.ms", "100"));
        var store = new MemoryOffsetBackingStore();
        var engine = EmbeddedEngine.Create(config, Options(store, channelCapacity: 100));
        await engine.StartAsync();

        var read = new List<EmbeddedRecord>();
        while (read.Count < 4)
        {
            read.Add(await engine.Records.ReadAsync().AsTask().WaitAsync(Timeout));
        }

        await engine.StopAsync();

        read.Select(r => r.Record.Value).Should().Equal("0-0", "0-1", "0-2", "0-3");
        var key = OffsetCodec.SerializeKey(config["name"], CountingSourceConnector.SourcePartition(0));
        store.Get([key])[key].Should().Be("""{"seq":3}""", "records left unread in the channel are not acknowledged");
        engine.Records.TryRead(out _).Should().BeFalse("a stopped engine drops the records nobody read; a restart delivers them again");
        await engine.Records.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task ReadAllAsync_OnAFailedEngine_ThrowsTheFailure()
    {
        var config = EmbeddedTestSupport.CountingSource(("poll.fatal.error", "source is gone"));
        await using var engine = EmbeddedEngine.Create(config, Options());
        await engine.StartAsync();

        var readAll = async () =>
        {
            await foreach (var record in engine.Records.ReadAllAsync().WithCancellation(new CancellationTokenSource(Timeout).Token))
            {
                _ = record;
            }
        };

        (await readAll.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("source is gone");
        (await engine.Completion.ContinueWith(t => t.Exception?.InnerException)).Should().BeOfType<ConnectException>();
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsGracefullyAndReturns()
    {
        var config = EmbeddedTestSupport.CountingSource(("total.records", "-1"), ("poll.delay.ms", "5"));
        var received = new ConcurrentQueue<EmbeddedRecord>();
        await using var engine = EmbeddedEngine.Create(config, Collect(received), Options());
        using var stop = new CancellationTokenSource();

        var run = engine.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => !received.IsEmpty, "records arrived", Timeout);
        await stop.CancelAsync();
        await run.WaitAsync(Timeout);

        engine.State.Should().Be(EmbeddedEngineState.Stopped);
        SourceProgress.For(config["name"]).Stops.Should().Be(1);
    }

    [Fact]
    public async Task Start_SinkConnector_IsRefusedWithAPointerToTheSinkPipeline()
    {
        await using var engine = EmbeddedEngine.Create(EmbeddedTestSupport.CollectingSink(), (_, _) => ValueTask.CompletedTask, Options());

        var start = () => engine.StartAsync();

        (await start.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("EmbeddedSinkPipeline");
        engine.State.Should().Be(EmbeddedEngineState.Failed);
    }

    [Fact]
    public async Task Start_Twice_Throws()
    {
        await using var engine = EmbeddedEngine.Create(EmbeddedTestSupport.CountingSource(), (_, _) => ValueTask.CompletedTask, Options());
        await engine.StartAsync();

        var again = () => engine.StartAsync();

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("*starts once*");
    }

    [Fact]
    public void Records_OfAnEngineWithAHandler_Throws()
    {
        var engine = EmbeddedEngine.Create(EmbeddedTestSupport.CountingSource(), (_, _) => ValueTask.CompletedTask, Options());

        var records = () => engine.Records;

        records.Should().Throw<InvalidOperationException>();
    }

    private static Func<EmbeddedRecord, CancellationToken, ValueTask> Collect(ConcurrentQueue<EmbeddedRecord> received) => (record, _) =>
    {
        received.Enqueue(record);
        return ValueTask.CompletedTask;
    };

    private EmbeddedEngineOptions Options(IOffsetBackingStore? store = null, int channelCapacity = 1_000) => new()
    {
        Plugins = EmbeddedTestSupport.Plugins,
        LoggerFactory = _logs,
        OffsetStore = store,
        ChannelCapacity = channelCapacity,
    };
}
