using System.Text.Json;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Json.Serialization;

namespace Connect.Sdk.Json;

/// <summary>
/// Converts Connect data to and from JSON, byte for byte as Kafka Connect's
/// <c>org.apache.kafka.connect.json.JsonConverter</c> does, for record keys, values and headers.
/// </summary>
/// <remarks>
/// <para>
/// With <c>schemas.enable=true</c> (the default) every record is an envelope <c>{"schema":{…},"payload":…}</c>
/// holding Kafka's JSON form of the schema; with <c>schemas.enable=false</c> the bytes are the plain JSON of the
/// value and reading gives schemaless values: <see cref="bool"/>, <see cref="long"/> for integers,
/// <see cref="double"/> for other numbers, <see cref="string"/>, <see cref="List{T}"/> of objects for arrays and
/// <see cref="Dictionary{TKey, TValue}"/> with string keys for objects.
/// </para>
/// <para>
/// Payloads are written as Kafka writes them: bytes as base64, maps with string keys as objects and other maps as
/// arrays of <c>[key, value]</c> pairs, Decimal as base64 of the unscaled two's complement bytes (or a number with
/// <c>decimal.format=NUMERIC</c>), Date, Time and Timestamp as integers, floating point numbers as Java prints them.
/// A null schema with a null value converts to null bytes (a tombstone) and null bytes read back as
/// <see cref="SchemaAndValue.Null"/>.
/// </para>
/// <para>
/// Schemas are turned into JSON once and the bytes are cached per schema (up to <c>schemas.cache.size</c>
/// schemas), as are the schemas read from JSON. Instances are safe to use from several threads.
/// </para>
/// <para>
/// Where Kafka's converter silently coerces JSON that does not fit the schema (a string read as an integer becomes 0,
/// an out-of-range integer wraps, a fraction is truncated, a schemaless integer beyond 64 bits is cut), this one
/// throws a <see cref="DataException"/> naming the field. The strings <c>"NaN"</c>, <c>"Infinity"</c> and
/// <c>"-Infinity"</c>, which Kafka writes for non-finite floats, read back as those values. Map keys cannot be null,
/// and a member name (field name, map key or parameter name) holding an unpaired UTF-16 surrogate is written with
/// U+FFFD where Jackson writes an escape of the surrogate; string values are written exactly as Jackson writes them.
/// </para>
/// </remarks>
public sealed class JsonConverter : IRecyclableOutputConverter, IHeaderConverter
{
    /// <summary>The setting that includes the schema in every key, value or header: <c>schemas.enable</c>.</summary>
    /// <value>The default is <c>true</c>.</value>
    public const string SchemasEnableConfig = "schemas.enable";

    /// <summary>The setting that bounds how many schemas are cached in each direction: <c>schemas.cache.size</c>.</summary>
    /// <value>The default is <c>1000</c>; <c>0</c> disables caching.</value>
    public const string SchemasCacheSizeConfig = "schemas.cache.size";

    /// <summary>The setting that chooses how Decimal values are written: <c>decimal.format</c>, <c>BASE64</c> or <c>NUMERIC</c> (case insensitive).</summary>
    /// <value>The default is <c>BASE64</c>. Both forms are always accepted when reading.</value>
    public const string DecimalFormatConfig = "decimal.format";

    /// <summary>
    /// The setting that decides whether a null value of a schema (or struct field) with a default value is written
    /// and read as the default: <c>replace.null.with.default</c>. When false, null stays null.
    /// </summary>
    /// <value>The default is <c>true</c>.</value>
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";

    /// <summary>The setting that says what the converter converts: <c>converter.type</c>, <c>key</c>, <c>value</c> or <c>header</c>.</summary>
    /// <value>
    /// The default is <c>header</c> when configured with <see cref="Configure(IReadOnlyDictionary{string, string})"/>;
    /// <see cref="Configure(IReadOnlyDictionary{string, string}, bool)"/> sets <c>key</c> or <c>value</c>.
    /// </value>
    public const string ConverterTypeConfig = "converter.type";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly OutputArrayPool _outputs = new();
    private State _state = new(JsonConverterConfig.Default);
    private long _schemaWrites;
    private long _schemaReads;

