using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>Reading and changing a source connector's offsets, which the worker's offset store holds.</summary>
internal static class SourceOffsetOperations
{
    public static IReadOnlyList<ConnectorOffset> Read(IOffsetBackingStore store, string name)
    {
        var offsets = new List<ConnectorOffset>();
        foreach (var (key, value) in store.Snapshot())
        {
            if (OffsetCodec.DeserializeKey(key) is { } parsed && parsed.Connector == name)
            {
                offsets.Add(new ConnectorOffset(parsed.Partition, OffsetCodec.DeserializeOffset(value)));
            }
        }

        return offsets;
    }

    /// <summary>Writes a source connector's offsets (<see langword="null"/>: removes all) after telling the connector;
    /// returns what its <see cref="SourceConnector.AlterOffsets"/> returned.</summary>
    public static async Task<bool> AlterAsync(
        IOffsetBackingStore store,
        PluginRegistry plugins,
        string name,
        IReadOnlyDictionary<string, string> config,
        IReadOnlyList<ConnectorOffset>? offsets,
        CancellationToken cancellationToken)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (offsets is null)
        {
            foreach (var key in store.Snapshot().Keys)
            {
                if (OffsetCodec.DeserializeKey(key) is { } parsed && parsed.Connector == name)
                {
                    changes[key] = null;
                }
            }
        }
        else
        {
            foreach (var offset in offsets)
            {
                changes[OffsetCodec.SerializeKey(name, offset.Partition)] = offset.Offset is null ? null : OffsetCodec.SerializeOffset(offset.Offset);
            }
        }

        var connector = PluginRegistry.Instantiate<SourceConnector>(plugins.Resolve(config[ConnectorConfig.ConnectorClassConfig], PluginType.Source).Type);
        var handled = connector.AlterOffsets(config, offsets?.Select(o => new SourcePartitionOffset(o.Partition, o.Offset)).ToList()
            ?? changes.Keys.Select(k => new SourcePartitionOffset(OffsetCodec.DeserializeKey(k)!.Value.Partition, null)).ToList());
        await store.SetAsync(changes, cancellationToken).ConfigureAwait(false);
        return handled;
    }
}
