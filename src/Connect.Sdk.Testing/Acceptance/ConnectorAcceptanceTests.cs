using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Connect.Sdk.Connectors;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Acceptance;

/// <summary>
/// The checks every connector must pass, whatever its direction: its configuration is documented and validated, it
/// can be started and stopped repeatedly, it honours <c>tasks.max</c>, and stopping it releases what it started.
/// Derive from <see cref="SourceConnectorAcceptanceTests{TConnector}"/> or <see cref="SinkConnectorAcceptanceTests{TConnector}"/>.
/// </summary>
/// <remarks>
/// Each check is a public method that completes when the connector passes, throws
/// <see cref="ConnectorContractException"/> saying what was expected and what happened when it does not, and throws
/// <see cref="AcceptanceCheckSkippedException"/> when it does not apply (see <see cref="Capabilities"/>). Call them
/// from any test framework, or use the xunit base classes in Connect.Sdk.Testing.Xunit, which expose each as a fact.
/// Every check asks <see cref="CreateValidConfig"/> for a fresh configuration.
/// </remarks>
/// <typeparam name="TConnector">The connector type.</typeparam>
public abstract class ConnectorAcceptanceTests<TConnector>
    where TConnector : Connector, new()
{
    /// <summary>Configuration keys the runtime itself reads; a connector may read them without defining them.</summary>
    private static readonly string[] RuntimeKeys =
    [
        "name", "connector.class", "tasks.max", "topics", "topics.regex", "key.converter", "value.converter",
        "header.converter", "transforms", "predicates", "config.action.reload", "task.id",
    ];

    private static readonly string[] RuntimePrefixes =
    [
        "key.converter.", "value.converter.", "header.converter.", "transforms.", "predicates.", "errors.",
        "topic.creation.", "producer.override.", "consumer.override.", "admin.override.", "exactly.once.",
        "offsets.storage.", "transaction.boundary",
    ];

    /// <summary>The capabilities the connector declares; checks that need one it lacks are skipped.</summary>
    protected abstract ConnectorCapabilities Capabilities { get; }

    /// <summary>The largest <c>tasks.max</c> <see cref="TaskConfigs_HonoursMaxTasks"/> tries.</summary>
    /// <value>The default is 4.</value>
    protected virtual int MaxTasksToCheck => 4;

    /// <summary>How long a check waits for records to arrive or to be written before it fails.</summary>
    /// <value>The default is 10 seconds.</value>
    protected virtual TimeSpan CheckTimeout => TimeSpan.FromSeconds(10);

    /// <summary>How many records the data checks generate or deliver.</summary>
    /// <value>The default is 10.</value>
    protected virtual int RecordsPerCheck => 10;

    /// <summary>How loosely <see cref="Stop_LeavesNoThreadsOrTimers"/> compares resource counts.</summary>
    /// <value>The default is a <see cref="Acceptance.LeakTolerance"/> with its defaults.</value>
    protected virtual LeakTolerance LeakTolerance => new();

    /// <summary>Invalid values the connector must reject, for <see cref="Validate_RejectsInvalidValues"/>, which is
    /// skipped when there are none.</summary>
    /// <value>The default is no examples.</value>
    protected virtual IEnumerable<InvalidConfigExample> InvalidConfigExamples => [];

    private static string ConnectorName => typeof(TConnector).Name;

    /// <summary>Creates a valid connector configuration that works against the external system the test uses (for
    /// example a temporary folder or a test container). Called once per check.</summary>
    /// <returns>The configuration.</returns>
    protected abstract IReadOnlyDictionary<string, string> CreateValidConfig();

    /// <summary>Makes the external system unavailable until the returned object is disposed, for
    /// <c>RetriableException_IsRecoverable</c>. Override it when declaring
    /// <see cref="ConnectorCapabilities.RecoversFromTransientErrors"/>.</summary>
    /// <param name="config">The connector configuration of the check.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>An object whose disposal ends the outage.</returns>
    /// <exception cref="NotSupportedException">Not overridden.</exception>
    protected virtual ValueTask<IAsyncDisposable> SimulateTransientFailureAsync(
        IReadOnlyDictionary<string, string> config,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("Override SimulateTransientFailureAsync to check RetriableException handling.");

    /// <summary>Checks that every key of the connector's <see cref="Connector.Config"/> has documentation, and that
    /// the connector reads no connector-specific key it does not define there (an undocumented key).</summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">A key has no documentation, or an undefined key is read.</exception>
    public virtual async Task ConfigDef_DocumentsEveryKey()
    {
        const string check = nameof(ConfigDef_DocumentsEveryKey);
        var definition = new TConnector().Config
            ?? throw new ConnectorContractException(check, $"{ConnectorName}.Config to return a ConfigDef", "it returned null.");
        var undocumented = definition.ConfigKeys.Values
            .Where(k => string.IsNullOrWhiteSpace(k.Documentation))
            .Select(k => $"\"{k.Name}\"")
            .ToList();
        if (undocumented.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                $"every key of {ConnectorName}.Config to have documentation",
                $"{undocumented.Count} key(s) have none: {string.Join(", ", undocumented)}.");
        }

        var config = new RecordingConfig(CreateValidConfig());
        var harness = new ConnectorHarness<TConnector>();
        await using (harness.ConfigureAwait(false))
        {
            harness.Validate(config);
            await harness.StartAsync(config).ConfigureAwait(false);
            harness.TaskConfigs(1);
        }

        var undefined = config.ReadKeys
            .Where(k => !definition.ConfigKeys.ContainsKey(k) && !IsRuntimeKey(k))
            .Order(StringComparer.Ordinal)
            .Select(k => $"\"{k}\"")
            .ToList();
        if (undefined.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                $"every key {ConnectorName} reads from its configuration to be defined (and documented) in its ConfigDef",
                $"it read {undefined.Count} undefined key(s): {string.Join(", ", undefined)}.");
        }
    }

    /// <summary>Checks that the valid configuration passes <see cref="Connector.Validate"/> and that leaving out any
    /// required key (one without a default) gets an error for that key.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">The valid configuration is rejected or a missing key is not reported.</exception>
    public virtual Task Validate_ReportsRequiredKeysMissing()
    {
        const string check = nameof(Validate_ReportsRequiredKeysMissing);
        var harness = new ConnectorHarness<TConnector>();
        var config = CreateValidConfig();
        var valid = ValidateSafely(harness, config, check, "the valid configuration");
        if (!valid.IsValid)
        {
            throw new ConnectorContractException(
                check,
                "the configuration from CreateValidConfig to pass Validate",
                $"Validate reported: {Flatten(valid)}.");
        }

        var problems = new List<string>();
        foreach (var key in harness.Connector.Config.ConfigKeys.Values.Where(k => !k.HasDefault))
        {
            var without = config.Where(e => e.Key != key.Name).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var result = ValidateSafely(harness, without, check, $"the configuration without \"{key.Name}\"");
            if (!result.HasErrorFor(key.Name))
            {
                problems.Add($"without \"{key.Name}\" Validate reported {(result.IsValid ? "no errors" : Flatten(result))}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                "Validate to report an error for each required key left out",
                string.Join("; ", problems) + ".");
        }

        return Task.CompletedTask;
    }

    /// <summary>Checks that each of <see cref="InvalidConfigExamples"/> gets an error with a message for its key.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">An invalid value is accepted or its message is not as expected.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">No examples are supplied.</exception>
    public virtual Task Validate_RejectsInvalidValues()
    {
        const string check = nameof(Validate_RejectsInvalidValues);
        var examples = InvalidConfigExamples.ToList();
        if (examples.Count == 0)
        {
            throw new AcceptanceCheckSkippedException(
                $"{check}: no invalid values to try; override InvalidConfigExamples to supply some.");
        }

        var harness = new ConnectorHarness<TConnector>();
        var problems = new List<string>();
        foreach (var example in examples)
        {
            var config = CreateValidConfig().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            config[example.Key] = example.Value;
            var result = ValidateSafely(harness, config, check, $"{example.Key}={example.Value}");
            var errors = result.ErrorsFor(example.Key);
            if (errors.Count == 0)
            {
                problems.Add($"{example.Key}=\"{example.Value}\" got no error for the key (Validate reported {(result.IsValid ? "no errors" : Flatten(result))})");
            }
            else if (errors.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{example.Key}=\"{example.Value}\" got an empty error message");
            }
            else if (example.ExpectedMessage is { } expected && !result.HasErrorFor(example.Key, expected))
            {
                problems.Add($"{example.Key}=\"{example.Value}\" got errors that do not mention \"{expected}\": {string.Join("; ", errors)}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                "Validate to reject each invalid value with a message for its key",
                string.Join("; ", problems) + ".");
        }

        return Task.CompletedTask;
    }

    /// <summary>Checks that the connector honours <c>tasks.max</c>: for every value from 1 to
    /// <see cref="MaxTasksToCheck"/> it returns at least one and at most that many task configurations.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">The connector returns too many or no configurations.</exception>
    public virtual async Task TaskConfigs_HonoursMaxTasks()
    {
        var harness = new ConnectorHarness<TConnector>();
        await using var harnessDisposal = harness.ConfigureAwait(false);
        await harness.StartAsync(CreateValidConfig()).ConfigureAwait(false);
        harness.AssertTaskConfigsHonourMaxTasks(MaxTasksToCheck);
    }

    /// <summary>Checks that the connector can be started, stopped and started again on the same instance with the same
    /// task configurations, and that a task can be started, used, stopped, and a new instance started again.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">A start or stop throws, or the second start gives other task configurations.</exception>
    public virtual async Task StartStopStart_IsIdempotent()
    {
        const string check = nameof(StartStopStart_IsIdempotent);
        var config = CreateValidConfig();
        var harness = new ConnectorHarness<TConnector>();
        IReadOnlyList<IReadOnlyDictionary<string, string>> first;
        IReadOnlyList<IReadOnlyDictionary<string, string>> second;
        var step = "the first Start";
        try
        {
            await harness.StartAsync(config).ConfigureAwait(false);
            first = harness.TaskConfigs(MaxTasksToCheck);
            step = "the first Stop";
            await harness.StopAsync().ConfigureAwait(false);
            step = "the second Start";
            await harness.StartAsync(config).ConfigureAwait(false);
            second = harness.TaskConfigs(MaxTasksToCheck);
            step = "the second Stop";
            await harness.StopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ConnectorContractException)
        {
            throw new ConnectorContractException(
                check,
                "Start, Stop, Start and Stop on the same connector instance to succeed",
                $"{step} threw {e.GetType().Name}: {e.Message}",
                e);
        }

        if (!SameConfigs(first, second))
        {
            throw new ConnectorContractException(
                check,
                "the same task configurations after the connector was stopped and started again",
                $"the first start gave {Describe(first)} and the second {Describe(second)}.");
        }

        var taskConfig = first.Count > 0 ? first[0] : config;
        try
        {
            step = "the first task instance";
            await RunTaskBrieflyAsync(config, taskConfig).ConfigureAwait(false);
            step = "a second task instance started after the first stopped";
            await RunTaskBrieflyAsync(config, taskConfig).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ConnectorContractException and not AcceptanceCheckSkippedException)
        {
            throw new ConnectorContractException(
                check,
                "a task to start, run, stop, and a new instance to start and run again with the same configuration",
                $"{step} threw {e.GetType().Name}: {e.Message}",
                e);
        }
    }

    /// <summary>
    /// Checks that stopping the connector and its task releases what they started. Heuristic: process-wide counts of
    /// dedicated threads (operating system threads minus thread-pool threads), active <see cref="Timer"/>s and
    /// operating system handles are sampled before the connector starts (the largest of three samples) and, after the
    /// connector and a task have run and stopped, sampled again until they are back within
    /// <see cref="LeakTolerance"/> or <see cref="Acceptance.LeakTolerance.Settle"/> passes (the smallest sample counts).
    /// A full garbage collection precedes each sample, so objects only waiting to be finalized do not count.
    /// </summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">More threads, timers or handles remain than the tolerance allows.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">The connector does not declare <see cref="ConnectorCapabilities.ReleasesResourcesOnStop"/>.</exception>
    public virtual async Task Stop_LeavesNoThreadsOrTimers()
    {
        const string check = nameof(Stop_LeavesNoThreadsOrTimers);
        Require(ConnectorCapabilities.ReleasesResourcesOnStop, check);
        var config = CreateValidConfig();
        var tolerance = LeakTolerance;
        var baseline = await ResourceSnapshot.BaselineAsync().ConfigureAwait(false);
        await RunConnectorAndTaskAsync(config).ConfigureAwait(false);

        var started = DateTime.UtcNow;
        var lowest = ResourceSnapshot.Take();
        while (!lowest.WithinTolerance(baseline, tolerance) && DateTime.UtcNow - started < tolerance.Settle)
        {
            await Task.Delay(50).ConfigureAwait(false);
            lowest = ResourceSnapshot.Min(lowest, ResourceSnapshot.Take());
        }

        if (!lowest.WithinTolerance(baseline, tolerance))
        {
            throw new ConnectorContractException(
                check,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"at most {tolerance.Threads} more dedicated threads, {tolerance.Timers} more active timers and {tolerance.Handles} more handles {tolerance.Settle.TotalSeconds:0.#} s after {ConnectorName} and its task stopped than before they started"),
                $"found {lowest.Compare(baseline)}. Something started in Start or PollAsync/PutAsync outlives Stop (a Thread, a Timer, a Task.Run loop holding a timer, an open file or socket). The counts are process-wide: if other tests run in parallel, run acceptance classes in a collection without parallelization or raise LeakTolerance.");
        }
    }

    /// <summary>Starts a task with a configuration, makes it do some work (poll or put), and stops it.</summary>
    /// <param name="connectorConfig">The connector configuration.</param>
    /// <param name="taskConfig">The task configuration.</param>
    /// <returns>A task that completes when the task has stopped.</returns>
    private protected abstract Task RunTaskBrieflyAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<string, string> taskConfig);

    /// <summary>Skips the check when the connector does not declare a capability.</summary>
    /// <param name="capability">The capability.</param>
    /// <param name="check">The check's name.</param>
    /// <exception cref="AcceptanceCheckSkippedException">The capability is not declared.</exception>
    private protected void Require(ConnectorCapabilities capability, string check)
    {
        if (!Capabilities.HasFlag(capability))
        {
            throw new AcceptanceCheckSkippedException(
                $"{check}: {ConnectorName} does not declare ConnectorCapabilities.{capability}.");
        }
    }

    /// <summary>Starts a connector harness with a configuration and returns its first task configuration.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="check">The check's name, for errors.</param>
    /// <returns>The first task configuration.</returns>
    private protected static async Task<IReadOnlyDictionary<string, string>> FirstTaskConfigAsync(IReadOnlyDictionary<string, string> config, string check)
    {
        var harness = new ConnectorHarness<TConnector>();
        await using var harnessDisposal = harness.ConfigureAwait(false);
        await harness.StartAsync(config).ConfigureAwait(false);
        var configs = harness.TaskConfigs(1);
        return configs.Count > 0
            ? configs[0]
            : throw new ConnectorContractException(check, $"{ConnectorName}.TaskConfigs(1) to return a task configuration", "it returned none.");
    }

    /// <summary>Runs the connector and one task briefly, then stops both.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <returns>A task that completes when both stopped.</returns>
    private protected async Task RunConnectorAndTaskAsync(IReadOnlyDictionary<string, string> config)
    {
        var harness = new ConnectorHarness<TConnector>();
        await using var harnessDisposal = harness.ConfigureAwait(false);
        await harness.StartAsync(config).ConfigureAwait(false);
        var configs = harness.TaskConfigs(1);
        await RunTaskBrieflyAsync(config, configs.Count > 0 ? configs[0] : config).ConfigureAwait(false);
    }

    /// <summary>Describes a list of items compactly for a failure message, showing at most a few.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The text.</returns>
    private protected static string Sample(IEnumerable<string> items)
    {
        var list = items.ToList();
        const int shown = 5;
        var text = string.Join(", ", list.Take(shown).Select(i => $"\"{i}\""));
        return list.Count > shown ? string.Create(CultureInfo.InvariantCulture, $"{text} and {list.Count - shown} more") : text;
    }

    private static ConfigValidationResult ValidateSafely(ConnectorHarness<TConnector> harness, IReadOnlyDictionary<string, string> config, string check, string what)
    {
        try
        {
            return harness.Validate(config);
        }
        catch (Exception e)
        {
            throw new ConnectorContractException(
                check,
                $"Validate to return errors instead of throwing, for {what}",
                $"it threw {e.GetType().Name}: {e.Message}",
                e);
        }
    }

    private static string Flatten(ConfigValidationResult result) =>
        string.Join("; ", result.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));

    private static bool IsRuntimeKey(string key) =>
        RuntimeKeys.Contains(key, StringComparer.Ordinal) || RuntimePrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));

    private static bool SameConfigs(IReadOnlyList<IReadOnlyDictionary<string, string>> a, IReadOnlyList<IReadOnlyDictionary<string, string>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Count == p.Second.Count
            && p.First.All(e => p.Second.TryGetValue(e.Key, out var v) && v == e.Value));

    private static string Describe(IReadOnlyList<IReadOnlyDictionary<string, string>> configs) =>
        configs.Count == 0
            ? "no task configurations"
            : string.Create(CultureInfo.InvariantCulture, $"{configs.Count} task configuration(s) ")
              + string.Join(", ", configs.Select(c => "{" + string.Join(", ", c.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")) + "}"));

    /// <summary>A configuration that records which keys the connector looks up.</summary>
    private sealed class RecordingConfig(IReadOnlyDictionary<string, string> inner) : IReadOnlyDictionary<string, string>
    {
        private readonly ConcurrentDictionary<string, bool> _read = new(StringComparer.Ordinal);

        public IEnumerable<string> ReadKeys => _read.Keys;

        public int Count => inner.Count;

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<string> Values => inner.Values;

        public string this[string key]
        {
            get
            {
                _read[key] = true;
                return inner[key];
            }
        }

        public bool ContainsKey(string key)
        {
            _read[key] = true;
            return inner.ContainsKey(key);
        }

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
        {
            _read[key] = true;
            return inner.TryGetValue(key, out value);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
