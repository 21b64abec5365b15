using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Records;

namespace Connect.Sdk.Testing.Tests.Acceptance;

/// <summary>The acceptance checks for the item source connectors, called directly (without the xunit layer).</summary>
public class ItemSourceChecks<TConnector> : SourceConnectorAcceptanceTests<TConnector>
    where TConnector : ItemSourceConnector, new()
{
    public ConnectorCapabilities Declared { get; set; } =
        ConnectorCapabilities.ResumesFromOffsets | ConnectorCapabilities.ReleasesResourcesOnStop | ConnectorCapabilities.RecoversFromTransientErrors;

    public List<InvalidConfigExample> Examples { get; } = [];

    protected override ConnectorCapabilities Capabilities => Declared;

    protected override TimeSpan CheckTimeout => TimeSpan.FromSeconds(1);

    protected override LeakTolerance LeakTolerance => new() { Settle = TimeSpan.FromMilliseconds(300) };

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples => Examples;

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [ItemSourceConnector.SystemConfig] = ItemStore.Create().Id,
        [ItemSourceConnector.TopicConfig] = "items",
    };

    protected override ValueTask GenerateDataAsync(IReadOnlyDictionary<string, string> config, int count, CancellationToken cancellationToken)
    {
        ItemStore.Get(config[ItemSourceConnector.SystemConfig]).Append(count);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var store = ItemStore.Get(config[ItemSourceConnector.SystemConfig]);
        store.Unavailable = true;
        return ValueTask.FromResult<IAsyncDisposable>(new Outage(store));
    }

    internal sealed class Outage(ItemStore store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            store.Unavailable = false;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The acceptance checks for the item sink connectors, called directly.</summary>
public class ItemSinkChecks<TConnector> : SinkConnectorAcceptanceTests<TConnector>
    where TConnector : ItemSinkConnector, new()
{
    public ConnectorCapabilities Declared { get; set; } =
        ConnectorCapabilities.IdempotentWrites | ConnectorCapabilities.ReleasesResourcesOnStop | ConnectorCapabilities.RecoversFromTransientErrors;

    public string Mode { get; set; } = "upsert";

    protected override ConnectorCapabilities Capabilities => Declared;

    protected override TimeSpan CheckTimeout => TimeSpan.FromSeconds(1);

    protected override LeakTolerance LeakTolerance => new() { Settle = TimeSpan.FromMilliseconds(300) };

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [ItemSinkConnector.SystemConfig] = ItemStore.Create().Id,
        [ItemSinkConnector.ModeConfig] = Mode,
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
