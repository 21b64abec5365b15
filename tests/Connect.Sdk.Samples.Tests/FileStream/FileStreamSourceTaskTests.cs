using System.Diagnostics;
using System.Text;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Tests.FileStream;

public sealed class FileStreamSourceTaskTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly InMemoryOffsetStorageReader _offsets = new();
    private readonly List<FileStreamSourceTask> _tasks = [];

    public void Dispose()
    {
        foreach (var task in _tasks)
        {
            task.Stop();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task PollAsync_CompleteLines_ReturnsStringRecordsWithBytePositions()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\r\nthree\rfour\n");
        var task = StartTask(file);

        var records = await task.PollAsync(default);

        records.Should().NotBeNull();
        records!.Select(r => r.Value).Should().Equal("one", "two", "three", "four");
        records!.Select(r => r.SourceOffset!["position"]).Should().Equal(4L, 9L, 15L, 20L);
        records.Should().AllSatisfy(r =>
        {
            r.Topic.Should().Be("lines");
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
        var task = StartTask(file);

        var records = await task.PollAsync(default);

        records!.Select(r => r.Value).Should().Equal("héllo", "€");
        records!.Select(r => r.SourceOffset!["position"]).Should().Equal(7L, 11L);
    }

    [Fact]
    public async Task Start_StoredPosition_ResumesWithoutRereading()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\nthree\n");
        _offsets.Set(Partition(file), new Dictionary<string, object?> { ["position"] = 4L });
        var task = StartTask(file);

        var records = await task.PollAsync(default);

        records!.Select(r => r.Value).Should().Equal("two", "three");
        records!.Select(r => r.SourceOffset!["position"]).Should().Equal(8L, 14L);
    }

    [Fact]
    public async Task Start_AfterCommittedPoll_ReadsOnlyLinesAppendedSince()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\n");
        var first = StartTask(file);
        _offsets.Commit((await first.PollAsync(default))!);
        first.Stop();
        await File.AppendAllTextAsync(file, "three\n");

        var second = StartTask(file);
        var records = await second.PollAsync(default);

        records!.Select(r => r.Value).Should().Equal("three");
    }

    [Fact]
    public async Task PollAsync_FileDoesNotExistYet_WaitsThenReadsItOnceCreated()
    {
        var file = _folder.File("later.txt");
        var task = StartTask(file, idleWait: TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        var nothing = await task.PollAsync(default);
        watch.Stop();
        await File.WriteAllTextAsync(file, "hello\n");
        var records = await task.PollAsync(default);

        nothing.Should().BeNull();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150), "the poll waits instead of spinning");
        records!.Select(r => r.Value).Should().Equal("hello");
    }

    [Fact]
    public async Task PollAsync_NoNewData_WaitsAndReturnsNull()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\n");
        var task = StartTask(file, idleWait: TimeSpan.FromMilliseconds(200));
        (await task.PollAsync(default))!.Select(r => r.Value).Should().Equal("one");

        var watch = Stopwatch.StartNew();
        var records = await task.PollAsync(default);

        records.Should().BeNull();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task PollAsync_PartialLastLine_IsNotEmittedUntilItsLineBreak()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\ntw");
        var task = StartTask(file);

        var first = await task.PollAsync(default);
        var second = await task.PollAsync(default);
        await File.AppendAllTextAsync(file, "o\n");
        var third = await task.PollAsync(default);

        first!.Select(r => r.Value).Should().Equal("one");
        second.Should().BeNull();
        third!.Select(r => r.Value).Should().Equal("two");
        third!.Single().SourceOffset!["position"].Should().Be(8L);
    }

    [Fact]
    public async Task PollAsync_CarriageReturnAtEndOfData_WaitsToSeeWhetherLineFeedFollows()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "one\r");
        var task = StartTask(file);

        var first = await task.PollAsync(default);
        await File.AppendAllTextAsync(file, "\ntwo\n");
        var second = await task.PollAsync(default);

        first.Should().BeNull();
        second!.Select(r => r.Value).Should().Equal("one", "two");
        second!.Select(r => r.SourceOffset!["position"]).Should().Equal(5L, 9L);
    }

    [Fact]
    public async Task PollAsync_MoreLinesThanBatchSize_ReturnsBatchesOfAtMostBatchSize()
    {
        var file = _folder.File("in.txt");
        await File.WriteAllTextAsync(file, "1\n2\n3\n4\n5\n");
        var task = StartTask(file, ("batch.size", "2"));

        var sizes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            sizes.Add((await task.PollAsync(default))!.Count);
        }

        sizes.Should().Equal(2, 2, 1);
    }

    [Fact]
    public async Task PollAsync_LineLongerThanTheReadBuffer_IsReadWhole()
    {
        var file = _folder.File("in.txt");
        var longLine = new string('x', 50_000);
        await File.WriteAllTextAsync(file, longLine + "\nshort\n");
        var task = StartTask(file);

        var records = await task.PollAsync(default);

        records!.Select(r => r.Value).Should().Equal(longLine, "short");
    }

    [Fact]
    public async Task Stop_DuringAWaitingPoll_WakesItUp()
    {
        var task = StartTask(_folder.File("missing.txt"), idleWait: TimeSpan.FromSeconds(30));

        var watch = Stopwatch.StartNew();
        var poll = task.PollAsync(default).AsTask();
        await Task.Delay(50);
        task.Stop();
        var records = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        records.Should().BeNull();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PollAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        var task = StartTask(_folder.File("missing.txt"), idleWait: TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var poll = async () => await task.PollAsync(cancellation.Token);

        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Start_StoredPositionOfWrongType_ThrowsConnectException()
    {
        var file = _folder.File("in.txt");
        _offsets.Set(Partition(file), new Dictionary<string, object?> { ["position"] = "four" });

        var start = () => StartTask(file);

        start.Should().Throw<ConnectException>().WithMessage("*'position'*String*integer*");
    }

    [Fact]
    public void Start_MissingTopic_ThrowsConfigException()
    {
        var task = new FileStreamSourceTask();
        var config = new Dictionary<string, string> { ["file"] = _folder.File("in.txt") };
        task.Initialize(new FakeSourceTaskContext(config, _offsets));

        var start = () => task.Start(config);

        start.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"topic\"*");
    }

    private static Dictionary<string, object?> Partition(string file) => new() { ["filename"] = file };

    private FileStreamSourceTask StartTask(string file, params (string Key, string Value)[] extra) =>
        StartTask(file, TimeSpan.FromMilliseconds(20), extra);

    private FileStreamSourceTask StartTask(string file, TimeSpan idleWait, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string> { ["file"] = file, ["topic"] = "lines" };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        var task = new FileStreamSourceTask { IdleWait = idleWait };
        _tasks.Add(task);
        task.Initialize(new FakeSourceTaskContext(config, _offsets));
        task.Start(config);
        return task;
    }
}
