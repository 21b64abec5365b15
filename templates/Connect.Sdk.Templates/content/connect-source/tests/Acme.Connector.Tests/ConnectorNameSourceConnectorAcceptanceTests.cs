using Connect.Sdk.Source;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Acme.Connector.Tests;

/// <summary>
/// The Connect contract checks of Connect.Sdk.Testing, each run as a test: documented keys, validation of required
/// keys and bad values, start/stop/start, no leaked threads or timers, tasks.max, resuming from committed offsets
/// without loss, losing nothing when a task is killed mid-batch, and recovering from RetriableException.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public class ConnectorNameSourceConnectorAcceptanceTests : SourceConnectorAcceptanceTestBase<ConnectorNameSourceConnector>
{
    // xunit creates the class for every test, so every check gets a source system of its own.
    private readonly FakeConnectorNameClient _system = new();

    protected override ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.ResumesFromOffsets
        | ConnectorCapabilities.ReleasesResourcesOnStop
        | ConnectorCapabilities.RecoversFromTransientErrors;

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples =>
    [
        new(ConnectorNameSourceConfig.BatchSizeConfig, "0", "at least 1"),
        new(ConnectorNameSourceConfig.BatchSizeConfig, "many"),
        new(ConnectorNameSourceConfig.PollIntervalMsConfig, "-1", "at least 0"),
        new(ConnectorNameSourceConfig.StreamsConfig, "", "at least one stream"),
        new(ConnectorNameSourceConfig.TopicConfig, ""),
    ];

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [ConnectorNameSourceConfig.TopicConfig] = "messages",
        [ConnectorNameSourceConfig.StreamsConfig] = "orders",
        [ConnectorNameSourceConfig.ApiKeyConfig] = "test-key",
        [ConnectorNameSourceConfig.BatchSizeConfig] = "4",
        [ConnectorNameSourceConfig.PollIntervalMsConfig] = "0",
    };

    // Tasks read the test's source system instead of the simulated one.
    protected override SourceTask CreateTask(Type taskType) => new ConnectorNameSourceTask(_ => _system, TimeProvider.System);

    // Each generated message must become exactly one record.
    protected override ValueTask GenerateDataAsync(IReadOnlyDictionary<string, string> config, int count, CancellationToken cancellationToken)
    {
        _system.Append(config[ConnectorNameSourceConfig.StreamsConfig], count);
        return ValueTask.CompletedTask;
    }

    // The outage lasts until the returned object is disposed.
    protected override ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        _system.Unavailable = true;
        return ValueTask.FromResult<IAsyncDisposable>(new Outage(() => _system.Unavailable = false));
    }

    private sealed class Outage(Action end) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            end();
            return ValueTask.CompletedTask;
        }
    }
}
