using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>
/// A record an <see cref="EmbeddedEngine"/> hands to the application: the source record after the connector's
/// transforms, and the bytes the connector's converters made of it when converters are configured.
/// </summary>
/// <remarks>
/// A record handed to a handler counts as acknowledged when the handler returns; a record read from
/// <see cref="EmbeddedEngine.Records"/> counts as acknowledged once it has been read. Only then may its source offset
/// be committed (together with every earlier record of its source partition).
/// </remarks>
public sealed class EmbeddedRecord
{
    private Action? _onAcknowledged;

    internal EmbeddedRecord(
        string connectorName,
        int taskId,
        SourceRecord record,
        byte[]? keyBytes,
        byte[]? valueBytes,
        IReadOnlyList<KeyValuePair<string, byte[]?>>? headerBytes,
        Action onAcknowledged)
    {
        ConnectorName = connectorName;
        TaskId = taskId;
        Record = record;
        KeyBytes = keyBytes;
        ValueBytes = valueBytes;
        HeaderBytes = headerBytes ?? [];
        _onAcknowledged = onAcknowledged;
    }

    /// <summary>The name of the connector that produced the record.</summary>
    public string ConnectorName { get; }

    /// <summary>The number of the task that produced the record (0 to <c>tasks.max</c> - 1).</summary>
    public int TaskId { get; }

    /// <summary>The record after the connector's transforms, with its source partition and offset.</summary>
    public SourceRecord Record { get; }

    /// <summary>The topic the record would be written to (after transforms such as <c>RegexRouter</c>).</summary>
    public string Topic => Record.Topic;

    /// <summary>The key as the connector's <c>key.converter</c> serialized it; <see langword="null"/> when the key is
    /// null or no <c>key.converter</c> is configured.</summary>
    public byte[]? KeyBytes { get; }

    /// <summary>The value as the connector's <c>value.converter</c> serialized it; <see langword="null"/> when the
    /// value is null (a tombstone) or no <c>value.converter</c> is configured.</summary>
    public byte[]? ValueBytes { get; }

    /// <summary>The headers as the connector's <c>header.converter</c> serialized them, in order; empty when the
    /// record has no headers or no <c>header.converter</c> is configured.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]?>> HeaderBytes { get; }

    /// <inheritdoc />
    public override string ToString() => $"EmbeddedRecord{{connector={ConnectorName}, task={TaskId}}} {Record}";

    /// <summary>Marks the record as processed by the application; the first call counts.</summary>
    internal void Acknowledge() => Interlocked.Exchange(ref _onAcknowledged, null)?.Invoke();
}
