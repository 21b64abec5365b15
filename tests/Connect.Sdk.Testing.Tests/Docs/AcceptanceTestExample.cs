using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Tests.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Testing.Tests.Docs;

#region acceptance-test
[Collection(AcceptanceCollection.Name)]
public class ItemSourceConnectorAcceptanceTests : SourceConnectorAcceptanceTestBase<ItemSourceConnector>
{
    // Checks whose capability is not declared are reported as skipped.
    protected override ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.ResumesFromOffsets
        | ConnectorCapabilities.ReleasesResourcesOnStop
        | ConnectorCapabilities.RecoversFromTransientErrors;

    protected override TimeSpan CheckTimeout => TimeSpan.FromSeconds(2);

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples =>
    [
        new(ItemSourceConnector.BatchSizeConfig, "0", "at least 1"),
        new(ItemSourceConnector.BatchSizeConfig, "many"),
        new(ItemSourceConnector.TopicConfig, ""),
    ];

    // A fresh external system for every check.
    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [ItemSourceConnector.SystemConfig] = ItemStore.Create().Id,
        [ItemSourceConnector.TopicConfig] = "items",
    };

    // Each generated item must become exactly one record.
    protected override ValueTask GenerateDataAsync(IReadOnlyDictionary<string, string> config, int count, CancellationToken cancellationToken)
    {
        ItemStore.Get(config[ItemSourceConnector.SystemConfig]).Append(count);
        return ValueTask.CompletedTask;
    }

    // The outage lasts until the returned object is disposed.
    protected override ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var store = ItemStore.Get(config[ItemSourceConnector.SystemConfig]);
        store.Unavailable = true;
        return ValueTask.FromResult<IAsyncDisposable>(new Outage(() => store.Unavailable = false));
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
#endregion
