using System.Globalization;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Tests.Acceptance;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Samples.Tests.FileStream;

/// <summary>The Connect contract for the file source: each check reads its own file in a temporary folder, to which
/// generated items are appended as lines.</summary>
[Collection(AcceptanceCollection.Name)]
public sealed class FileStreamSourceConnectorAcceptanceTests : SourceConnectorAcceptanceTestBase<FileStreamSourceConnector>, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, int> _linesWritten = new(StringComparer.Ordinal);
    private int _files;

    protected override TimeSpan CheckTimeout => TimeSpan.FromSeconds(5);

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples =>
    [
        new(FileStreamSourceConfig.BatchSizeConfig, "0", "at least 1"),
        new(FileStreamSourceConfig.BatchSizeConfig, "many", "Not a number"),
        new(FileStreamSourceConfig.TopicConfig, "a,b", "single topic name"),
        new(FileStreamSourceConfig.TopicConfig, "", "non-empty"),
    ];

    public void Dispose() => _folder.Dispose();

    // A small batch size makes the resume checks restart in the middle of the data.
    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [FileStreamSourceConfig.FileConfig] = _folder.File(string.Create(CultureInfo.InvariantCulture, $"in-{Interlocked.Increment(ref _files)}.txt")),
        [FileStreamSourceConfig.TopicConfig] = "lines",
        [FileStreamSourceConfig.BatchSizeConfig] = "4",
    };

    protected override async ValueTask GenerateDataAsync(IReadOnlyDictionary<string, string> config, int count, CancellationToken cancellationToken)
    {
        var file = config[FileStreamSourceConfig.FileConfig];
        var written = _linesWritten.GetValueOrDefault(file);
        var lines = Enumerable.Range(written, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"line-{n}\n"));
        await File.AppendAllTextAsync(file, string.Concat(lines), cancellationToken);
        _linesWritten[file] = written + count;
    }

    // Short idle waits keep the checks quick when a poll finds no new line.
    protected override SourceTask CreateTask(Type taskType) => new FileStreamSourceTask { IdleWait = TimeSpan.FromMilliseconds(20) };
}
