using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Testing.Tests.Acceptance;

/// <summary>The well-behaved item sink passes every check through the xunit layer; it supplies no invalid examples, so
/// Validate_RejectsInvalidValues is reported as skipped.</summary>
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

    protected override ValueTask<IReadOnlyList<string>> ReadExternalDataAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ItemStore.Get(config[ItemSinkConnector.SystemConfig]).Written());

    protected override ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var store = ItemStore.Get(config[ItemSinkConnector.SystemConfig]);
        store.Unavailable = true;
        return ValueTask.FromResult<IAsyncDisposable>(new ItemSourceChecks<ItemSourceConnector>.Outage(store));
    }
}
