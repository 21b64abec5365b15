using System.Text;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Pipeline;

/// <summary>
/// Runs a sink connector the way a worker would, but in-process and without Kafka (on the runtime's
/// <see cref="EmbeddedSinkPipeline"/>): records given as bytes, as a consumer would read them from Kafka, go through
/// the connector's real converters and transforms into its task's <see cref="SinkTask.PutAsync"/>. It captures what
/// was put (<see cref="Put"/>) and commits the offsets <see cref="SinkTask.PreCommitAsync"/> approves. Use
/// <see cref="SinkPipelineHarness{TConnector}"/> when the connector type is known.
/// </summary>
/// <remarks>
/// A converter the configuration does not name is the worker's default (<c>JsonConverter</c> for keys and values,
/// <c>SimpleHeaderConverter</c> for headers). One task runs, as with <c>tasks.max=1</c>. A batch the task refuses with
/// <see cref="Errors.RetriableException"/> is delivered again after the back-off; with a
/// <see cref="Fakes.ManualTimeProvider"/> the harness moves the clock instead of waiting.
/// </remarks>
public class SinkPipelineHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string> _config;
    private readonly SinkPipelineHarnessOptions _options;
    private readonly PluginRegistry _plugins;
    private readonly List<SinkRecord> _put = [];
    private readonly Dictionary<TopicPartition, long> _nextOffsets = [];
    private EmbeddedSinkPipeline? _pipeline;

    /// <summary>Creates a harness for a connector configuration.</summary>
    /// <param name="config">The connector configuration, with <c>connector.class</c> and <c>topics</c>; <c>name</c>
    /// defaults to <c>pipeline</c>.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SinkPipelineHarness(IReadOnlyDictionary<string, string> config, SinkPipelineHarnessOptions? options = null)
        : this(config, options, connectorType: null)
    {
    }

    private protected SinkPipelineHarness(IReadOnlyDictionary<string, string> config, SinkPipelineHarnessOptions? options, Type? connectorType)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? new SinkPipelineHarnessOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDeliveryAttempts, 1, nameof(options));
        _plugins = _options.Plugins ?? PipelineDefaults.Plugins;
        if (connectorType is not null)
        {
            _plugins.AddType(connectorType);
        }

        _config = PipelineDefaults.Complete(config, connectorType);
        DefaultTopic = (_config.GetValueOrDefault(ConnectorConfig.TopicsConfig) ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault() ?? "test-topic";
    }

    /// <summary>The configuration the pipeline runs with: the one given, completed with a name and default converters.</summary>
    public IReadOnlyDictionary<string, string> Config => _config;

    /// <summary>The connector's <c>name</c>.</summary>
    public string ConnectorName => _config[ConnectorConfig.NameConfig];

    /// <summary>The topic <see cref="CreateRecord"/> uses when none is given: the first of <c>topics</c>.</summary>
    public string DefaultTopic { get; }

    /// <summary>The running pipeline.</summary>
    /// <exception cref="InvalidOperationException">The harness is not running.</exception>
    public EmbeddedSinkPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("The pipeline is not running; call StartAsync or SendAsync first.");

    /// <summary>The running task.</summary>
    /// <exception cref="InvalidOperationException">The harness is not running.</exception>
    public SinkTask Task => Pipeline.Task;

    /// <summary>Every record put, after converters and transforms, in order.</summary>
    public IReadOnlyList<SinkRecord> Put => [.. _put];

    /// <summary>The offsets committed so far, per partition (the next offset to consume).</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => _pipeline?.CommittedOffsets ?? new Dictionary<TopicPartition, long>();

    /// <summary>The errors tolerated with <c>errors.tolerance=all</c>, with the original records, in order.</summary>
    public IReadOnlyList<ErrorContext> ToleratedErrors => _pipeline?.ToleratedErrors ?? [];

    /// <summary>Makes a record as a consumer would read it, with UTF-8 key and value and the next offset of its partition.</summary>
    /// <param name="key">The key text (for example JSON), or <see langword="null"/>.</param>
    /// <param name="value">The value text (for example JSON), or <see langword="null"/> for a tombstone.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="topic">The topic; <see langword="null"/> for <see cref="DefaultTopic"/>.</param>
    /// <returns>The record.</returns>
    public ConsumedRecord CreateRecord(string? key, string? value, int partition = 0, string? topic = null) =>
        CreateBinaryRecord(key is null ? null : Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value), partition, topic);

    /// <summary>Makes a record as a consumer would read it, with the next offset of its partition.</summary>
    /// <param name="key">The key bytes, or <see langword="null"/>.</param>
    /// <param name="value">The value bytes, or <see langword="null"/> for a tombstone.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="topic">The topic; <see langword="null"/> for <see cref="DefaultTopic"/>.</param>
    /// <returns>The record.</returns>
    public ConsumedRecord CreateBinaryRecord(byte[]? key, byte[]? value, int partition = 0, string? topic = null)
    {
        var where = new TopicPartition(topic ?? DefaultTopic, partition);
        var offset = _nextOffsets.GetValueOrDefault(where);
        _nextOffsets[where] = offset + 1;
        return new ConsumedRecord(where.Topic, partition, offset, key, value);
    }

    /// <summary>Starts the connector and its task.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the task has started.</returns>
    /// <exception cref="InvalidOperationException">The pipeline is already running.</exception>
    /// <exception cref="Config.ConfigException">A configuration key is invalid.</exception>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">The connector or its task cannot be created or started.</exception>
    public async System.Threading.Tasks.Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_pipeline is not null)
        {
            throw new InvalidOperationException("The pipeline is already running.");
        }

        _pipeline = await EmbeddedSinkPipeline.StartAsync(
            _config,
            new EmbeddedSinkPipelineOptions
            {
                Plugins = _plugins,
                LoggerFactory = _options.LoggerFactory,
                TimeProvider = _options.TimeProvider,
                MaxDeliveryAttempts = _options.MaxDeliveryAttempts,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers records as one consumer batch (starting the pipeline if needed): converters, transforms,
    /// then one put with what remains.</summary>
    /// <param name="records">The records, for example from <see cref="CreateRecord"/>.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The records put, after transforms.</returns>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">A converter, transform or the put failed and the error was not tolerated.</exception>
    public async Task<IReadOnlyList<SinkRecord>> SendAsync(IEnumerable<ConsumedRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_pipeline is null)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var put = await HarnessClock.AwaitAsync(_options.TimeProvider, Pipeline.DeliverAsync(records, cancellationToken)).ConfigureAwait(false);
        _put.AddRange(put);
        return put;
    }

    /// <summary>Delivers records as one consumer batch; see <see cref="SendAsync(IEnumerable{ConsumedRecord}, CancellationToken)"/>.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The records put, after transforms.</returns>
    public Task<IReadOnlyList<SinkRecord>> SendAsync(params ConsumedRecord[] records) => SendAsync(records, CancellationToken.None);

    /// <summary>Delivers UTF-8 values without keys to partition 0 of <see cref="DefaultTopic"/>, as one batch.</summary>
    /// <param name="values">The values (for example JSON); <see langword="null"/> for a tombstone.</param>
    /// <returns>The records put, after transforms.</returns>
    public Task<IReadOnlyList<SinkRecord>> SendValuesAsync(params string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SendAsync(values.Select(v => CreateRecord(null, v)).ToList(), CancellationToken.None);
    }

    /// <summary>Commits offsets as the worker does at each commit interval: <see cref="SinkTask.PreCommitAsync"/> with
    /// the current offsets, keeping what it approves in <see cref="CommittedOffsets"/>.</summary>
    /// <param name="cancellationToken">Passed to the task.</param>
    /// <returns>The offsets committed.</returns>
    public Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> CommitAsync(CancellationToken cancellationToken = default) =>
        Pipeline.CommitAsync(cancellationToken);

    /// <summary>Stops the pipeline as the worker stops a sink task: commits, closes the partitions, stops the task
    /// and the connector. Does nothing when not running.</summary>
    /// <param name="cancellationToken">Passed to the final pre-commit.</param>
    /// <returns>A task that completes when the pipeline has stopped.</returns>
    public async System.Threading.Tasks.Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_pipeline is not null)
        {
            await _pipeline.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the pipeline.</summary>
    /// <returns>A task that completes when the pipeline has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}

/// <summary>A <see cref="SinkPipelineHarness"/> for a connector type: <c>connector.class</c> and <c>name</c> default to
/// the type, which is registered with the plugins.</summary>
/// <typeparam name="TConnector">The sink connector type.</typeparam>
public class SinkPipelineHarness<TConnector> : SinkPipelineHarness
    where TConnector : SinkConnector, new()
{
    /// <summary>Creates a harness for the connector with a configuration (without <c>connector.class</c>).</summary>
    /// <param name="config">The connector's configuration, with <c>topics</c>.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SinkPipelineHarness(IReadOnlyDictionary<string, string> config, SinkPipelineHarnessOptions? options = null)
        : base(config, options, typeof(TConnector))
    {
    }
}
