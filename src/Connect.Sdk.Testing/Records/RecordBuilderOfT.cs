using Connect.Sdk.Connectors;
using Connect.Sdk.Data;

namespace Connect.Sdk.Testing.Records;

/// <summary>
/// A fluent template for records: set the topic, key, value, timestamp and headers, then call <see cref="Build"/>.
/// Values given without a schema get one inferred (see <see cref="RecordBuilder"/>).
/// </summary>
/// <remarks>
/// The builder is a template: what was set stays set after <see cref="Build"/>, so
/// <c>builder.Key("a").Value(1).Build()</c> followed by <c>builder.Value(2).Build()</c> gives two records with key
/// <c>"a"</c>. Headers accumulate until <see cref="ClearHeaders"/>. Not thread-safe.
/// </remarks>
/// <typeparam name="TBuilder">The concrete builder, returned by the fluent methods.</typeparam>
/// <typeparam name="TRecord">The record type built.</typeparam>
public abstract class RecordBuilder<TBuilder, TRecord> : RecordBuilder
    where TBuilder : RecordBuilder<TBuilder, TRecord>
    where TRecord : ConnectRecord
{
    private readonly List<Header> _headers = [];

    /// <summary>Initializes the builder with a topic.</summary>
    /// <param name="topic">The topic of the records.</param>
    private protected RecordBuilder(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        CurrentTopic = topic;
    }

    /// <summary>The topic the next record gets.</summary>
    protected string CurrentTopic { get; private set; }

    /// <summary>The key schema the next record gets.</summary>
    protected Schema? CurrentKeySchema { get; private set; }

    /// <summary>The key the next record gets.</summary>
    protected object? CurrentKey { get; private set; }

    /// <summary>The value schema the next record gets.</summary>
    protected Schema? CurrentValueSchema { get; private set; }

    /// <summary>The value the next record gets.</summary>
    protected object? CurrentValue { get; private set; }

    /// <summary>The timestamp the next record gets, in milliseconds since the Unix epoch.</summary>
    protected long? CurrentTimestamp { get; private set; }

    /// <summary>A copy of the headers the next record gets.</summary>
    protected IReadOnlyList<Header> CurrentHeaders => [.. _headers];

    /// <summary>Sets the topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <returns>This builder.</returns>
    public TBuilder Topic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        CurrentTopic = topic;
        return This;
    }

    /// <summary>Sets the key with an inferred schema.</summary>
    /// <param name="key">The key; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No schema can be inferred for the key.</exception>
    public TBuilder Key(object? key)
    {
        var inferred = Infer(key);
        return Key(inferred.Schema, inferred.Value);
    }

    /// <summary>Sets the key and its schema; the key is checked against the schema.</summary>
    /// <param name="schema">The schema, or <see langword="null"/> for a schemaless key.</param>
    /// <param name="key">The key.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="Errors.DataException">The key does not match the schema.</exception>
    public TBuilder Key(Schema? schema, object? key)
    {
        schema?.Validate(key);
        CurrentKeySchema = schema;
        CurrentKey = key;
        return This;
    }

    /// <summary>Sets the value with an inferred schema: an anonymous object or a dictionary becomes a struct.</summary>
    /// <param name="value">The value; <see langword="null"/> for a tombstone.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No schema can be inferred for the value.</exception>
    public TBuilder Value(object? value)
    {
        var inferred = Infer(value);
        return Value(inferred.Schema, inferred.Value);
    }

    /// <summary>Sets the value and its schema; the value is checked against the schema.</summary>
    /// <param name="schema">The schema, or <see langword="null"/> for a schemaless value.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="Errors.DataException">The value does not match the schema.</exception>
    public TBuilder Value(Schema? schema, object? value)
    {
        schema?.Validate(value);
        CurrentValueSchema = schema;
        CurrentValue = value;
        return This;
    }

    /// <summary>Makes the next records tombstones: a <see langword="null"/> value without a schema.</summary>
    /// <returns>This builder.</returns>
    public TBuilder Tombstone() => Value(null, null);

    /// <summary>Sets the timestamp.</summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch, or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public TBuilder Timestamp(long? timestamp)
    {
        CurrentTimestamp = timestamp;
        return This;
    }

    /// <summary>Sets the timestamp.</summary>
    /// <param name="timestamp">The time.</param>
    /// <returns>This builder.</returns>
    public TBuilder Timestamp(DateTimeOffset timestamp) => Timestamp(timestamp.ToUnixTimeMilliseconds());

    /// <summary>Adds a header with an inferred schema.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No schema can be inferred for the value.</exception>
    public TBuilder Header(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var inferred = Infer(value);
        return Header(key, inferred.Schema, inferred.Value);
    }

    /// <summary>Adds a header with a schema; the value is checked against it.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="schema">The schema, or <see langword="null"/>.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="Errors.DataException">The value does not match the schema.</exception>
    public TBuilder Header(string key, Schema? schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        schema?.Validate(value);
        _headers.Add(new Header(key, schema, value));
        return This;
    }

    /// <summary>Removes the headers added so far.</summary>
    /// <returns>This builder.</returns>
    public TBuilder ClearHeaders()
    {
        _headers.Clear();
        return This;
    }

    /// <summary>Builds a record from the current settings.</summary>
    /// <returns>The record.</returns>
    public abstract TRecord Build();

    /// <summary>Builds one record per value, each with the current settings and that value (schema inferred); the
    /// last value stays set afterwards.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The records, in order.</returns>
    /// <exception cref="ArgumentException">No schema can be inferred for a value.</exception>
    public IReadOnlyList<TRecord> BuildEach(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Select(v => Value(v).Build()).ToList();
    }

    private TBuilder This => (TBuilder)this;
}
