using System.Diagnostics.CodeAnalysis;
using Connect.Sdk.Data;

namespace Connect.Sdk.Connectors;

/// <summary>
/// What every record in Connect has: the topic and optional Kafka partition, key and value with their schemas, an
/// optional timestamp, and headers. <see cref="Source.SourceRecord"/> and <see cref="Sink.SinkRecord"/> add their own.
/// </summary>
/// <remarks>Records are immutable apart from their <see cref="Headers"/>; transforms create new ones with <see cref="ConnectRecord{TRecord}.NewRecord"/>.</remarks>
public abstract class ConnectRecord
{
    /// <summary>
    /// The <see cref="Connectors.Headers"/> once asked for; until then the <see cref="List{Header}"/> they will be made
    /// over, shared copy-on-write with the collection it came from.
    /// </summary>
    /// <remarks>
    /// Most records are made without headers or as a transform's copy of another record, and most are never asked for
    /// their headers by anything but the converter; creating the collection on first use saves an object per record.
    /// One field for both states, and the partition and timestamp without <see cref="Nullable{T}"/>'s padding, keep a
    /// record, of which a worker makes one or more per message, 16 bytes smaller.
    /// </remarks>
    private object _headers;

    /// <summary>The Kafka partition, or -1 for none.</summary>
    private int _kafkaPartition;

    private bool _hasTimestamp;

    private long _timestamp;

    /// <summary>Initializes the common record properties.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="kafkaPartition">The Kafka partition, or <see langword="null"/> to let the producer choose.</param>
    /// <param name="keySchema">The key's schema, or <see langword="null"/>.</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <param name="valueSchema">The value's schema, or <see langword="null"/>.</param>
    /// <param name="value">The value, or <see langword="null"/> (a tombstone).</param>
    /// <param name="timestamp">Milliseconds since the Unix epoch, or <see langword="null"/>.</param>
    /// <param name="headers">Headers to copy into the record, or <see langword="null"/> for none.</param>
    protected ConnectRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers)
    {
        Reinitialize(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
    }

    /// <summary>The topic.</summary>
    public string Topic { get; private set; }

    /// <summary>The Kafka partition, or <see langword="null"/> when the producer's partitioner chooses.</summary>
    public int? KafkaPartition => _kafkaPartition < 0 ? null : _kafkaPartition;

    /// <summary>The key's schema, or <see langword="null"/> for schemaless keys.</summary>
    public Schema? KeySchema { get; private set; }

    /// <summary>The key, or <see langword="null"/>.</summary>
    public object? Key { get; private set; }

    /// <summary>The value's schema, or <see langword="null"/> for schemaless values.</summary>
    public Schema? ValueSchema { get; private set; }

    /// <summary>The value, or <see langword="null"/> for a tombstone.</summary>
    public object? Value { get; private set; }

    /// <summary>The timestamp in milliseconds since the Unix epoch, or <see langword="null"/>.</summary>
    public long? Timestamp => _hasTimestamp ? _timestamp : null;

    /// <summary>The record's headers. Unlike the other properties they can be changed in place.</summary>
    public Headers Headers => _headers as Headers ?? CreateHeaders();

    /// <inheritdoc />
    public override bool Equals(object? obj)
    {
        if (ReferenceEquals(this, obj))
        {
            return true;
        }

        return obj is ConnectRecord other
            && other.GetType() == GetType()
            && Topic == other.Topic
            && KafkaPartition == other.KafkaPartition
            && Timestamp == other.Timestamp
            && Equals(KeySchema, other.KeySchema)
            && Equals(ValueSchema, other.ValueSchema)
            && ConnectValueComparer.Instance.Equals(Key, other.Key)
            && ConnectValueComparer.Instance.Equals(Value, other.Value)
            && Headers.Equals(other.Headers);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        Topic,
        KafkaPartition,
        Timestamp,
        KeySchema,
        ConnectValueComparer.Instance.GetHashCode(Key),
        ValueSchema,
        ConnectValueComparer.Instance.GetHashCode(Value),
        Headers);

    /// <inheritdoc />
    public override string ToString() =>
        $"{GetType().Name}{{topic='{Topic}', kafkaPartition={Format(KafkaPartition)}, key={Key}, keySchema={Format(KeySchema)}, value={Value}, valueSchema={Format(ValueSchema)}, timestamp={Format(Timestamp)}, headers={Headers}}}";

    /// <summary>
    /// Sets every property as the constructor does. Records are immutable to their users; this is for the constructor
    /// and for a sink worker that overwrites the records of a task that does not keep them
    /// (<see cref="Sink.SinkTask.KeepsRecordsAfterPut"/>).
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="kafkaPartition">The Kafka partition, or <see langword="null"/>.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestamp">The timestamp, or <see langword="null"/>.</param>
    /// <param name="headers">Headers to copy into the record, or <see langword="null"/> for none.</param>
    [MemberNotNull(nameof(Topic), nameof(_headers))]
    private protected void Reinitialize(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (kafkaPartition is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kafkaPartition), kafkaPartition, "The Kafka partition cannot be negative.");
        }

        Topic = topic;
        _kafkaPartition = kafkaPartition ?? -1;
        KeySchema = keySchema;
        Key = key;
        ValueSchema = valueSchema;
        Value = value;
        _hasTimestamp = timestamp.HasValue;
        _timestamp = timestamp.GetValueOrDefault();
        _headers = headers switch
        {
            null => Headers.EmptyList,
            Headers existing => existing.Share(),
            _ => new Headers(headers),
        };
    }

    /// <summary>Makes this record, created without headers, share the headers of <paramref name="original"/> as a copy would.</summary>
    /// <param name="original">The record copied.</param>
    private protected void ShareHeadersOf(ConnectRecord original) =>
        _headers = original._headers is Headers headers ? headers.Share() : original._headers;

    private static string Format(object? value) => value?.ToString() ?? "null";

    private Headers CreateHeaders()
    {
        var shared = _headers;
        if (shared is Headers existing)
        {
            return existing;
        }

        var created = Headers.OverShared((List<Header>)shared);
        return Interlocked.CompareExchange(ref _headers, created, shared) as Headers ?? created;
    }
}

