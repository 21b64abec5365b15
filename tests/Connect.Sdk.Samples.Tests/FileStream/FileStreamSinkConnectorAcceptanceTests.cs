using System.Globalization;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Tests.Acceptance;
using Connect.Sdk.Samples.Tests.Fakes;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Samples.Tests.FileStream;

/// <summary>The Connect contract for the file sink. The sink appends, so a redelivered record is written again: it
/// does not declare <see cref="ConnectorCapabilities.IdempotentWrites"/>, and a file has no outage to recover from.</summary>
[Collection(AcceptanceCollection.Name)]
public sealed class FileStreamSinkConnectorAcceptanceTests : SinkConnectorAcceptanceTestBase<FileStreamSinkConnector>, IDisposable
{
    private readonly TempDirectory _folder = new();
    private int _files;

    protected override ConnectorCapabilities Capabilities => ConnectorCapabilities.ReleasesResourcesOnStop;

    public void Dispose() => _folder.Dispose();

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [FileStreamSinkConfig.FileConfig] = _folder.File(string.Create(CultureInfo.InvariantCulture, $"out-{Interlocked.Increment(ref _files)}.txt")),
        ["topics"] = "lines",
    };

    protected override async ValueTask<IReadOnlyList<string>> ReadExternalDataAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var file = config[FileStreamSinkConfig.FileConfig];
        if (!File.Exists(file))
        {
            return [];
        }

        // The task may still hold the file open for writing.
        var stream = new System.IO.FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        await using (stream)
        {
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