    /// <summary>Converts record keys or values.</summary>
    /// <param name="configs">The settings, e.g. <c>schemas.enable</c>; unknown keys are ignored.</param>
    /// <param name="isKey">Whether the converter is used for record keys.</param>
    /// <exception cref="ConfigException">A setting has an invalid value; the message names the key.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var settings = new Dictionary<string, string>(configs, StringComparer.Ordinal)
        {
            [ConverterTypeConfig] = isKey ? "key" : "value",
        };
        _state = new State(JsonConverterConfig.Parse(settings, ConverterType.Value));
    }

    /// <summary>Configures the converter for header values, or for what <c>converter.type</c> names.</summary>
    /// <param name="configs">The settings; unknown keys are ignored.</param>
    /// <exception cref="ConfigException">A setting has an invalid value; the message names the key.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _state = new State(JsonConverterConfig.Parse(configs, ConverterType.Header));

    /// <inheritdoc />
    public byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value)
    {
        if (schema is null && value is null)
        {
            return null;
        }

        var state = _state;
        var schemaJson = state.Config.SchemasEnabled && schema is not null ? GetSchemaJson(state, schema) : null;
        using var lease = JsonWriterLease.Rent();
        if (value is Struct record && schema is not null && TryWriteDirectly(lease.Buffer, schemaJson, schema, record, state.Config.ReplaceNullWithDefault, _outputs) is { } direct)
        {
            return direct;
        }

        var writer = lease.Writer;
        try
        {
            if (state.Config.SchemasEnabled)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("schema"u8);
                if (schemaJson is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteRawValue(schemaJson, skipInputValidation: true);
                }

                writer.WritePropertyName("payload"u8);
                state.Writer.WriteValue(writer, schema, value);
                writer.WriteEndObject();
            }
            else
            {
                state.Writer.WriteValue(writer, schema, value);
            }

            return _outputs.Copy(lease.Written());
        }
        catch (FieldPathException e)
        {
            throw e.ToPublic();
        }
    }

    /// <inheritdoc />
    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        var state = _state;
        var json = value.AsMemory();
        if (json.Span.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        try
        {
            if (json.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            {
                // Jackson reads blank input as a missing node: no value without schemas, not an envelope with them.
                return state.Config.SchemasEnabled ? throw EnvelopeRequired() : SchemaAndValue.Null;
            }

            return state.Config.SchemasEnabled ? ReadEnvelope(state, json) : ReadPlain(state, json.Span);
        }
        catch (JsonException e)
        {
            throw new DataException(
                $"Converting byte[] to Kafka Connect data failed due to serialization error of topic {topic}: {e.Message}", e);
        }
        catch (FieldPathException e)
        {
            throw e.ToPublic();
        }
    }

    /// <inheritdoc />
    /// <remarks>The worker recycles the value and key arrays it has produced; the next records are written into them.</remarks>
    public void Recycle(byte[] output) => _outputs.Return(output);

    /// <inheritdoc />
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    /// <inheritdoc />
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>The settings in use.</summary>
    internal JsonConverterConfig Config => _state.Config;

    /// <inheritdoc cref="IConverter.Config" />
    ConfigDef IConverter.Config => JsonConverterConfig.Definition;

    /// <inheritdoc cref="IHeaderConverter.Config" />
    ConfigDef IHeaderConverter.Config => JsonConverterConfig.Definition;

    /// <summary>How many times a schema was turned into JSON (misses of the schema-to-JSON cache).</summary>
    internal long SchemaWrites => Interlocked.Read(ref _schemaWrites);

    /// <summary>How many times schema JSON was parsed into a schema (misses of the JSON-to-schema cache).</summary>
    internal long SchemaReads => Interlocked.Read(ref _schemaReads);

    /// <summary>The number of schemas whose JSON is cached.</summary>
    internal int FromConnectSchemaCacheCount => _state.SchemaJsonCache.Count;

    /// <summary>The number of schema JSON texts whose schema is cached.</summary>
    internal int ToConnectSchemaCacheCount => _state.SchemaCache.Count;

    private static DataException EnvelopeRequired() => new(
        "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields." +
        " If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.");

    /// <summary>
    /// Writes a struct of numbers, booleans and strings (and such structs) with <see cref="PrimitiveStructWriter"/>;
    /// <see langword="null"/> when the record needs the general writer.
    /// </summary>
    /// <remarks>The payload goes to the scratch buffer and the envelope is assembled in the result, so the schema text,
    /// most of such a record, is copied once.</remarks>
    private static byte[]? TryWriteDirectly(PooledBufferWriter scratch, byte[]? schemaJson, Schema schema, Struct record, bool replaceNullWithDefault, OutputArrayPool outputs)
    {
        if (PrimitiveStructWriter.For(schema) is not { } structWriter
            || (!ReferenceEquals(record.Schema, schema) && !record.Schema.Equals(schema)))
        {
            return null;
        }

        if (!structWriter.TryWrite(scratch, record, replaceNullWithDefault))
        {
            scratch.Clear();
            return null;
        }

        var payload = scratch.WrittenSpan;
        if (schemaJson is null)
        {
            return outputs.Copy(payload);
        }

        var result = outputs.Rent(EnvelopeStart.Length + schemaJson.Length + PayloadMember.Length + payload.Length + 1);
        var output = result.AsSpan();
        EnvelopeStart.CopyTo(output);
        output = output[EnvelopeStart.Length..];
        schemaJson.CopyTo(output);
        output = output[schemaJson.Length..];
        PayloadMember.CopyTo(output);
        output = output[PayloadMember.Length..];
        payload.CopyTo(output);
        output[^1] = (byte)'}';
        return result;
    }

    private byte[] GetSchemaJson(State state, Schema schema)
    {
        // Records mostly come in runs of one schema: the last one is checked first, without the cache's lock.
        if (state.LastSchemaWritten is { } last && ReferenceEquals(last.Schema, schema))
        {
            return last.Json;
        }

        if (state.SchemaJsonCache.TryGetValue(schema, out var cached))
        {
            state.LastSchemaWritten = cached;
            return cached.Json;
        }

        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriterLease.Options))
        {
            try
            {
                state.Writer.WriteSchema(writer, schema);
            }
            catch (FieldPathException e)
            {
                throw e.ToPublic();
            }
        }

        var written = new SchemaJson(schema, buffer.WrittenSpan.ToArray());
        Interlocked.Increment(ref _schemaWrites);
        if (state.SchemaJsonCache.Capacity > 0)
        {
            state.SchemaJsonCache.Add(schema, written);
            state.LastSchemaWritten = written;
        }

        return written.Json;
    }

    private static SchemaAndValue ReadPlain(State state, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, JsonToConnect.ReaderOptions);
        reader.Read();
        var value = state.Reader.ReadValue(ref reader, null);
        return value is null ? SchemaAndValue.Null : new SchemaAndValue(null, value);
    }

    private SchemaAndValue ReadEnvelope(State state, ReadOnlyMemory<byte> json)
    {
        if (FindKnownSchema(state, json.Span) is { } known)
        {
            // The schema member is byte for byte one read before: no need to tokenize it again.
            var knownSchema = ReadEnvelopeSchema(state, json.Slice(known.SchemaStart, known.SchemaLength));
            var knownPayload = new Utf8JsonReader(json.Span[known.PayloadStart..], JsonToConnect.ReaderOptions);
            knownPayload.Read();
            var knownValue = state.Reader.ReadValue(ref knownPayload, knownSchema);
            return knownSchema is null && knownValue is null ? SchemaAndValue.Null : new SchemaAndValue(knownSchema, knownValue);
        }

        var reader = new Utf8JsonReader(json.Span, JsonToConnect.ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw EnvelopeRequired();
        }

        // Kafka requires exactly the two members; a repeated member counts once and its last value wins, as in Jackson.
        Range? schemaRange = null;
        Range? payloadRange = null;
        var other = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSchema = reader.ValueTextEquals("schema"u8);
            var isPayload = !isSchema && reader.ValueTextEquals("payload"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var range = new Range(start, (int)reader.BytesConsumed);
            if (isSchema)
            {
                schemaRange = range;
            }
            else if (isPayload)
            {
                payloadRange = range;
            }
            else
            {
                other = true;
            }
        }

        if (other || schemaRange is not { } schemaAt || payloadRange is not { } payloadAt)
        {
            throw EnvelopeRequired();
        }

        var schema = ReadEnvelopeSchema(state, json[schemaAt]);
        if (schema is not null && state.SchemaCache.Capacity > 0 && (state.LastSchemaJson is not { } last || !json.Span[schemaAt].SequenceEqual(last)))
        {
            state.LastSchemaJson = json.Span[schemaAt].ToArray();
        }

        var payload = new Utf8JsonReader(json.Span[payloadAt], JsonToConnect.ReaderOptions);
        payload.Read();
        var value = state.Reader.ReadValue(ref payload, schema);
        return schema is null && value is null ? SchemaAndValue.Null : new SchemaAndValue(schema, value);
    }

    /// <summary>
    /// Recognizes the usual envelope, <c>{"schema":S,"payload":P}</c> with S byte for byte the schema member last read
    /// (so S is known to be one complete JSON value), and checks the rest as the full read would: P one valid JSON
    /// value within the depth limit, then only whitespace and the closing brace. Anything else, malformed input
    /// included, returns <see langword="null"/> and takes the full read, which reports errors as before.
    /// </summary>
    private static KnownEnvelope? FindKnownSchema(State state, ReadOnlySpan<byte> json)
    {
        var known = state.LastSchemaJson;
        var schemaStart = EnvelopeStart.Length;
        if (known is null || !json.StartsWith(EnvelopeStart) || !json[schemaStart..].StartsWith(known)
            || !json[(schemaStart + known.Length)..].StartsWith(PayloadMember))
        {
            return null;
        }

        var payloadStart = schemaStart + known.Length + PayloadMember.Length;
        try
        {
            // One level less than the reader allows: inside the envelope the payload is one level deeper.
            var check = new Utf8JsonReader(json[payloadStart..], new JsonReaderOptions { MaxDepth = JsonToConnect.ReaderOptions.MaxDepth - 1 });
            if (!check.Read())
            {
                return null;
            }

            check.Skip();
            var rest = json[(payloadStart + (int)check.BytesConsumed)..].Trim(" \t\r\n"u8);
            return rest is [(byte)'}'] ? new KnownEnvelope(schemaStart, known.Length, payloadStart) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<byte> EnvelopeStart => "{\"schema\":"u8;

    private static ReadOnlySpan<byte> PayloadMember => ",\"payload\":"u8;

    private Schema? ReadEnvelopeSchema(State state, ReadOnlyMemory<byte> schemaJson)
    {
        if (schemaJson.Span.SequenceEqual("null"u8))
        {
            return null;
        }

        if (state.SchemaCache.TryGetValue(schemaJson.Span, out var cached))
        {
            return cached;
        }

        using var document = JsonDocument.Parse(schemaJson, JsonToConnect.DocumentOptions);
        var schema = state.Reader.ReadSchema(document.RootElement);
        Interlocked.Increment(ref _schemaReads);
        if (schema is not null)
        {
            state.SchemaCache.Add(schemaJson.ToArray(), schema);
        }

        return schema;
    }

    /// <summary>Everything that depends on the settings, swapped as a whole when the converter is configured.</summary>
    private sealed class State
    {
        public State(JsonConverterConfig config)
        {
            Config = config;
            Writer = new ConnectToJson(config);
            Reader = new JsonToConnect(config);
            SchemaJsonCache = new LruCache<Schema, SchemaJson>(config.SchemaCacheSize);
            SchemaCache = new LruCache<byte[], Schema>(config.SchemaCacheSize, ByteContentComparer.Instance);
        }

        public JsonConverterConfig Config { get; }

        public ConnectToJson Writer { get; }

        public JsonToConnect Reader { get; }

        public LruCache<Schema, SchemaJson> SchemaJsonCache { get; }

        /// <summary>The schema text written or found in the cache last; it may have left the cache since, which only
        /// means it is kept for one more run of records.</summary>
        public SchemaJson? LastSchemaWritten
        {
            get => Volatile.Read(ref _lastSchemaWritten);
            set => Volatile.Write(ref _lastSchemaWritten, value);
        }

        public LruCache<byte[], Schema> SchemaCache { get; }

        /// <summary>The JSON of the last non-null schema member read from an envelope, to recognize it next time.</summary>
        public byte[]? LastSchemaJson
        {
            get => Volatile.Read(ref _lastSchemaJson);
            set => Volatile.Write(ref _lastSchemaJson, value);
        }

        private byte[]? _lastSchemaJson;

        private SchemaJson? _lastSchemaWritten;
    }

    /// <summary>A schema and its JSON text, kept together so the last one used is one reference.</summary>
    private sealed record SchemaJson(Schema Schema, byte[] Json);

    /// <summary>Where the parts of a recognized envelope are.</summary>
    private readonly record struct KnownEnvelope(int SchemaStart, int SchemaLength, int PayloadStart);
}
