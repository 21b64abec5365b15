using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>Reading and changing a connector's stored source offsets, shared by the standalone and distributed herders
/// (the offsets endpoints of the REST API).</summary>
internal static class SourceOffsetOperations
{
    public static IReadOnlyList<ConnectorOffset> Read(IOffsetBackingStore store, string name, ConnectorType type)
    {
        if (type != ConnectorType.Source)
        {
            throw new ConnectException($"Reading the offsets of sink connector {name} is not supported yet; use the consumer group connect-{name}.");
        }

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

    public static async Task AlterAsync(
        IOffsetBackingStore store,
        PluginRegistry plugins,
        string name,
        IReadOnlyDictionary<string, string> config,
        ConnectorType type,
        TargetState targetState,
        IReadOnlyList<ConnectorOffset>? offsets,
        CancellationToken cancellationToken)
    {
        if (targetState != TargetState.Stopped)
        {
            throw new IllegalWorkerStateException(
                $"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/{name}/stop' endpoint");
        }

        if (type != ConnectorType.Source)
        {
            throw new ConnectException($"Changing the offsets of sink connector {name} is not supported yet.");
        }

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
        connector.AlterOffsets(config, offsets?.Select(o => new SourcePartitionOffset(o.Partition, o.Offset)).ToList()
            ?? changes.Keys.Select(k => new SourcePartitionOffset(OffsetCodec.DeserializeKey(k)!.Value.Partition, null)).ToList());
        await store.SetAsync(changes, cancellationToken).ConfigureAwait(false);
    }
}
