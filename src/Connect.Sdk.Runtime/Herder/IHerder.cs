using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>
/// Decides which connectors and tasks run and keeps their configurations and statuses: the API the REST endpoints
/// and hosts use. The standalone herder keeps everything in this process; the distributed herder shares it through
/// Kafka topics.
/// </summary>
public interface IHerder
{
    /// <summary>The worker this herder runs connectors on.</summary>
    ConnectWorker Worker { get; }

    /// <summary>The connector names.</summary>
    /// <returns>The names, sorted.</returns>
    IReadOnlyList<string> Connectors();

    /// <summary>A connector's configuration and tasks.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The info.</returns>
    /// <exception cref="Connect.Sdk.Errors.NotFoundException">No such connector.</exception>
    ConnectorInfo ConnectorInfo(string name);

    /// <summary>A connector's status and its tasks' statuses.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The status.</returns>
    /// <exception cref="Connect.Sdk.Errors.NotFoundException">No such connector.</exception>
    ConnectorStateInfo ConnectorStatus(string name);

    /// <summary>One task's status.</summary>
    /// <param name="id">The task id.</param>
    /// <returns>The status.</returns>
    /// <exception cref="Connect.Sdk.Errors.NotFoundException">No such connector or task.</exception>
    TaskStateInfo TaskStatus(ConnectorTaskId id);

    /// <summary>A connector's task configurations.</summary>
    /// <param name="name">The connector name.</param>
    /// <returns>The tasks.</returns>
    IReadOnlyList<TaskInfo> TaskConfigs(string name);

    /// <summary>Creates a connector, or updates it when <paramref name="allowReplace"/> is set.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="allowReplace">Whether an existing connector may be updated.</param>
    /// <param name="initialState">The target state of a new connector.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The connector and whether it was created.</returns>
    /// <exception cref="Connect.Sdk.Errors.AlreadyExistsException">It exists and <paramref name="allowReplace"/> is false.</exception>
    /// <exception cref="InvalidConnectorConfigException">The configuration is invalid.</exception>
    Task<CreateResult> PutConnectorConfigAsync(string name, IReadOnlyDictionary<string, string> config, bool allowReplace, TargetState initialState = TargetState.Started, CancellationToken cancellationToken = default);

    /// <summary>Deletes a connector and stops its tasks.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The deleted connector.</returns>
    Task<ConnectorInfo> DeleteConnectorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Pauses, resumes or stops a connector and its tasks.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="state">The target state.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task that completes when the change was made.</returns>
    Task SetTargetStateAsync(string name, TargetState state, CancellationToken cancellationToken = default);

    /// <summary>Restarts a connector, and optionally its tasks (all, or only failed ones).</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="includeTasks">Whether to restart tasks too.</param>
    /// <param name="onlyFailed">Whether to restart only failed instances.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The status right after the restart was started.</returns>
    Task<ConnectorStateInfo> RestartConnectorAsync(string name, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken = default);

    /// <summary>Restarts one task.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task that completes when the task restarted.</returns>
    Task RestartTaskAsync(ConnectorTaskId id, CancellationToken cancellationToken = default);

    /// <summary>Validates a configuration against its connector class and the common connector keys.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The validation results.</returns>
    ConfigInfos ValidateConnectorConfig(IReadOnlyDictionary<string, string> config);

    /// <summary>The plugins available.</summary>
    PluginRegistry Plugins { get; }

    /// <summary>A stopped connector's stored offsets.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The offsets.</returns>
    Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Changes (or with <see langword="null"/> offsets, resets) a stopped connector's offsets.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="offsets">The offsets to write, or <see langword="null"/> to reset all.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Whether the connector handled the change itself (its <c>AlterOffsets</c> returned true); when not, offsets it
    /// keeps outside Connect are unchanged. The task completes when the offsets were written.</returns>
    Task<bool> AlterOffsetsAsync(string name, IReadOnlyList<ConnectorOffset>? offsets, CancellationToken cancellationToken = default);
}
