using Connect.Sdk.Config;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using Connect.Sdk.Avro.Codec;
using Connect.Sdk.Avro.Mapping;
using Connect.Sdk.Avro.SchemaRegistry;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Avro;

/// <summary>
/// Converts Connect data to and from Avro in the Confluent wire format — a zero magic byte, the 4-byte big-endian
/// Schema Registry id of the writer schema, then the Avro binary encoding of the value — so that records are
/// interchangeable with Confluent's <c>io.confluent.connect.avro.AvroConverter</c> and any Avro consumer.
/// </summary>
/// <remarks>
/// <para>Settings (Confluent's names): <c>schema.registry.url</c> (required, comma-separated),
/// <c>basic.auth.credentials.source</c> (<c>URL</c> or <c>USER_INFO</c>), <c>basic.auth.user.info</c>,
/// <c>auto.register.schemas</c> (default true), <c>use.latest.version</c> (default false),
/// <c>key.subject.name.strategy</c>/<c>value.subject.name.strategy</c> (default TopicNameStrategy),
/// <c>connect.meta.data</c> (default true), <c>enhanced.avro.schema.support</c> (default false),
/// <c>max.retries</c>, <c>retries.wait.ms</c>, <c>retries.max.wait.ms</c>, <c>http.read.timeout.ms</c>,
/// <c>schemas.cache.size</c>.</para>
/// <para>Schemas are mapped as Confluent's <c>AvroData</c> maps them. Every schema is converted, registered (or looked
/// up) and parsed once and cached in both directions, so after the first record of a schema no registry calls and no
/// schema parsing happen. A schema whose top level is Avro <c>bytes</c> is written as the raw bytes without a length,
/// as Confluent's serializer does. Values without a Connect schema are written with Confluent's schemaless
/// <c>io.confluent.connect.avro.Anything</c> record and read back without a schema. Thread-safe.</para>
/// </remarks>
public sealed class AvroConverter : IRecyclableOutputConverter, IDisposable
{
    /// <summary>The Schema Registry URL(s), comma-separated.</summary>
    public const string SchemaRegistryUrlConfig = "schema.registry.url";

    /// <summary>Where basic-auth credentials come from: <c>URL</c> (the default: <c>user:password@</c> in the URL) or <c>USER_INFO</c>.</summary>
    public const string BasicAuthCredentialsSourceConfig = "basic.auth.credentials.source";

    /// <summary>Basic-auth credentials as <c>user:password</c>, used with <c>basic.auth.credentials.source=USER_INFO</c>.</summary>
    public const string BasicAuthUserInfoConfig = "basic.auth.user.info";

    /// <summary>Whether schemas are registered automatically (default true); when false they must already be registered.</summary>
    public const string AutoRegisterSchemasConfig = "auto.register.schemas";

    /// <summary>When schemas are not auto-registered, whether to write with the subject's latest schema (default false).</summary>
    public const string UseLatestVersionConfig = "use.latest.version";

    /// <summary>The subject name strategy for keys.</summary>
    public const string KeySubjectNameStrategyConfig = "key.subject.name.strategy";

    /// <summary>The subject name strategy for values.</summary>
    public const string ValueSubjectNameStrategyConfig = "value.subject.name.strategy";

    /// <summary>Whether Connect metadata is carried in <c>connect.*</c> schema properties (default true).</summary>
    public const string ConnectMetaDataConfig = "connect.meta.data";

    /// <summary>Whether Connect strings with enum parameters are written as Avro enums (default false).</summary>
    public const string EnhancedAvroSchemaSupportConfig = "enhanced.avro.schema.support";

    /// <summary>How many times a registry call is retried (default 3).</summary>
    public const string MaxRetriesConfig = "max.retries";

    /// <summary>The first retry backoff in milliseconds (default 1000).</summary>
    public const string RetriesWaitMsConfig = "retries.wait.ms";

    /// <summary>The longest retry backoff in milliseconds (default 20000).</summary>
    public const string RetriesMaxWaitMsConfig = "retries.max.wait.ms";

