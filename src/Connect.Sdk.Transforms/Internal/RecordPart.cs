using Connect.Sdk.Connectors;
using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// The part of a record, key or value, that the <c>Key</c> or <c>Value</c> variant of a transform works on. Kafka's
/// <c>$Key</c> and <c>$Value</c> subclasses each repeat the same accessors; here every transform is handed one of
/// these two instead.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
internal abstract class RecordPart<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    private RecordPart()
    {
    }

    /// <summary>The record key and its schema.</summary>
    public static RecordPart<TRecord> Key { get; } = new KeyPart();

    /// <summary>The record value and its schema.</summary>
    public static RecordPart<TRecord> Value { get; } = new ValuePart();

    /// <summary>The part's schema.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The key's or the value's schema.</returns>
    public abstract Schema? SchemaOf(TRecord record);

    /// <summary>The part itself.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The key or the value.</returns>
    public abstract object? ValueOf(TRecord record);

    /// <summary>A copy of the record with the part replaced.</summary>
    /// <param name="record">The record.</param>
    /// <param name="schema">The new schema of the part.</param>
    /// <param name="value">The new key or value.</param>
    /// <returns>The copy.</returns>
    public abstract TRecord With(TRecord record, Schema? schema, object? value);

    /// <summary>A copy of the record with the part and the headers replaced.</summary>
    /// <param name="record">The record.</param>
    /// <param name="schema">The new schema of the part.</param>
    /// <param name="value">The new key or value.</param>
    /// <param name="headers">The copy's headers.</param>
    /// <returns>The copy.</returns>
    public abstract TRecord With(TRecord record, Schema? schema, object? value, Headers headers);

    private sealed class KeyPart : RecordPart<TRecord>
    {
        public override Schema? SchemaOf(TRecord record) => record.KeySchema;

        public override object? ValueOf(TRecord record) => record.Key;

        public override TRecord With(TRecord record, Schema? schema, object? value) => record.WithKey(schema, value);

        public override TRecord With(TRecord record, Schema? schema, object? value, Headers headers) =>
            record.NewRecord(record.Topic, record.KafkaPartition, schema, value, record.ValueSchema, record.Value, record.Timestamp, headers);
    }

    private sealed class ValuePart : RecordPart<TRecord>
    {
        public override Schema? SchemaOf(TRecord record) => record.ValueSchema;

        public override object? ValueOf(TRecord record) => record.Value;

        public override TRecord With(TRecord record, Schema? schema, object? value) => record.WithValue(schema, value);

        public override TRecord With(TRecord record, Schema? schema, object? value, Headers headers) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, schema, value, record.Timestamp, headers);
    }
}
