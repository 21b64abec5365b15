using Connect.Sdk.Config;

namespace Connect.Sdk.Connectors;

/// <summary>
/// The entry point of a connector: validates its configuration, splits the work into task configurations, and
/// watches the external system for changes that need new tasks. Derive from <see cref="Source.SourceConnector"/> or
/// <see cref="Sink.SinkConnector"/>.
/// </summary>
/// <remarks>
/// The runtime creates the connector, calls <see cref="Initialize"/>, <see cref="Start"/>, then
/// <see cref="TaskConfigs"/> with <c>tasks.max</c>, and <see cref="Stop"/> when the connector is deleted, paused or
/// reconfigured. Keep <see cref="Start"/> quick: long work belongs on a background thread or in the tasks.
/// </remarks>
public abstract class Connector
{
    private IConnectorContext? _context;

    /// <summary>The context the runtime gave the connector.</summary>
    /// <exception cref="InvalidOperationException">The connector has not been initialized.</exception>
    protected IConnectorContext Context =>
        _context ?? throw new InvalidOperationException("The connector has not been initialized with a context.");

    /// <summary>The connector's version, shown by the REST API's plugin and status endpoints.</summary>
    public abstract string Version { get; }

    /// <summary>The task class the runtime instantiates for each task configuration; it derives from
    /// <see cref="Source.SourceTask"/> or <see cref="Sink.SinkTask"/> and has a public parameterless constructor.</summary>
    public abstract Type TaskType { get; }

    /// <summary>The definition of the connector's own configuration keys, used for validation and documentation.</summary>
    public abstract ConfigDef Config { get; }

    /// <summary>Gives the connector its context; the runtime calls this before <see cref="Start"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual void Initialize(IConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Starts the connector with its configuration.</summary>
    /// <param name="config">The connector configuration, with config provider placeholders resolved.</param>
    public abstract void Start(IReadOnlyDictionary<string, string> config);

    /// <summary>Restarts the connector with a new configuration. The default stops and starts it.</summary>
    /// <param name="config">The new configuration.</param>
    public virtual void Reconfigure(IReadOnlyDictionary<string, string> config)
    {
        Stop();
        Start(config);
    }

    /// <summary>Splits the work into at most <paramref name="maxTasks"/> task configurations.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>One configuration per task to run.</returns>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks);

    /// <summary>Stops the connector and releases its resources.</summary>
    public abstract void Stop();

    /// <summary>Validates a configuration, one result per key of <see cref="Config"/>. The default validates against
    /// <see cref="Config"/>; override to add checks that span keys (add messages to the returned values).</summary>
    /// <param name="config">The configuration to check.</param>
    /// <returns>Per-key values, errors, recommendations and visibility.</returns>
    public virtual IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> config) => Config.Validate(config);
}
