using System.Globalization;
using System.Threading.Channels;
using Connect.Sdk.Data;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Source;
using Connect.Sdk.Storage;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;

namespace Connect.Sdk.Testing.Pipeline;

/// <summary>
/// Runs a source connector the way a worker would, but in-process and without Kafka (on the runtime's
/// <see cref="EmbeddedEngine"/>): the connector and its tasks, its transforms and its real converters. It captures
/// what would be written to Kafka (<see cref="ProducedRecord"/>: topic, key, value and header bytes, and the bytes
/// read back) and commits source offsets as the worker does, so a restart resumes from them. Use
/// <see cref="SourcePipelineHarness{TConnector}"/> when the connector type is known.
/// </summary>
/// <remarks>
/// <para>The configuration is the connector configuration a worker would be given. A converter it does not name is
/// the worker's default (<c>JsonConverter</c> for keys and values, <c>SimpleHeaderConverter</c> for headers).
/// Offsets are kept in memory across restarts, or in <c>offset.storage.file.filename</c> when set.</para>
/// <para>Records are produced on demand: the tasks run in the background but wait once
/// <see cref="SourcePipelineHarnessOptions.BufferSize"/> records are ready, and a record counts as written to Kafka
/// (acknowledged, so its offset can be committed) when <see cref="TakeAsync"/> returns it.</para>
/// </remarks>
public class SourcePipelineHarness : IAsyncDisposable
{
    private readonly Dictionary<string, string> _config;
    private readonly SourcePipelineHarnessOptions _options;
    private readonly PluginRegistry _plugins;
    private readonly ConnectorConverters _readers;
    private readonly IOffsetBackingStore _offsetStore;
    private readonly List<ProducedRecord> _produced = [];
    private readonly List<ErrorContext> _pastErrors = [];
    private EmbeddedEngine? _engine;
    private int _starts;

    /// <summary>Creates a harness for a connector configuration.</summary>
    /// <param name="config">The connector configuration, with <c>connector.class</c>; <c>name</c> defaults to <c>pipeline</c>.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">A converter cannot be resolved.</exception>
    public SourcePipelineHarness(IReadOnlyDictionary<string, string> config, SourcePipelineHarnessOptions? options = null)
        : this(config, options, connectorType: null)
    {
    }

    private protected SourcePipelineHarness(IReadOnlyDictionary<string, string> config, SourcePipelineHarnessOptions? options, Type? connectorType)
    {
        ArgumentNullException.ThrowIfNull(config);
        _options = options ?? new SourcePipelineHarnessOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BufferSize, 1, nameof(options));
        _plugins = _options.Plugins ?? PipelineDefaults.Plugins;
        if (connectorType is not null)
        {
            _plugins.AddType(connectorType);
        }

        _config = PipelineDefaults.Complete(config, connectorType);