/// <summary>
/// A record type that can make copies of itself with changed properties, which transforms use to stay generic over
/// source and sink records.
/// </summary>
/// <typeparam name="TRecord">The concrete record type.</typeparam>
public abstract class ConnectRecord<TRecord> : ConnectRecord
    where TRecord : ConnectRecord<TRecord>
{
    /// <inheritdoc cref="ConnectRecord(string, int?, Schema?, object?, Schema?, object?, long?, IEnumerable{Header}?)"/>
    protected ConnectRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers)
        : base(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers)
    {
    }

    /// <summary>Creates a record of the same type with the given properties; everything else (source offsets, Kafka
    /// offsets) is carried over. The headers are copied, so changing them does not change this record's.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="kafkaPartition">The Kafka partition.</param>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestamp">The timestamp in milliseconds since the epoch.</param>
    /// <param name="headers">The headers; <see langword="null"/> keeps a copy of this record's headers.</param>
    /// <returns>The new record.</returns>
    public abstract TRecord NewRecord(
        string topic,
        int? kafkaPartition,
        Schema? keySchema,
        object? key,
        Schema? valueSchema,
        object? value,
        long? timestamp,
        IEnumerable<Header>? headers = null);

    /// <summary>A copy with a new value and value schema, everything else unchanged.</summary>
    /// <param name="valueSchema">The value's schema.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new record.</returns>
    public TRecord WithValue(Schema? valueSchema, object? value) =>
        NewRecord(Topic, KafkaPartition, KeySchema, Key, valueSchema, value, Timestamp);

    /// <summary>A copy with a new key and key schema, everything else unchanged.</summary>
    /// <param name="keySchema">The key's schema.</param>
    /// <param name="key">The key.</param>
    /// <returns>The new record.</returns>
    public TRecord WithKey(Schema? keySchema, object? key) =>
        NewRecord(Topic, KafkaPartition, keySchema, key, ValueSchema, Value, Timestamp);

    /// <summary>A copy with a new topic, everything else unchanged.</summary>
    /// <param name="topic">The topic.</param>
    /// <returns>The new record.</returns>
    public TRecord WithTopic(string topic) =>
        NewRecord(topic, KafkaPartition, KeySchema, Key, ValueSchema, Value, Timestamp);
}
