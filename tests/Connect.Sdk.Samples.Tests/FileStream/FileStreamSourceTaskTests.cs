using System.Diagnostics;
using System.Text;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Samples.Tests.FileStream;

public sealed class FileStreamSourceTaskTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private TimeSpan _idleWait = TimeSpan.FromMilliseconds(20);
    private SourceTaskHarness<FileStreamSourceTask>? _harness;

    // One harness per test; its offset store plays the runtime's, and it stops the task at the end.
    private SourceTaskHarness<FileStreamSourceTask> Harness => _harness ??= new(() => new FileStreamSourceTask { IdleWait = _idleWait });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task PollAsync_CompleteLines_ReturnsStringRecordsWithBytePositions()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\r\nthree\rfour\n");
        await StartAsync(file);

        var records = await Harness.PollAsync();

        records.Select(r => r.Value).Should().Equal("one", "two", "three", "four");
        records.Select(r => r.SourceOffset!["position"]).Should().Equal(4L, 9L, 15L, 20L);
        records.Should().AllSatisfy(r =>
        {
            r.Should().HaveTopic("lines");
            r.ValueSchema.Should().Be(Schema.String);
            r.KeySchema.Should().BeNull();
            r.Key.Should().BeNull();
            r.SourcePartition.Should().BeEquivalentTo(new Dictionary<string, object?> { ["filename"] = file });
            r.Timestamp!.Value.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000);
        });
    }

    [Fact]
    public async Task PollAsync_MultiByteCharacters_PositionsCountBytes()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "héllo\n€\n", new UTF8Encoding(false));
        await StartAsync(file);

        var records = await Harness.PollAsync();

        records.Select(r => r.Value).Should().Equal("héllo", "€");
        records.Select(r => r.SourceOffset!["position"]).Should().Equal(7L, 11L);
    }

    [Fact]
    public async Task Start_StoredPosition_ResumesWithoutRereading()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\nthree\n");
        Harness.SeedOffset(new { filename = file }, new { position = 4L });
        await StartAsync(file);

        var records = await Harness.PollAsync();

        records.Select(r => r.Value).Should().Equal("two", "three");
        records.Select(r => r.SourceOffset!["position"]).Should().Equal(8L, 14L);
    }

    [Fact]
    public async Task Restart_AfterCommittedPoll_ReadsOnlyLinesAppendedSince()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\n");
        await StartAsync(file);
        await Harness.AcknowledgeAsync(await Harness.PollAsync());
        await Harness.StopAsync();
        await File.AppendAllTextAsync(file, "three\n");

        await StartAsync(file);
        var records = await Harness.PollAsync();

        records.Select(r => r.Value).Should().Equal("three");
    }

    [Fact]
    public async Task Restart_AfterPartialAcknowledgement_ReadsAgainFromTheFirstUnacknowledgedLine()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\nthree\n");
        await StartAsync(file);
        var first = await Harness.PollAsync();
        await Harness.AcknowledgeAsync(first.Take(1));
        await Harness.CommitAsync();

        await Harness.RestartAsync(commitOffsets: false);
        var again = await Harness.PollAsync();

        again.Select(r => r.Value).Should().Equal("two", "three");
    }

    [Fact]
    public async Task PollAsync_FileDoesNotExistYet_WaitsThenReadsItOnceCreated()
    {
        var file = _folder.File("later.txt");
        _idleWait = TimeSpan.FromMilliseconds(200);
        await StartAsync(file);

        var watch = Stopwatch.StartNew();
        var nothing = await Harness.PollAsync();
        watch.Stop();
        await File.WriteAllTextAsync(file, "hello\n");
        var records = await Harness.PollAsync();

        nothing.Should().BeEmpty();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150), "the poll waits instead of spinning");
        records.Select(r => r.Value).Should().Equal("hello");
    }

    [Fact]
    public async Task PollAsync_NoNewData_WaitsAndReturnsNothing()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\n");
        _idleWait = TimeSpan.FromMilliseconds(200);
        await StartAsync(file);
        (await Harness.PollAsync()).Select(r => r.Value).Should().Equal("one");

        var watch = Stopwatch.StartNew();
        var records = await Harness.PollAsync();

        records.Should().BeEmpty();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task PollAsync_PartialLastLine_IsNotEmittedUntilItsLineBreak()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntw");
        await StartAsync(file);

        var first = await Harness.PollAsync();
        var second = await Harness.PollAsync();
        await File.AppendAllTextAsync(file, "o\n");
        var third = await Harness.PollAsync();

        first.Select(r => r.Value).Should().Equal("one");
        second.Should().BeEmpty();
        third.Should().ContainSingle().Which.Should().HaveValue("two");
        third[0].SourceOffset!["position"].Should().Be(8L);
    }

    [Fact]
    public async Task PollAsync_CarriageReturnAtEndOfData_WaitsToSeeWhetherLineFeedFollows()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\r");
        await StartAsync(file);

        var first = await Harness.PollAsync();
        await File.AppendAllTextAsync(file, "\ntwo\n");
        var second = await Harness.PollAsync();

        first.Should().BeEmpty();
        second.Select(r => r.Value).Should().Equal("one", "two");
        second.Select(r => r.SourceOffset!["position"]).Should().Equal(5L, 9L);
    }

    [Fact]
    public async Task PollAsync_MoreLinesThanBatchSize_ReturnsBatchesOfAtMostBatchSize()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "1\n2\n3\n4\n5\n");
        await StartAsync(file, ("batch.size", "2"));

        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add((await Harness.PollAsync()).Count);
        }

        sizes.Should().Equal(2, 2, 1);
    }

    [Fact]
    public async Task PollAsync_LineLongerThanTheReadBuffer_IsReadWhole()
    {
        var file = _folder.File("in.txt");
        var longLine = new string('x', 50_000);
        await File.WriteAllTextAsync(file, longLine + "\nshort\n");
        await StartAsync(file);

        var records = await Harness.PollAsync();

        records.Select(r => r.Value).Should().Equal(longLine, "short");
    }

    [Fact]
    public async Task Stop_DuringAWaitingPoll_WakesItUp()
    {
        _idleWait = TimeSpan.FromSeconds(30);
        await StartAsync(_folder.File("missing.txt"));

        var watch = Stopwatch.StartNew();
        var poll = Harness.PollAsync();
        await Task.Delay(50);
        Harness.Task.Stop();
        var records = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        records.Should().BeEmpty();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PollAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        _idleWait = TimeSpan.FromSeconds(30);
        await StartAsync(_folder.File("missing.txt"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var poll = () => Harness.PollAsync(cancellationToken: cancellation.Token);

        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Start_StoredPositionOfWrongType_ThrowsConnectException()
    {
        var file = _folder.File("in.txt");
        Harness.SeedOffset(new { filename = file }, new { position = "four" });

        var start = () => StartAsync(file);

        await start.Should().ThrowAsync<ConnectException>().WithMessage("*'position'*String*integer*");
    }

    [Fact]
    public async Task Start_MissingTopic_ThrowsConfigException()
    {
        var start = () => Harness.StartAsync(new Dictionary<string, string> { ["file"] = _folder.File("in.txt") });

        await start.Should().ThrowAsync<ConfigException>().WithMessage("Missing required configuration \"topic\"*");
    }

    private Task StartAsync(string file, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string> { ["file"] = file, ["topic"] = "lines" };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return Harness.StartAsync(config);
    }
}