    /// <summary>The timeout of one registry request in milliseconds (default 60000).</summary>
    public const string HttpReadTimeoutMsConfig = "http.read.timeout.ms";

    /// <summary>How many schemas are cached in each direction (default 1000).</summary>
    public const string SchemasCacheSizeConfig = "schemas.cache.size";

    private const byte MagicByte = 0;
    private const int HeaderSize = 5;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly IAvroCodec _codec = AvroCodec.Instance;
    private readonly ConcurrentDictionary<Schema, WriteState> _writeStates = new();
    private readonly OutputArrayPool _outputs = new();
    private readonly ConcurrentDictionary<int, ParsedSchema> _parsedSchemas = new();
    private readonly ConcurrentDictionary<(string Topic, int Id), ReadState> _readStates = new();
    private WriteState? _schemalessState;
    private ISchemaRegistryClient? _client;
    private bool _ownsClient;
    private AvroConverterConfig _config = null!;
    private AvroData _avroData = null!;
    private SubjectNameStrategy _strategy;
    private bool _isKey;
    private long _schemaParses;

    /// <summary>Creates a converter that builds its Schema Registry client from <c>schema.registry.url</c> when configured.</summary>
    public AvroConverter()
    {
    }

    /// <inheritdoc cref="IConverter.Config" />
    public ConfigDef Config => AvroConverterConfig.Definition;

