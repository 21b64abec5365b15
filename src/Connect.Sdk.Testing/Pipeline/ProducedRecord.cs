using System.Text;
using Connect.Sdk.Data;
using Connect.Sdk.Source;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;

namespace Connect.Sdk.Testing.Pipeline;

/// <summary>
/// A record a source connector would write to Kafka, as <see cref="SourcePipelineHarness"/> captured it: the record
/// after the connector's transforms, the key, value and header bytes its converters made, and those bytes read back
/// with the same converters (what a sink using the same converters would see).
/// </summary>
public sealed class ProducedRecord
{
    internal ProducedRecord(
        SourceRecord record,
        byte[]? keyBytes,
        byte[]? valueBytes,
        IReadOnlyList<KeyValuePair<string, byte[]?>> headerBytes,
        SchemaAndValue key,
        SchemaAndValue value,
        ConnectHeaders headers)
    {
        Record = record;
        KeyBytes = keyBytes;
        ValueBytes = valueBytes;
        HeaderBytes = headerBytes;
        Key = key;
        Value = value;
        Headers = headers;
    }

    /// <summary>The record after the connector's transforms, with its source partition and offset.</summary>
    public SourceRecord Record { get; }

    /// <summary>The topic the record would be written to.</summary>
    public string Topic => Record.Topic;

    /// <summary>The Kafka partition the task chose, or <see langword="null"/> to let the producer choose.</summary>
    public int? KafkaPartition => Record.KafkaPartition;

    /// <summary>The key bytes from the key converter, or <see langword="null"/> for a null key.</summary>
    public byte[]? KeyBytes { get; }

    /// <summary>The value bytes from the value converter, or <see langword="null"/> for a tombstone.</summary>
    public byte[]? ValueBytes { get; }

    /// <summary>The header bytes from the header converter, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]?>> HeaderBytes { get; }

    /// <summary>The key bytes as UTF-8 text (for example the JSON of a <c>JsonConverter</c>), or <see langword="null"/>.</summary>
    public string? KeyText => KeyBytes is null ? null : Encoding.UTF8.GetString(KeyBytes);

    /// <summary>The value bytes as UTF-8 text (for example the JSON of a <c>JsonConverter</c>), or <see langword="null"/>.</summary>
    public string? ValueText => ValueBytes is null ? null : Encoding.UTF8.GetString(ValueBytes);

    /// <summary>The key bytes read back with the key converter.</summary>
    public SchemaAndValue Key { get; }

    /// <summary>The value bytes read back with the value converter.</summary>
    public SchemaAndValue Value { get; }

    /// <summary>The header bytes read back with the header converter.</summary>
    public ConnectHeaders Headers { get; }

    /// <inheritdoc />
    public override string ToString() => $"ProducedRecord{{topic={Topic}, key={KeyText ?? "null"}, value={ValueText ?? "null"}}}";
}
