using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.Tests.FileStream;

public sealed class FileStreamSinkTaskTests : IDisposable
{
    private static readonly TopicPartition Partition0 = new("lines", 0);

    private readonly TempDirectory _folder = new();
    private readonly List<FileStreamSinkTask> _tasks = [];

    public void Dispose()
    {
        foreach (var task in _tasks)
        {
            task.Stop();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task PutAsync_ThenFlush_WritesEachValueAsALine()
    {
        var file = _folder.File("out.txt");
        var task = StartTask(file);
        var schema = SchemaBuilder.Struct().Name("test.Person").Field("id", Schema.Int32).Field("name", Schema.String).Build();
        var person = new Struct(schema).Put("id", 1).Put("name", "Ann");

        await task.PutAsync(
            [
                Record(0, Schema.String, "plain text"),
                Record(1, Schema.Int64, 42L),
                Record(2, null, null),
                Record(3, schema, person),
            ],
            default);
        await task.FlushAsync(Offsets(4), default);

        ReadLines(file).Should().Equal("plain text", "42", "null", "Struct{id=1,name=Ann}");
    }

    [Fact]
    public async Task PreCommitAsync_AfterPut_FlushesBeforeReturningTheOffsets()
    {
        var file = _folder.File("out.txt");
        var task = StartTask(file);
        await task.PutAsync([Record(0, Schema.String, "a"), Record(1, Schema.String, "b")], default);
        var beforeCommit = ReadLines(file);

        var committed = await task.PreCommitAsync(Offsets(2), default);

        beforeCommit.Should().BeEmpty("lines stay buffered until the flush");
        ReadLines(file).Should().Equal("a", "b");
        committed.Should().BeEquivalentTo(Offsets(2));
    }

    [Fact]
    public async Task Start_ExistingFile_AppendsToIt()
    {
        var file = _folder.File("out.txt");
        await File.WriteAllTextAsync(file, "earlier" + Environment.NewLine);
        var task = StartTask(file);

        await task.PutAsync([Record(0, Schema.String, "later")], default);
        await task.FlushAsync(Offsets(1), default);

        ReadLines(file).Should().Equal("earlier", "later");
    }

    [Fact]
    public async Task Stop_WritesOutBufferedLines()
    {
        var file = _folder.File("out.txt");
        var task = StartTask(file);
        await task.PutAsync([Record(0, Schema.String, "last")], default);

        task.Stop();

        ReadLines(file).Should().Equal("last");
    }

    [Fact]
    public void Start_FolderDoesNotExist_ThrowsConnectExceptionNamingTheFile()
    {
        var file = Path.Combine(_folder.Path, "missing", "out.txt");

        var start = () => StartTask(file);

        start.Should().Throw<ConnectException>().WithMessage($"*'{file}'*");
    }

    [Fact]
    public void SinkConnector_TaskConfigs_OneCopyPerTask()
    {
        var connector = new FileStreamSinkConnector();
        var config = new Dictionary<string, string> { ["file"] = "/tmp/out.txt", ["topics"] = "lines" };
        connector.Start(config);

        var tasks = connector.TaskConfigs(3);

        tasks.Should().HaveCount(3).And.AllSatisfy(t => t.Should().BeEquivalentTo(config));
        connector.TaskType.Should().Be<FileStreamSinkTask>();
        connector.Config.ConfigKeys.Keys.Should().Equal("file");
    }

    private static SinkRecord Record(long offset, Schema? schema, object? value) =>
        new("lines", 0, null, null, schema, value, offset);

    private static Dictionary<TopicPartition, OffsetAndMetadata> Offsets(long next) =>
        new() { [Partition0] = new OffsetAndMetadata(next) };

    private static string[] ReadLines(string file)
    {
        // The task keeps the file open for writing; share it to read.
        using var stream = new System.IO.FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    private FileStreamSinkTask StartTask(string file)
    {
        var config = new Dictionary<string, string> { ["file"] = file, ["topics"] = "lines" };
        var task = new FileStreamSinkTask();
        task.Initialize(new FakeSinkTaskContext(config, Partition0));
        task.Start(config);
        _tasks.Add(task);
        return task;
    }
}
