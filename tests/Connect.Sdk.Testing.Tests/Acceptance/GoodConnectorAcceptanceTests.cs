using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Testing.Tests.Acceptance;

/// <summary>The well-behaved item sink passes every check through the xunit layer. (How a check without its inputs is
/// reported as skipped is shown by BrokenConnectorTests without leaving a skipped test in the suite.)</summary>
[Collection(AcceptanceCollection.Name)]
public class ItemSinkAcceptanceTests : SinkConnectorAcceptanceTestBase<ItemSinkConnector>
{
    protected override ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.IdempotentWrites | ConnectorCapabilities.ReleasesResourcesOnStop | ConnectorCapabilities.RecoversFromTransientErrors;

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [ItemSinkConnector.SystemConfig] = ItemStore.Create().Id,
        [SinkTask.TopicsConfig] = "orders",
    };

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples =>
    [
        new(ItemSinkConnector.ModeConfig, "merge", "Invalid value merge for configuration write.mode: String must be one of: upsert, append"),
    ];

    protected override ValueTask<IReadOnlyList<string>> ReadExternalDataAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ItemStore.Get(config[ItemSinkConnector.SystemConfig]).Written());

    protected override ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var store = ItemStore.Get(config[ItemSinkConnector.SystemConfig]);
        store.Unavailable = true;
        return ValueTask.FromResult<IAsyncDisposable>(new ItemSourceChecks<ItemSourceConnector>.Outage(store));
    }
}