        // Records only count as written once taken; waiting for unread records at stop would only slow tests down.
        _config.TryAdd(WorkerConfig.OffsetFlushTimeoutConfig, "0");
        _readers = ConnectorConverters.Create(_plugins, _config);
        var file = _config.GetValueOrDefault(WorkerConfig.OffsetStorageFileConfig);
        _offsetStore = string.IsNullOrWhiteSpace(file) ? new MemoryOffsetBackingStore() : new FileOffsetBackingStore(file);
    }

    /// <summary>The configuration the engine runs with: the one given, completed with a name and default converters.</summary>
    public IReadOnlyDictionary<string, string> Config => _config;

    /// <summary>The connector's <c>name</c>.</summary>
    public string ConnectorName => _config[ConnectorConfig.NameConfig];

    /// <summary>The running engine.</summary>
    /// <exception cref="InvalidOperationException">The harness is not running.</exception>
    public EmbeddedEngine Engine => _engine ?? throw new InvalidOperationException("The pipeline is not running; call StartAsync or TakeAsync first.");

    /// <summary>Whether the connector is running.</summary>
    public bool IsRunning => _engine is { State: EmbeddedEngineState.Starting or EmbeddedEngineState.Running };

    /// <summary>How many times the connector was started.</summary>
    public int Starts => _starts;

    /// <summary>The committed source offsets, which a restarted connector reads.</summary>
    public IOffsetBackingStore OffsetStore => _offsetStore;

    /// <summary>Every record taken so far, over all runs, in order.</summary>
    public IReadOnlyList<ProducedRecord> Produced => [.. _produced];

    /// <summary>The errors tolerated with <c>errors.tolerance=all</c> (records skipped), over all runs, in order.</summary>
    public IReadOnlyList<ErrorContext> ToleratedErrors => [.. _pastErrors, .. _engine?.ToleratedErrors ?? []];

    /// <summary>The committed source offsets of the connector, per source partition (numbers come back as
    /// <see cref="long"/> or <see cref="double"/>, as after the runtime's JSON round trip).</summary>
    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> CommittedOffsets
    {
        get
        {
            var offsets = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>(SourcePartitionComparer.Instance);
            foreach (var (key, value) in _offsetStore.Snapshot())
            {
                if (OffsetCodec.DeserializeKey(key) is { } parsed && parsed.Connector == ConnectorName)
                {
                    offsets[parsed.Partition] = OffsetCodec.DeserializeOffset(value);
                }
            }

            return offsets;
        }
    }

    /// <summary>Starts the connector and its tasks.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the connector has started.</returns>
    /// <exception cref="InvalidOperationException">The connector is already running.</exception>
    /// <exception cref="Config.ConfigException">A configuration key is invalid.</exception>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">The connector cannot be created or started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The pipeline is already running; stop it first or use RestartAsync.");
        }

        if (_starts == 0)
        {
            await _offsetStore.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_engine is not null)
        {
            _pastErrors.AddRange(_engine.ToleratedErrors);
        }

        _engine = EmbeddedEngine.Create(_config, new EmbeddedEngineOptions
        {
            OffsetStore = _offsetStore,
            Plugins = _plugins,
            LoggerFactory = _options.LoggerFactory,
            TimeProvider = _options.TimeProvider,
            ChannelCapacity = _options.BufferSize,
        });
        _starts++;
        await _engine.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the next <paramref name="count"/> records the connector produces (starting it if needed). Each
    /// counts as written to Kafka once taken, so its offset can be committed.</summary>
    /// <param name="count">How many records to take.</param>
    /// <param name="timeout">How long to wait for them; <see langword="null"/> for <see cref="SourcePipelineHarnessOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Exactly <paramref name="count"/> records, in the order the tasks produced them.</returns>
    /// <exception cref="TimeoutException">Fewer records came in time; the message says how many did.</exception>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">The connector or a task failed.</exception>
    /// <exception cref="InvalidOperationException">The pipeline was stopped.</exception>
    public async Task<IReadOnlyList<ProducedRecord>> TakeAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_engine is null)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var engine = Engine;
        var limit = timeout ?? _options.DefaultTimeout;
        using var expiry = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, cancellationToken);
        var taken = new List<ProducedRecord>(count);
        while (taken.Count < count)
        {
            EmbeddedRecord record;
            try
            {
                record = await engine.Records.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Expected connector {ConnectorName} to produce {count} records within {limit.TotalMilliseconds:0.###} ms, but it produced {taken.Count}{SkippedNote()}."));
            }
            catch (ChannelClosedException e)
            {
                throw new InvalidOperationException($"The pipeline of connector {ConnectorName} stopped after producing {taken.Count} of the {count} records asked for.", e);
            }

            var produced = Read(record);
            taken.Add(produced);
            _produced.Add(produced);
        }

        return taken;
    }

    /// <summary>Stops the connector as a worker does: each task finishes, the offsets of the records taken are
    /// committed, then the tasks and the connector stop. Records produced but not taken are dropped (not committed).
    /// Does nothing when not running.</summary>
    /// <param name="cancellationToken">Cancels waiting for a start in progress.</param>
    /// <returns>A task that completes when the connector has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is not null)
        {
            await _engine.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the connector (committing offsets) and starts it again; the new tasks resume from the
    /// committed offsets.</summary>
    /// <param name="cancellationToken">Cancels the restart.</param>
    /// <returns>A task that completes when the connector has started again.</returns>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the connector and releases the converters and the offset store.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _readers.Dispose();
        _offsetStore.Dispose();
        GC.SuppressFinalize(this);
    }

    private ProducedRecord Read(EmbeddedRecord record)
    {
        var topic = record.Topic;
        var headers = new ConnectHeaders();
        foreach (var (name, bytes) in record.HeaderBytes)
        {
            var header = _readers.Header!.ToConnectHeader(topic, name, bytes);
            headers.Add(name, header.Schema, header.Value);
        }

        return new ProducedRecord(
            record.Record,
            record.KeyBytes,
            record.ValueBytes,
            record.HeaderBytes,
            _readers.Key!.ToConnectData(topic, headers, record.KeyBytes),
            _readers.Value!.ToConnectData(topic, headers, record.ValueBytes),
            headers);
    }

    private string SkippedNote()
    {
        var skipped = ToleratedErrors.Count;
        return skipped == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" and skipped {skipped} because of tolerated errors");
    }
}

/// <summary>A <see cref="SourcePipelineHarness"/> for a connector type: <c>connector.class</c> and <c>name</c> default
/// to the type, which is registered with the plugins.</summary>
/// <typeparam name="TConnector">The source connector type.</typeparam>
/// <example>
/// <code>
/// await using var pipeline = new SourcePipelineHarness&lt;MyConnector&gt;(config);
/// var records = await pipeline.TakeAsync(10);
/// records[0].ValueText.Should().Contain("\"id\":1");
/// </code>
/// </example>
public class SourcePipelineHarness<TConnector> : SourcePipelineHarness
    where TConnector : SourceConnector, new()
{
    /// <summary>Creates a harness for the connector with a configuration (without <c>connector.class</c>).</summary>
    /// <param name="config">The connector's configuration.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SourcePipelineHarness(IReadOnlyDictionary<string, string> config, SourcePipelineHarnessOptions? options = null)
        : base(config, options, typeof(TConnector))
    {
    }
}