    /// <summary>Creates a converter that uses the given Schema Registry client (then <c>schema.registry.url</c> is optional).</summary>
    /// <param name="client">The client; the caller keeps owning it.</param>
    public AvroConverter(ISchemaRegistryClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    /// <exception cref="ConfigException">A setting is missing or invalid; the message names the key.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(configs);
        _config = AvroConverterConfig.Parse(configs, requireUrl: _client is null || _ownsClient);
        _isKey = isKey;
        _strategy = isKey ? _config.KeySubjectNameStrategy : _config.ValueSubjectNameStrategy;
        _avroData = new AvroData(_config.ConnectMetaData, _config.EnhancedSchemaSupport);
        if (_client is null || _ownsClient)
        {
            if (_ownsClient)
            {
                ((IDisposable)_client!).Dispose();
            }

            var options = new SchemaRegistryClientOptions
            {
                BasicAuthUserInfo = _config.BasicAuthUserInfo,
                MaxRetries = _config.MaxRetries,
                RetryBackoff = _config.RetryBackoff,
                MaxRetryBackoff = _config.MaxRetryBackoff,
                RequestTimeout = _config.RequestTimeout,
            };
            foreach (var url in _config.SchemaRegistryUrls)
            {
                options.Urls.Add(url);
            }

            _client = new SchemaRegistryClient(options);
            _ownsClient = true;
        }

        _writeStates.Clear();
        _schemalessState = null;
        _parsedSchemas.Clear();
        _readStates.Clear();
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The value does not match the schema (the message names the field), or the registry rejected the schema.</exception>
    /// <exception cref="RetriableException">The Schema Registry could not be reached.</exception>
    public byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(topic);
        EnsureConfigured();
        if (value is null)
        {
            return null;
        }

        var state = schema is null ? GetSchemalessWriteState() : GetWriteState(topic, schema);
        if (!state.Targets.TryGetValue(topic, out var target))
        {
            target = state.Targets.GetOrAdd(topic, ResolveTarget(topic, state));
        }

        if (target.Projection is null && state.DirectWriter is { } direct && value is Struct record
            && (ReferenceEquals(record.Schema, schema) || record.Schema.Equals(schema))
            && TryWriteDirectly(target, direct, record) is { } written)
        {
            return written;
        }

        object? datum;
        try
        {
            datum = schema is null ? AvroData.FromSchemalessData(value) : _avroData.FromConnectData(schema, state.AvroSchema, value);
        }
        catch (DataException e)
        {
            throw new DataException($"Failed to serialize Avro data for topic {topic}: {e.Message}", e);
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        try
        {
            WriteHeader(buffer, target.Id);
            if (target.Projection is { } projection)
            {
                // use.latest.version: write the value with the subject's latest schema, resolving it field by field.
                var scratch = new ArrayBufferWriter<byte>(256);
                state.Writer.Write(datum, scratch);
                datum = projection.Reader.Read(scratch.WrittenSpan);
                WriteBody(buffer, projection.Writer, datum);
            }
            else
            {
                WriteBody(buffer, state.Writer, datum);
            }

            return _outputs.Copy(buffer.WrittenSpan);
        }
        catch (AvroException e)
        {
            throw new DataException($"Failed to serialize Avro data for topic {topic}: {e.Message}", e);
        }
        finally
        {
            if (buffer.Capacity > 1 << 20)
            {
                t_buffer = null;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The worker recycles the value and key arrays it has produced; the next records are written into them.</remarks>
    public void Recycle(byte[] output) => _outputs.Return(output);

    /// <inheritdoc />
    /// <exception cref="DataException">The bytes are not in the Confluent wire format, the schema id is unknown, or the Avro body is truncated or malformed.</exception>
    /// <exception cref="RetriableException">The Schema Registry could not be reached.</exception>
    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(topic);
        EnsureConfigured();
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        if (value.Length == 0 || value[0] != MagicByte)
        {
            throw new DataException($"Failed to deserialize data for topic {topic} to Avro: Unknown magic byte!");
        }

        if (value.Length < HeaderSize)
        {
            throw new DataException(
                $"Failed to deserialize data for topic {topic} to Avro: the value has {value.Length} bytes, too few for the magic byte and the 4-byte schema id.");
        }

        var id = BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1));
        if (!_readStates.TryGetValue((topic, id), out var state))
        {
            state = LoadReadState(topic, id);
        }

        object? datum;
        try
        {
            var body = value.AsSpan(HeaderSize);
            datum = state.Parsed.IsRawBytes ? body.ToArray() : state.Parsed.Reader.Read(body);
        }
        catch (AvroException e)
        {
            throw new DataException($"Failed to deserialize data for topic {topic} to Avro: Error deserializing Avro message for id {id}: {e.Message}", e);
        }

        try
        {
            return state.ConnectSchema is null
                ? new SchemaAndValue(null, AvroData.ToSchemalessData(datum))
                : new SchemaAndValue(state.ConnectSchema, _avroData.ToConnectData(state.ConnectSchema, datum));
        }
        catch (DataException e)
        {
            throw new DataException($"Failed to deserialize data for topic {topic} to Avro: {e.Message}", e);
        }
    }

    /// <summary>How many times schema text from the registry was parsed (misses of the parsed-schema caches).</summary>
    internal long SchemaParses => Interlocked.Read(ref _schemaParses);

    /// <summary>Disposes the Schema Registry client when the converter created it.</summary>
    public void Dispose()
    {
        if (_ownsClient && _client is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>The record written by <see cref="DirectRecordWriter"/>, or <see langword="null"/> when it needs the general path.</summary>
    private byte[]? TryWriteDirectly(WriteTarget target, DirectRecordWriter writer, Struct record)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        WriteHeader(buffer, target.Id);
        return writer.TryWrite(new AvroBinaryWriter(buffer), record) ? _outputs.Copy(buffer.WrittenSpan) : null;
    }

    private static void WriteHeader(ArrayBufferWriter<byte> buffer, int schemaId)
    {
        var header = buffer.GetSpan(HeaderSize);
        header[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], schemaId);
        buffer.Advance(HeaderSize);
    }

    private static void WriteBody(ArrayBufferWriter<byte> buffer, IAvroDatumWriter writer, object? datum)
    {
        if (writer.Schema.Type == AvroType.Bytes && datum is byte[] raw)
        {
            // Confluent's serializer writes a top-level bytes value as is, without Avro's length prefix.
            buffer.Write(raw);
            return;
        }

        writer.Write(datum, buffer);
    }

    private WriteState GetSchemalessWriteState() =>
        _schemalessState ??= new WriteState(AvroData.AnythingSchema, _codec.ToJson(AvroData.AnythingSchema), _codec.CreateWriter(AvroData.AnythingSchema));

    private WriteState GetWriteState(string topic, Schema schema)
    {
        if (_writeStates.TryGetValue(schema, out var state))
        {
            return state;
        }

        AvroSchema avroSchema;
        try
        {
            avroSchema = _avroData.FromConnectSchema(schema);
        }
        catch (DataException e)
        {
            throw new DataException($"Failed to serialize Avro data for topic {topic}: the schema cannot be converted to Avro: {e.Message}", e);
        }

        if (_writeStates.Count >= _config.SchemasCacheSize)
        {
            _writeStates.Clear();
        }

        return _writeStates.GetOrAdd(
            schema,
            new WriteState(avroSchema, _codec.ToJson(avroSchema), _codec.CreateWriter(avroSchema), DirectRecordWriter.For(schema, avroSchema)));
    }

    private WriteTarget ResolveTarget(string topic, WriteState state)
    {
        var subject = SubjectName(topic, state.AvroSchema, serializing: true);
        try
        {
            if (_config.AutoRegisterSchemas)
            {
                return new WriteTarget(Await(_client!.RegisterSchemaAsync(subject, state.SchemaJson)), null);
            }

            if (_config.UseLatestVersion)
            {
                var latest = Await(_client!.GetLatestSchemaAsync(subject));
                var latestSchema = _codec.Parse(latest.Schema);
                Interlocked.Increment(ref _schemaParses);
                if (_codec.ToCanonicalForm(latestSchema) == _codec.ToCanonicalForm(state.AvroSchema))
                {
                    return new WriteTarget(latest.Id, null);
                }

                try
                {
                    return new WriteTarget(latest.Id, new Projection(_codec.CreateReader(state.AvroSchema, latestSchema), _codec.CreateWriter(latestSchema)));
                }
                catch (AvroResolutionException e)
                {
                    throw new DataException(
                        $"Failed to serialize Avro data for topic {topic}: values of this Connect schema cannot be written with the latest schema of subject '{subject}' (id {latest.Id}): {e.Message}", e);
                }
            }

            return new WriteTarget(Await(_client!.LookupSchemaAsync(subject, state.SchemaJson)).Id, null);
        }
        catch (SchemaRegistryException e)
        {
            var action = _config.AutoRegisterSchemas ? "register" : _config.UseLatestVersion ? "get the latest schema of" : "look up the schema under";
            var message = $"Failed to serialize Avro data for topic {topic}: could not {action} subject '{subject}': {e.Message}";
            throw e.IsTransient ? new RetriableException(message, e) : new DataException(message, e);
        }
        catch (AvroSchemaException e)
        {
            throw new DataException($"Failed to serialize Avro data for topic {topic}: the latest schema of subject '{subject}' is not a valid Avro schema: {e.Message}", e);
        }
    }

    private ReadState LoadReadState(string topic, int id)
    {
        var parsed = _parsedSchemas.TryGetValue(id, out var known) ? known : LoadParsedSchema(topic, id);

        // Like Confluent's converter, the schema's version under the subject becomes the Connect schema's version
        // (unless the schema carries connect.version). A schema that is not registered under the subject has none.
        int? version = null;
        var subject = SubjectNameOrNull(topic, parsed.AvroSchema);
        if (subject is not null)
        {
            try
            {
                version = Await(_client!.LookupSchemaAsync(subject, parsed.SchemaText)).Version;
            }
            catch (SchemaRegistryException e) when (!e.IsTransient)
            {
            }
            catch (SchemaRegistryException e)
            {
                throw new RetriableException($"Failed to deserialize data for topic {topic} to Avro: Error retrieving Avro schema version for id {id}: {e.Message}", e);
            }
        }

        Schema? connectSchema;
        try
        {
            // Values written without a Connect schema use Confluent's Anything record and come back schemaless.
            connectSchema = AvroData.IsAnythingSchema(parsed.AvroSchema) ? null : _avroData.ToConnectSchema(parsed.AvroSchema, version);
        }
        catch (DataException e)
        {
            throw new DataException($"Failed to deserialize data for topic {topic} to Avro: the schema with id {id} cannot be converted to a Connect schema: {e.Message}", e);
        }

        if (_readStates.Count >= _config.SchemasCacheSize)
        {
            _readStates.Clear();
        }

        return _readStates.GetOrAdd((topic, id), new ReadState(parsed, connectSchema));
    }

    private ParsedSchema LoadParsedSchema(string topic, int id)
    {
        RegisteredSchema registered;
        try
        {
            registered = Await(_client!.GetSchemaByIdAsync(id));
        }
        catch (SchemaRegistryException e)
        {
            var message = $"Failed to deserialize data for topic {topic} to Avro: Error retrieving Avro schema for id {id}: {e.Message}";
            throw e.IsTransient ? new RetriableException(message, e) : new DataException(message, e);
        }

        if (!string.Equals(registered.SchemaType, "AVRO", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataException($"Failed to deserialize data for topic {topic} to Avro: the schema with id {id} is a {registered.SchemaType} schema, not Avro.");
        }

        AvroSchema avroSchema;
        IAvroDatumReader reader;
        try
        {
            avroSchema = _codec.Parse(registered.Schema);
            Interlocked.Increment(ref _schemaParses);
            reader = _codec.CreateReader(avroSchema);
        }
        catch (AvroException e)
        {
            throw new DataException($"Failed to deserialize data for topic {topic} to Avro: the schema with id {id} is not a valid Avro schema: {e.Message}", e);
        }

        if (_parsedSchemas.Count >= _config.SchemasCacheSize)
        {
            _parsedSchemas.Clear();
        }

        return _parsedSchemas.GetOrAdd(id, new ParsedSchema(avroSchema, registered.Schema, reader, avroSchema.Type == AvroType.Bytes));
    }

    private string SubjectName(string topic, AvroSchema schema, bool serializing) =>
        SubjectNameOrNull(topic, schema) ?? throw new DataException(
            $"Failed to {(serializing ? "serialize" : "deserialize")} Avro data for topic {topic}: in configuration {(_isKey ? KeySubjectNameStrategyConfig : ValueSubjectNameStrategyConfig)} = {_strategy}Strategy, the message {(_isKey ? "key" : "value")} must only be an Avro record schema, not {AvroSchema.TypeName(schema.Type)}.");

    private string? SubjectNameOrNull(string topic, AvroSchema schema) => _strategy switch
    {
        SubjectNameStrategy.TopicName => topic + (_isKey ? "-key" : "-value"),
        SubjectNameStrategy.RecordName => schema is RecordSchema record ? record.FullName : null,
        SubjectNameStrategy.TopicRecordName => schema is RecordSchema record ? topic + "-" + record.FullName : null,
        _ => null,
    };

    private void EnsureConfigured()
    {
        if (_avroData is null)
        {
            throw new InvalidOperationException("The AvroConverter has not been configured; call Configure first.");
        }
    }

    private static T Await<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    /// <summary>How values of one Connect schema are written: its Avro schema and text, the generic writer, and the
    /// direct writer when the schema is a struct of primitives.</summary>
    private sealed record WriteState(AvroSchema AvroSchema, string SchemaJson, IAvroDatumWriter Writer, DirectRecordWriter? DirectWriter = null)
    {
        public ConcurrentDictionary<string, WriteTarget> Targets { get; } = new(StringComparer.Ordinal);
    }

    private sealed record WriteTarget(int Id, Projection? Projection);

    private sealed record Projection(IAvroDatumReader Reader, IAvroDatumWriter Writer);

    private sealed record ParsedSchema(AvroSchema AvroSchema, string SchemaText, IAvroDatumReader Reader, bool IsRawBytes);

    private sealed record ReadState(ParsedSchema Parsed, Schema? ConnectSchema);
}
