using System.Text.Json;
using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Acme.Connector.Tests;

/// <summary>
/// The Connect contract checks of Connect.Sdk.Testing, each run as a test: documented keys, validation of required
/// keys and bad values, start/stop/start, no leaked threads or timers, tasks.max, idempotent redelivery, and
/// recovering from RetriableException without approving offsets of unwritten records.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class ConnectorNameSinkConnectorAcceptanceTests : SinkConnectorAcceptanceTestBase<ConnectorNameSinkConnector>, IDisposable
{
    // xunit creates the class for every test, so every check gets a folder of its own.
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("sink-acceptance-");

    protected override ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.IdempotentWrites
        | ConnectorCapabilities.ReleasesResourcesOnStop
        | ConnectorCapabilities.RecoversFromTransientErrors;

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples =>
    [
        new(ConnectorNameSinkConfig.OutputDirectoryConfig, ""),
        new(ConnectorNameSinkConfig.IncludeKeyConfig, "maybe"),
    ];

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        ["topics"] = "orders",
        [ConnectorNameSinkConfig.OutputDirectoryConfig] = _output.FullName,
    };

    // A record is identified by the name field of its value (the default records are { id, name = "record-<i>" }) …
    protected override string IdentityOf(SinkRecord record) => ((Struct)record.Value!).GetString("name")!;

    // … and so is every line in the files.
    protected override async ValueTask<IReadOnlyList<string>> ReadExternalDataAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(config[ConnectorNameSinkConfig.OutputDirectoryConfig], "*.jsonl"))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                using var json = JsonDocument.Parse(line);
                names.Add(json.RootElement.GetProperty("value").GetProperty("name").GetString()!);
            }
        }

        return names;
    }

    // The outage lasts until the returned object is disposed.
    protected override async ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken) =>
        await FolderOutage.StartAsync(config[ConnectorNameSinkConfig.OutputDirectoryConfig]);

    public void Dispose() => _output.Delete(recursive: true);
}
