using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Samples.Tests.FileStream;

public sealed class FileStreamSinkTaskTests : IAsyncLifetime
{
    private static readonly TopicPartition Partition0 = new("lines", 0);

    private readonly TempDirectory _folder = new();
    private readonly SinkTaskHarness<FileStreamSinkTask> _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task PutAsync_ThenFlush_WritesEachValueAsALine()
    {
        var file = _folder.File("out.txt");
        await StartAsync(file);
        var schema = SchemaBuilder.Struct().Name("test.Person").Field("id", Schema.Int32).Field("name", Schema.String).Build();
        var person = new Struct(schema).Put("id", 1).Put("name", "Ann");

        await _harness.PutAsync(
            _harness.Records.Value("plain text").Build(),
            _harness.Records.Value(Schema.Int64, 42L).Build(),
            _harness.Records.Tombstone().Build(),
            _harness.Records.Value(schema, person).Build());
        await _harness.FlushAsync();

        ReadLines(file).Should().Equal("plain text", "42", "null", "Struct{id=1,name=Ann}");
    }

    [Fact]
    public async Task PreCommitAsync_AfterPut_FlushesBeforeApprovingTheOffsets()
    {
        var file = _folder.File("out.txt");
        await StartAsync(file);
        await _harness.PutAsync(_harness.Records.BuildEach("a", "b"));
        var beforeCommit = ReadLines(file);

        var committed = await _harness.PreCommitAsync();

        beforeCommit.Should().BeEmpty("lines stay buffered until the flush");
        ReadLines(file).Should().Equal("a", "b");
        committed.Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Partition0] = new(2) });
        _harness.CommittedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Partition0] = 2 });
    }

    [Fact]
    public async Task Start_ExistingFile_AppendsToIt()
    {
        var file = _folder.File("out.txt");
        await File.WriteAllTextAsync(file, "earlier" + Environment.NewLine);
        await StartAsync(file);

        await _harness.PutAsync(_harness.Records.Value("later").Build());
        await _harness.FlushAsync();

        ReadLines(file).Should().Equal("earlier", "later");
    }

    [Fact]
    public async Task Stop_WritesOutBufferedLines()
    {
        var file = _folder.File("out.txt");
        await StartAsync(file);
        await _harness.PutAsync(_harness.Records.Value("last").Build());

        await _harness.StopAsync(commitOffsets: false);

        ReadLines(file).Should().Equal("last");
    }

    [Fact]
    public async Task Restart_WithoutCommit_RedeliveredRecordsAreAppendedAgain()
    {
        var file = _folder.File("out.txt");
        await StartAsync(file);
        await _harness.PutAsync(_harness.Records.BuildEach("a", "b"));
        await _harness.PreCommitAsync();
        await _harness.PutAsync(_harness.Records.Value("c").Build());

        await _harness.RestartAsync(commitOffsets: false);
        var again = await _harness.RedeliverUncommittedAsync();
        await _harness.FlushAsync();

        again.Select(r => r.Value).Should().Equal("c");
        ReadLines(file).Should().Equal(["a", "b", "c", "c"], "the file is appended to, so a redelivered record is written twice (at least once)");
    }

    [Fact]
    public async Task Start_FolderDoesNotExist_ThrowsConnectExceptionNamingTheFile()
    {
        var file = Path.Combine(_folder.Path, "missing", "out.txt");

        var start = () => StartAsync(file);

        await start.Should().ThrowAsync<ConnectException>().WithMessage($"*'{file}'*");
    }

    private static string[] ReadLines(string file)
    {
        // The task keeps the file open for writing; share it to read.
        using var stream = new System.IO.FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    private Task StartAsync(string file) =>
        _harness.StartAsync(new Dictionary<string, string> { ["file"] = file, ["topics"] = "lines" });
}
