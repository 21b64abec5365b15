using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Acme.Connector;

/// <summary>
/// Reads messages of its streams from the source system and turns each into a record with a struct key and value.
/// Every stream is a source partition <c>{"stream": name}</c>, and every record carries the source offset
/// <c>{"sequence": n}</c> of its message: the runtime stores the offset of the last record Kafka acknowledged, and a
/// restarted task continues after it, so nothing is lost or read twice beyond the batch in flight.
/// </summary>
public sealed class ConnectorNameSourceTask : SourceTask
{
    /// <summary>The source partition key that holds the stream name.</summary>
    public const string StreamPartitionKey = "stream";

    /// <summary>The source offset key that holds the sequence number of the record's message.</summary>
    public const string SequenceOffsetKey = "sequence";

    private readonly Func<ConnectorNameSourceConfig, IConnectorNameClient> _clientFactory;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _nextSequence = new(StringComparer.Ordinal);
    private ConnectorNameSourceConfig? _config;
    private IConnectorNameClient? _client;
    private DateTimeOffset _nextPollAt;

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameSourceTask"/> class that reads from a
    /// <see cref="SimulatedConnectorNameClient"/>. The worker uses this constructor.</summary>
    public ConnectorNameSourceTask()
        : this(config => new SimulatedConnectorNameClient(config.ApiKey.Value), TimeProvider.System)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameSourceTask"/> class with its
    /// dependencies; tests pass a fake client and a manual clock.</summary>
    /// <param name="clientFactory">Creates the client of the source system from the task's configuration.</param>
    /// <param name="timeProvider">The clock for the poll interval.</param>
    public ConnectorNameSourceTask(Func<ConnectorNameSourceConfig, IConnectorNameClient> clientFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _clientFactory = clientFactory;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public override string Version => ConnectorVersion.Value;

    /// <summary>Parses the configuration, connects, and reads each stream's committed offset.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Connect.Sdk.Config.ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ConnectException">The source system refused the connection, or a stored offset is invalid.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _config = new ConnectorNameSourceConfig(config);
        try
        {
            _client = _clientFactory(_config);
        }
        catch (ConnectorNameClientException e)
        {
            throw new ConnectException($"Could not connect to the source system: {e.Message}", e);
        }

        _nextSequence.Clear();
        foreach (var stream in _config.Streams)
        {
            // Resume: the offset of the last record of this stream that Kafka acknowledged, if any.
            var offset = Context.OffsetStorageReader.Offset(SourcePartition(stream));
            _nextSequence[stream] = offset is null ? 0 : LastSequence(stream, offset) + 1;
        }

        _nextPollAt = _time.GetUtcNow();
    }

    /// <summary>Waits for the poll interval, then reads up to <c>batch.size</c> new messages from each stream.</summary>
    /// <param name="cancellationToken">Cancelled when the task stops.</param>
    /// <returns>The records; none when there are no new messages.</returns>
    /// <exception cref="RetriableException">The source system failed in a way that may pass (a timeout, HTTP 429 or
    /// 5xx): the runtime backs off and polls again. Nothing was returned, so nothing is lost.</exception>
    /// <exception cref="ConnectException">The source system refused the request in a way retrying cannot fix (e.g.
    /// rejected credentials, where retrying could lock the account): the task fails and its status shows why.</exception>
    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        var config = _config ?? throw new InvalidOperationException("The task has not been started.");
        var client = _client ?? throw new InvalidOperationException("The task has not been started, or has been stopped.");
        var wait = _nextPollAt - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        _nextPollAt = _time.GetUtcNow() + config.PollInterval;
        var records = new List<SourceRecord>();
        var advanced = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (stream, next) in _nextSequence)
        {
            IReadOnlyList<ConnectorNameMessage> messages;
            try
            {
                messages = await client.FetchAsync(stream, next, config.BatchSize, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorNameClientException e) when (e.IsTransient)
            {
                throw new RetriableException($"Reading stream '{stream}' from the source system failed, will retry: {e.Message}", e);
            }
            catch (ConnectorNameClientException e)
            {
                throw new ConnectException(
                    $"The source system refused to return stream '{stream}': {e.Message}. Check '{ConnectorNameSourceConfig.ApiKeyConfig}' and '{ConnectorNameSourceConfig.StreamsConfig}', then restart the task.",
                    e);
            }

            foreach (var message in messages)
            {
                records.Add(ToRecord(config.Topic, message));
            }

            if (messages.Count > 0)
            {
                advanced[stream] = messages[^1].Sequence + 1;
            }
        }

        // Move on only once every stream was read: a failure above returns nothing, so nothing may be skipped.
        foreach (var (stream, next) in advanced)
        {
            _nextSequence[stream] = next;
        }

        return records;
    }

    /// <summary>Disconnects. May be called while a poll waits; the runtime also cancels the poll's token.</summary>
    public override void Stop()
    {
        _client?.Dispose();
        _client = null;
    }

    private static Dictionary<string, object?> SourcePartition(string stream) => new(StringComparer.Ordinal)
    {
        [StreamPartitionKey] = stream,
    };

    private static SourceRecord ToRecord(string topic, ConnectorNameMessage message)
    {
        var key = new Struct(ConnectorNameSchemas.MessageKey)
            .Put(ConnectorNameSchemas.StreamField, message.Stream)
            .Put(ConnectorNameSchemas.SequenceField, message.Sequence);
        var value = new Struct(ConnectorNameSchemas.Message)
            .Put(ConnectorNameSchemas.StreamField, message.Stream)
            .Put(ConnectorNameSchemas.SequenceField, message.Sequence)
            .Put(ConnectorNameSchemas.TextField, message.Text)
            .Put(ConnectorNameSchemas.CreatedAtField, message.CreatedAt.UtcDateTime);
        return new SourceRecord(
            SourcePartition(message.Stream),
            new Dictionary<string, object?>(StringComparer.Ordinal) { [SequenceOffsetKey] = message.Sequence },
            topic,
            keySchema: ConnectorNameSchemas.MessageKey,
            key: key,
            valueSchema: ConnectorNameSchemas.Message,
            value: value,
            timestamp: message.CreatedAt.ToUnixTimeMilliseconds());
    }

    private static long LastSequence(string stream, IReadOnlyDictionary<string, object?> offset) =>
        offset.TryGetValue(SequenceOffsetKey, out var value) && value is long sequence and >= 0
            ? sequence
            : throw new ConnectException(
                $"The stored offset of stream '{stream}' is not valid: expected {{\"{SequenceOffsetKey}\": <number of at least 0>}}. Reset the connector's offsets.");
}
