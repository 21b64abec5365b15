using System.Text.Json;
using Connect.Sdk;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Testing.Unit;

namespace Acme.Connector.Tests;

/// <summary>Unit tests of the task with <see cref="SinkTaskHarness{TTask}"/>: it delivers batches as the runtime
/// does, flushes, pre-commits, restarts the task and redelivers what was not committed, all in memory.</summary>
public sealed class ConnectorNameSinkTaskTests : IDisposable
{
    private static readonly TopicPartition Orders0 = new("orders", 0);
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("sink-test-");

    [Fact]
    public async Task PreCommit_WritesOneJsonLinePerRecord_AndApprovesTheirOffsets()
    {
        await using var harness = new SinkTaskHarness<ConnectorNameSinkTask>();
        await harness.StartAsync(Config());

        // harness.Records builds records of the first topic, with offsets 0, 1, 2… and inferred schemas.
        await harness.PutAsync(
            harness.Records.Key("a").Value(new { id = 1, item = "book" }).Build(),
            harness.Records.Key("b").Value(new { id = 2, item = "pen" }).Build());
        var linesBeforeFlush = Lines(Orders0);
        var committed = await harness.PreCommitAsync();

        linesBeforeFlush.Should().BeEmpty("put only buffers");
        committed.Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Orders0] = new(2) });
        var first = JsonDocument.Parse(Lines(Orders0)[0]).RootElement;
        first.GetProperty("offset").GetInt64().Should().Be(0);
        first.GetProperty("key").GetString().Should().Be("a");
        first.GetProperty("value").GetProperty("item").GetString().Should().Be("book");
        Lines(Orders0).Should().HaveCount(2);
    }

    [Fact]
    public async Task Redelivery_AfterACrashBeforeTheCommit_WritesEachRecordOnce()
    {
        await using var harness = new SinkTaskHarness<ConnectorNameSinkTask>();
        await harness.StartAsync(Config());
        await harness.PutAsync(harness.Records.BuildEach(new { id = 1 }, new { id = 2 }));
        await harness.PreCommitAsync();
        await harness.PutAsync(harness.Records.BuildEach(new { id = 3 }, new { id = 4 }));
        await harness.FlushAsync(); // written, but the worker dies before committing the offsets

        await harness.RestartAsync(commitOffsets: false);
        await harness.RedeliverUncommittedAsync();
        await harness.PreCommitAsync();

        Lines(Orders0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("offset").GetInt64()).Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public async Task Flush_WhileTheFolderIsUnavailable_ThrowsRetriableException_AndKeepsTheRecords()
    {
        await using var harness = new SinkTaskHarness<ConnectorNameSinkTask>();
        await harness.StartAsync(Config());
        await harness.PutAsync(harness.Records.BuildEach(new { id = 1 }, new { id = 2 }));

        await using (await FolderOutage.StartAsync(_output.FullName))
        {
            await harness.Invoking(h => h.PreCommitAsync()).Should().ThrowAsync<RetriableException>();
        }

        var committed = await harness.PreCommitAsync();
        committed[Orders0].Offset.Should().Be(2);
        Lines(Orders0).Should().HaveCount(2);
    }

    [Fact]
    public async Task Put_AValueJsonCannotHold_GoesToTheErrantRecordReporter()
    {
        await using var harness = new SinkTaskHarness<ConnectorNameSinkTask>(new SinkTaskHarnessOptions { ProvideErrantRecordReporter = true });
        await harness.StartAsync(Config());

        await harness.PutAsync(
            harness.Records.Value(Schema.Float64, double.NaN).Build(),
            harness.Records.Value(Schema.Float64, 1.5).Build());
        var committed = await harness.PreCommitAsync();

        harness.ErrantRecords.Should().ContainSingle().Which.Error.Should().BeOfType<DataException>();
        Lines(Orders0).Should().ContainSingle().Which.Should().Contain("\"value\":1.5");
        committed[Orders0].Offset.Should().Be(2, "the reported record is handled too");
    }

    [Fact]
    public async Task Start_WhenTheFolderCannotBeCreated_FailsWithConnectException()
    {
        var file = Path.Combine(_output.FullName, "a-file");
        await File.WriteAllTextAsync(file, "");
        await using var harness = new SinkTaskHarness<ConnectorNameSinkTask>();

        await harness.Invoking(h => h.StartAsync(Config(Path.Combine(file, "out")))).Should().ThrowAsync<ConnectException>()
            .WithMessage($"*{ConnectorNameSinkConfig.OutputDirectoryConfig}*");
    }

    public void Dispose() => _output.Delete(recursive: true);

    private Dictionary<string, string> Config(string? directory = null) => new()
    {
        ["topics"] = "orders",
        [ConnectorNameSinkConfig.OutputDirectoryConfig] = directory ?? _output.FullName,
    };

    private string[] Lines(TopicPartition partition)
    {
        var path = Path.Combine(_output.FullName, $"{partition.Topic}-{partition.Partition}.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }
}
