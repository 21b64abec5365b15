using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>
/// The offsets endpoints of the REST API for both herders: a source connector's offsets live in the worker's offset
/// store (<see cref="SourceOffsetOperations"/>), a sink connector's in its consumer group (<see cref="SinkOffsetOperations"/>).
/// Changing them requires the connector to be STOPPED, as in Kafka Connect.
/// </summary>
internal static class ConnectorOffsetOperations
{
    public static async Task<IReadOnlyList<ConnectorOffset>> ReadAsync(ConnectWorker worker, string name, IReadOnlyDictionary<string, string> config, ConnectorType type)
    {
        if (type == ConnectorType.Source)
        {
            return SourceOffsetOperations.Read(worker.OffsetStore, name);
        }

        using var admin = worker.CreateAdminClient();
        return await SinkOffsetOperations.ReadAsync(admin, SinkOffsetOperations.GroupIdOf(name, config), config).ConfigureAwait(false);
    }

    /// <summary>Changes a stopped connector's offsets; returns whether the connector handled the change itself.</summary>
    public static async Task<bool> AlterAsync(
        ConnectWorker worker,
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

        if (type == ConnectorType.Source)
        {
            return await SourceOffsetOperations.AlterAsync(worker.OffsetStore, worker.Plugins, name, config, offsets, cancellationToken).ConfigureAwait(false);
        }

        using var admin = worker.CreateAdminClient();
        return await SinkOffsetOperations.AlterAsync(admin, worker.Plugins, SinkOffsetOperations.GroupIdOf(name, config), config, offsets, canDelete: !worker.OnDevelopmentCluster)
            .ConfigureAwait(false);
    }
}
