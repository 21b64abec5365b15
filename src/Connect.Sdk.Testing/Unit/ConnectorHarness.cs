using System.Globalization;
using Connect.Sdk.Connectors;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Fakes;
using AsyncTask = System.Threading.Tasks.Task;

namespace Connect.Sdk.Testing.Unit;

/// <summary>
/// Drives a <see cref="Connector"/> the way the runtime does: validate configurations, start it with a fake context
/// (a <see cref="FakeSourceConnectorContext"/> for source connectors, a <see cref="FakeSinkConnectorContext"/> for sink
/// connectors), ask for task configurations, and check that it honours <c>tasks.max</c>.
/// </summary>
/// <typeparam name="TConnector">The connector type.</typeparam>
public class ConnectorHarness<TConnector> : IAsyncDisposable
    where TConnector : Connector, new()
{
    private bool _running;

    /// <summary>Creates a harness with a new connector instance.</summary>
    /// <param name="offsetStore">The offsets a source connector's context reads; <see langword="null"/> for a new,
    /// empty store.</param>
    public ConnectorHarness(InMemoryOffsetStore? offsetStore = null)
    {
        OffsetStore = offsetStore ?? new InMemoryOffsetStore();
        Connector = new TConnector();
        Context = Connector switch
        {
            SourceConnector => new FakeSourceConnectorContext(OffsetStore),
            SinkConnector => new FakeSinkConnectorContext(),
            _ => new FakeConnectorContext(),
        };
    }

    /// <summary>The connector instance.</summary>
    public TConnector Connector { get; }

    /// <summary>The context the connector is given at start: reconfiguration requests and raised errors.</summary>
    public FakeConnectorContext Context { get; }

    /// <summary>The offsets a source connector's context reads.</summary>
    public InMemoryOffsetStore OffsetStore { get; }

    /// <summary>Whether the connector is started and not stopped.</summary>
    public bool IsRunning => _running;

    /// <summary>Validates a configuration with <see cref="Connectors.Connector.Validate"/>.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The errors per key, and every per-key result.</returns>
    public ConfigValidationResult Validate(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ConfigValidationResult(Connector.Validate(config) ?? []);
    }

    /// <summary>Initializes the connector with <see cref="Context"/> (the first time) and starts it.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the connector has started.</returns>
    /// <exception cref="InvalidOperationException">The connector is already running.</exception>
    public AsyncTask StartAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        cancellationToken.ThrowIfCancellationRequested();
        if (_running)
        {
            throw new InvalidOperationException("The connector is already running; stop it first.");
        }

        Connector.Initialize(Context);
        Connector.Start(config);
        _running = true;
        return AsyncTask.CompletedTask;
    }

    /// <summary>Asks the running connector for its task configurations.</summary>
    /// <param name="maxTasks">The connector's <c>tasks.max</c>.</param>
    /// <returns>One configuration per task.</returns>
    /// <exception cref="InvalidOperationException">The connector is not running.</exception>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTasks);
        EnsureRunning();
        return Connector.TaskConfigs(maxTasks) ?? throw new ConnectorContractException(
            "TaskConfigs",
            "a list of task configurations",
            $"{typeof(TConnector).Name}.TaskConfigs({maxTasks}) returned null.");
    }

    /// <summary>Checks that the running connector returns at least one and at most <c>maxTasks</c> task
    /// configurations for every <c>maxTasks</c> from 1 to <paramref name="upTo"/>, and no <see langword="null"/> ones.</summary>
    /// <param name="upTo">The largest <c>maxTasks</c> to try.</param>
    /// <exception cref="ConnectorContractException">The connector returned too many or no configurations; the message
    /// lists what it returned for each <c>maxTasks</c>.</exception>
    /// <exception cref="InvalidOperationException">The connector is not running.</exception>
    public void AssertTaskConfigsHonourMaxTasks(int upTo = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(upTo);
        EnsureRunning();
        var problems = new List<string>();
        for (var maxTasks = 1; maxTasks <= upTo; maxTasks++)
        {
            var configs = TaskConfigs(maxTasks);
            if (configs.Count > maxTasks)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"maxTasks={maxTasks} gave {configs.Count} task configurations"));
            }
            else if (configs.Count == 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"maxTasks={maxTasks} gave no task configurations"));
            }
            else if (configs.Any(c => c is null))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"maxTasks={maxTasks} gave a null task configuration"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ConnectorContractException(
                "TaskConfigs_HonoursMaxTasks",
                string.Create(CultureInfo.InvariantCulture, $"{typeof(TConnector).Name}.TaskConfigs(maxTasks) to return between 1 and maxTasks configurations for maxTasks 1 to {upTo}"),
                string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Stops the running connector. Does nothing when it is not running.</summary>
    /// <returns>A task that completes when the connector has stopped.</returns>
    public AsyncTask StopAsync()
    {
        if (_running)
        {
            _running = false;
            Connector.Stop();
        }

        return AsyncTask.CompletedTask;
    }

    /// <summary>Stops the connector if it is running.</summary>
    /// <returns>A task that completes when the connector has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private void EnsureRunning()
    {
        if (!_running)
        {
            throw new InvalidOperationException("The connector is not running; call StartAsync first.");
        }
    }
}
