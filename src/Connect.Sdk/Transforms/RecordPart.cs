using Connect.Sdk.Connectors;
using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms;

/// <summary>
/// The part of a record, key or value, that the <c>Key</c> or <c>Value</c> variant of a transform works on. Kafka's
/// transforms come as <c>$Key</c> and <c>$Value</c> subclasses that each repeat the same accessors; a transform here
/// takes one of these two instead, and its variants only choose which.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <example>
/// <code>
/// public abstract class Redact&lt;TRecord&gt;(RecordPart&lt;TRecord&gt; part) : ITransformation&lt;TRecord&gt;
///     where TRecord : ConnectRecord&lt;TRecord&gt;
/// {
///     public TRecord? Apply(TRecord record) =&gt; part.With(record, part.SchemaOf(record), Redacted(part.ValueOf(record)));
///     // …
///     public sealed class Key() : Redact&lt;TRecord&gt;(RecordPart&lt;TRecord&gt;.Key);
///     public sealed class Value() : Redact&lt;TRecord&gt;(RecordPart&lt;TRecord&gt;.Value);
/// }
/// </code>
/// </example>
public abstract class RecordPart<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    private RecordPart()
    {
    }

    /// <summary>The record key and its schema.</summary>
    public static RecordPart<TRecord> Key { get; } = new KeyPart();

    /// <summary>The record value and its schema.</summary>
    public static RecordPart<TRecord> Value { get; } = new ValuePart();

    /// <summary>The part's name for messages: <c>key</c> or <c>value</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The part's schema.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The key's or the value's schema, or <see langword="null"/> for schemaless data.</returns>
    public abstract Schema? SchemaOf(TRecord record);

    /// <summary>The part itself.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The key or the value.</returns>
    public abstract object? ValueOf(TRecord record);

    /// <summary>A copy of the record with the part replaced; everything else, headers included, is kept.</summary>
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

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class KeyPart : RecordPart<TRecord>
    {
        public override string Name => "key";

        public override Schema? SchemaOf(TRecord record) => record.KeySchema;

        public override object? ValueOf(TRecord record) => record.Key;

        public override TRecord With(TRecord record, Schema? schema, object? value) => record.WithKey(schema, value);

        public override TRecord With(TRecord record, Schema? schema, object? value, Headers headers) =>
            record.NewRecord(record.Topic, record.KafkaPartition, schema, value, record.ValueSchema, record.Value, record.Timestamp, headers);
    }

    private sealed class ValuePart : RecordPart<TRecord>
    {
        public override string Name => "value";

        public override Schema? SchemaOf(TRecord record) => record.ValueSchema;

        public override object? ValueOf(TRecord record) => record.Value;

        public override TRecord With(TRecord record, Schema? schema, object? value) => record.WithValue(schema, value);

        public override TRecord With(TRecord record, Schema? schema, object? value, Headers headers) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, schema, value, record.Timestamp, headers);
    }
}
