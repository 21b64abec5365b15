using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using Connect.Sdk.Avro.Codec;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Avro.Mapping;

/// <summary>
/// Maps Connect schemas and values to Avro schemas and generic values and back, with the rules of Confluent's
/// <c>AvroData</c> so that schemas registered by Kafka Connect's Avro converter and by this one look the same:
/// optional → union with null, struct → record (namespace and name from the Connect name, <c>ConnectDefault</c> when
/// unnamed), int8/int16 → int with <c>connect.type</c>, Decimal → bytes with <c>logicalType: decimal</c>, Date → int
/// <c>date</c>, Time → int <c>time-millis</c>, Timestamp → long <c>timestamp-millis</c>, maps with required string keys →
/// Avro maps and other maps → arrays of <c>MapEntry</c> key/value records, Avro enums → strings with
/// <c>io.confluent.connect.avro.Enum</c> parameters, other unions → <c>io.confluent.connect.avro.Union</c> structs, and
/// the Connect name, version, doc, parameters and defaults carried in <c>connect.*</c> properties.
/// </summary>
/// <remarks>Instances hold no per-call state and can be shared; callers cache the results per schema.</remarks>
internal sealed class AvroData
{
    public const string Namespace = "io.confluent.connect.avro";
    public const string DefaultSchemaName = "ConnectDefault";
    public const string DefaultSchemaFullName = Namespace + "." + DefaultSchemaName;
    public const string MapEntryTypeName = "MapEntry";
    public const string KeyField = "key";
    public const string ValueField = "value";
    public const string ConnectNameProp = "connect.name";
    public const string ConnectDocProp = "connect.doc";
    public const string ConnectVersionProp = "connect.version";
    public const string ConnectDefaultProp = "connect.default";
    public const string ConnectParametersProp = "connect.parameters";
    public const string ConnectInternalTypeProp = "connect.internal.type";
    public const string ConnectTypeProp = "connect.type";
    public const string RecordDocParam = Namespace + ".record.doc";
    public const string EnumDocParamPrefix = Namespace + ".enum.doc.";
    public const string FieldDocParamPrefix = Namespace + ".field.doc.";
    public const string FieldDefaultFlagParam = Namespace + ".field.default";
    public const string EnumDefaultParamPrefix = Namespace + ".enum.default.";
    public const string UnionSchemaName = Namespace + ".Union";
    public const string EnumParam = Namespace + ".Enum";
    public const string DecimalPrecisionParam = "connect.decimal.precision";
    public const int DefaultDecimalPrecision = 64;
    public const string FixedSizeParam = "connect.fixed.size";

    private static readonly JsonElement JsonNull = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>Creates a mapper.</summary>
    /// <param name="connectMetaData">Whether to write and read the <c>connect.*</c> properties (<c>connect.meta.data</c>).</param>
    /// <param name="enhancedSchemaSupport">Whether Connect strings with enum parameters become Avro enums and union members are named by full name (<c>enhanced.avro.schema.support</c>).</param>
    public AvroData(bool connectMetaData = true, bool enhancedSchemaSupport = false)
    {
        ConnectMetaData = connectMetaData;
        EnhancedSchemaSupport = enhancedSchemaSupport;
    }

    public bool ConnectMetaData { get; }

    public bool EnhancedSchemaSupport { get; }

    // ---------------------------------------------------------------- Connect schema -> Avro schema

    /// <summary>The Avro schema of a Connect schema.</summary>
    /// <param name="schema">The Connect schema.</param>
    /// <returns>The Avro schema.</returns>
    /// <exception cref="DataException">The schema cannot be expressed in Avro (e.g. a name that is not a valid Avro name).</exception>
    public AvroSchema FromConnectSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return FromConnect(schema, new FromContext(), ignoreOptional: false);
    }

    private AvroSchema FromConnect(Schema schema, FromContext context, bool ignoreOptional)
    {
        var isUnion = IsUnionSchema(schema);
        if (!isUnion && !schema.IsOptional && context.Converted.TryGetValue(schema, out var cached))
        {
            return cached;
        }

        AvroSchema baseSchema;
        switch (schema.Type)
        {
            case SchemaType.Int8:
                baseSchema = Primitive(AvroType.Int, Properties(schema, "int8"));
                break;
            case SchemaType.Int16:
                baseSchema = Primitive(AvroType.Int, Properties(schema, "int16"));
                break;
            case SchemaType.Int32:
                baseSchema = Primitive(AvroType.Int, Properties(schema));
                break;
            case SchemaType.Int64:
                baseSchema = Primitive(AvroType.Long, Properties(schema));
                break;
            case SchemaType.Float32:
                baseSchema = Primitive(AvroType.Float, Properties(schema));
                break;
            case SchemaType.Float64:
                baseSchema = Primitive(AvroType.Double, Properties(schema));
                break;
            case SchemaType.Boolean:
                baseSchema = Primitive(AvroType.Boolean, Properties(schema));
                break;
            case SchemaType.String:
                baseSchema = EnhancedSchemaSupport && Parameter(schema, EnumParam) is { } enumName
                    ? EnumFromConnect(schema, enumName, context)
                    : Primitive(AvroType.String, Properties(schema));
                break;
            case SchemaType.Bytes:
                if (Parameter(schema, FixedSizeParam) is { } sizeText)
                {
                    var (space, name) = NameOrDefault(context, schema.Name);
                    if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    {
                        throw new AvroDataException($"The parameter {FixedSizeParam} must be a non-negative integer, not \"{sizeText}\".");
                    }

                    baseSchema = Define(context, new FixedSchema(name, space, size, properties: Properties(schema)));
                }
                else
                {
                    baseSchema = Primitive(AvroType.Bytes, Properties(schema));
                }

                break;
            case SchemaType.Array:
                baseSchema = new ArraySchema(FromConnect(schema.ValueSchema, context, false), Properties(schema));
                break;
            case SchemaType.Map:
                baseSchema = IsStringKeyed(schema)
                    ? new MapSchema(FromConnect(schema.ValueSchema, context, false), Properties(schema))
                    : new ArraySchema(MapEntryFromConnect(schema, context), Properties(schema));
                break;
            case SchemaType.Struct:
                if (isUnion)
                {
                    var branches = new List<AvroSchema>();
                    if (schema.IsOptional)
                    {
                        branches.Add(PrimitiveSchema.Of(AvroType.Null));
                    }

                    foreach (var field in schema.Fields)
                    {
                        branches.Add(FromConnect(NonOptional(field.Schema), context, ignoreOptional: true));
                    }

                    baseSchema = Union(branches);
                }
                else if (schema.IsOptional)
                {
                    baseSchema = Union([PrimitiveSchema.Of(AvroType.Null), FromConnect(NonOptional(schema), context, false)]);
                }
                else
                {
                    baseSchema = RecordFromConnect(schema, context);
                }

                break;
            default:
                throw new AvroDataException($"Unknown Connect schema type {schema.Type}.");
        }

        var finalSchema = baseSchema;
        if (baseSchema.Type != AvroType.Union && !ignoreOptional && schema.IsOptional)
        {
            // A default value has to match the union's first branch, so it goes first when there is one.
            finalSchema = schema.DefaultValue is not null
                ? Union([baseSchema, PrimitiveSchema.Of(AvroType.Null)])
                : Union([PrimitiveSchema.Of(AvroType.Null), baseSchema]);
        }

        if (!schema.IsOptional)
        {
            context.Converted[schema] = finalSchema;
        }

        return finalSchema;
    }

    private RecordSchema RecordFromConnect(Schema schema, FromContext context)
    {
        var (space, name) = NameOrDefault(context, schema.Name);
        var record = Define(context, new RecordSchema(name, space, Parameter(schema, RecordDocParam), null, Properties(schema)));
        var fields = new List<AvroField>(schema.Fields.Count);
        foreach (var field in schema.Fields)
        {
            if (!AvroSchemaParser.IsValidName(field.Name))
            {
                throw new AvroDataException(
                    $"The field name \"{field.Name}\" of struct \"{schema.Name ?? DefaultSchemaName}\" is not a valid Avro name (a letter or underscore, then letters, digits or underscores).");
            }

            fields.Add(FieldFromConnect(field.Name, fields.Count, field.Schema, Parameter(schema, FieldDocParamPrefix + field.Name), context));
        }

        record.SetFields(fields);
        return record;
    }

    private AvroField FieldFromConnect(string name, int position, Schema fieldSchema, string? doc, FromContext context)
    {
        var avroSchema = FromConnect(fieldSchema, context, false);
        JsonElement? defaultValue = null;
        if (fieldSchema.DefaultValue is not null)
        {
            defaultValue = DefaultToJson(fieldSchema, fieldSchema.DefaultValue);
        }
        else if (fieldSchema.IsOptional)
        {
            defaultValue = JsonNull;
        }

        // Like Confluent's converter, a default that Avro would reject is left out rather than failing the schema.
        if (defaultValue is { } json && !AvroDefaults.IsValid(json, avroSchema is UnionSchema u && u.Branches.Count > 0 ? u.Branches[0] : avroSchema))
        {
            defaultValue = null;
        }

        return new AvroField(name, position, avroSchema, doc, defaultValue);
    }

    private RecordSchema MapEntryFromConnect(Schema schema, FromContext context)
    {
        RecordSchema entry;
        if (schema.Name is null)
        {
            // Confluent names every such record io.confluent.connect.avro.MapEntry; a second, different one needs
            // another name to be valid Avro, and is marked as a map entry so that readers still recognize it.
            var name = MapEntryTypeName;
            List<KeyValuePair<string, JsonElement>>? properties = null;
            for (var i = 2; context.Names.ContainsKey(Namespace + "." + name); i++)
            {
                name = MapEntryTypeName + i.ToString(CultureInfo.InvariantCulture);
                properties = [new(ConnectInternalTypeProp, JsonSerializer.SerializeToElement(MapEntryTypeName))];
            }

            entry = Define(context, new RecordSchema(name, Namespace, null, null, properties));
        }
        else
        {
            var (space, name) = NameOrDefault(context, schema.Name);
            entry = Define(context, new RecordSchema(name, space, null, null, [new(ConnectInternalTypeProp, JsonSerializer.SerializeToElement(MapEntryTypeName))]));
        }

        entry.SetFields(
        [
            FieldFromConnect(KeyField, 0, schema.KeySchema, null, context),
            FieldFromConnect(ValueField, 1, schema.ValueSchema, null, context),
        ]);
        return entry;
    }

    private EnumSchema EnumFromConnect(Schema schema, string enumName, FromContext context)
    {
        var (_, name) = NameOrDefault(context, schema.Name);
        var symbols = new List<string>();
        foreach (var (key, _) in schema.Parameters!)
        {
            if (key.StartsWith(EnumParam + ".", StringComparison.Ordinal))
            {
                symbols.Add(key[(EnumParam.Length + 1)..]);
            }
        }

        var (enumSpace, enumShortName) = SplitValidName(enumName, "enum");
        return Define(context, new EnumSchema(
            enumShortName,
            enumSpace,
            symbols,
            Parameter(schema, EnumDocParamPrefix + name),
            null,
            Parameter(schema, EnumDefaultParamPrefix + name),
            Properties(schema)));
    }

    private List<KeyValuePair<string, JsonElement>> Properties(Schema schema, string? connectType = null)
    {
        var properties = new List<KeyValuePair<string, JsonElement>>();
        var isDecimal = string.Equals(schema.Name, ConnectDecimal.LogicalName, StringComparison.OrdinalIgnoreCase);
        var precision = DefaultDecimalPrecision;
        var scale = 0;
        if (isDecimal)
        {
            scale = IntParameter(schema, ConnectDecimal.ScaleField) ?? 0;
            precision = IntParameter(schema, DecimalPrecisionParam) ?? DefaultDecimalPrecision;
            properties.Add(new("scale", JsonSerializer.SerializeToElement(scale)));
            properties.Add(new("precision", JsonSerializer.SerializeToElement(precision)));
        }

        if (ConnectMetaData)
        {
            if (schema.Doc is not null)
            {
                properties.Add(new(ConnectDocProp, JsonSerializer.SerializeToElement(schema.Doc)));
            }

            if (schema.Version is { } version)
            {
                properties.Add(new(ConnectVersionProp, JsonSerializer.SerializeToElement(version)));
            }

            if (schema.Parameters is not null)
            {
                var parameters = schema.Parameters.Where(p => p.Key != FieldDefaultFlagParam).ToDictionary(StringComparer.Ordinal);
                if (parameters.Count > 0)
                {
                    properties.Add(new(ConnectParametersProp, JsonSerializer.SerializeToElement(parameters)));
                }
            }

            if (schema.DefaultValue is not null && Parameter(schema, FieldDefaultFlagParam) is null)
            {
                properties.Add(new(ConnectDefaultProp, DefaultToJson(schema, schema.DefaultValue)));
            }

            if (schema.Name is not null)
            {
                properties.Add(new(ConnectNameProp, JsonSerializer.SerializeToElement(schema.Name)));
            }

            if (connectType is not null)
            {
                properties.Add(new(ConnectTypeProp, JsonSerializer.SerializeToElement(connectType)));
            }
        }

        var logicalType = schema.Name switch
        {
            _ when isDecimal => LogicalType.Decimal,
            ConnectDate.LogicalName => LogicalType.Date,
            ConnectTime.LogicalName => LogicalType.TimeMillis,
            ConnectTimestamp.LogicalName => LogicalType.TimestampMillis,
            _ => null,
        };
        if (logicalType is not null)
        {
            properties.Add(new("logicalType", JsonSerializer.SerializeToElement(logicalType)));
        }

        if (schema.Parameters is not null)
        {
            foreach (var (key, value) in schema.Parameters)
            {
                if (key.StartsWith("avro", StringComparison.Ordinal))
                {
                    properties.Add(new(key, JsonSerializer.SerializeToElement(value)));
                }
            }
        }

        return properties;
    }

    private static AvroSchema Primitive(AvroType type, List<KeyValuePair<string, JsonElement>> properties) =>
        properties.Count == 0 ? PrimitiveSchema.Of(type) : new PrimitiveSchema(type, properties);

    private static UnionSchema Union(List<AvroSchema> branches)
    {
        try
        {
            return new UnionSchema(branches);
        }
        catch (AvroSchemaException e)
        {
            throw new AvroDataException($"The Connect union cannot be expressed in Avro: {e.Message}", null, e);
        }
    }

    private static T Define<T>(FromContext context, T schema)
        where T : NamedSchema
    {
        if (!context.Names.TryAdd(schema.FullName, schema))
        {
            throw new AvroDataException(
                $"Two different Connect schemas map to the Avro name '{schema.FullName}', but an Avro schema can define a name only once. Give the schemas different names.");
        }

        return schema;
    }

    private static (string? Space, string Name) NameOrDefault(FromContext context, string? name)
    {
        if (name is not null)
        {
            return SplitValidName(name, "schema");
        }

        var index = ++context.NameIndex;
        return (Namespace, index > 1 ? DefaultSchemaName + index.ToString(CultureInfo.InvariantCulture) : DefaultSchemaName);
    }

    private static (string? Space, string Name) SplitValidName(string name, string what)
    {
        try
        {
            return AvroSchemaParser.SplitName(name, null);
        }
        catch (AvroSchemaException e)
        {
            throw new AvroDataException($"The Connect {what} name \"{name}\" is not a valid Avro name: {e.Message}", null, e);
        }
    }

    private JsonElement DefaultToJson(Schema schema, object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteDefault(writer, schema, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private void WriteDefault(Utf8JsonWriter writer, Schema schema, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        var raw = LogicalToRaw(schema, value);
        switch (schema.Type)
        {
            case SchemaType.Int8 or SchemaType.Int16 or SchemaType.Int32:
                writer.WriteNumberValue(Convert.ToInt32(raw, CultureInfo.InvariantCulture));
                break;
            case SchemaType.Int64:
                writer.WriteNumberValue((long)raw);
                break;
            case SchemaType.Float32:
                writer.WriteNumberValue((float)raw);
                break;
            case SchemaType.Float64:
                writer.WriteNumberValue((double)raw);
                break;
            case SchemaType.Boolean:
                writer.WriteBooleanValue((bool)raw);
                break;
            case SchemaType.String:
                writer.WriteStringValue((string)raw);
                break;
            case SchemaType.Bytes:
                writer.WriteStringValue(Latin1(BytesOf(raw)));
                break;
            case SchemaType.Array:
                writer.WriteStartArray();
                foreach (var item in (IList)raw)
                {
                    WriteDefault(writer, schema.ValueSchema, item);
                }

                writer.WriteEndArray();
                break;
            case SchemaType.Map when IsStringKeyed(schema):
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in (IDictionary)raw)
                {
                    writer.WritePropertyName((string)entry.Key);
                    WriteDefault(writer, schema.ValueSchema, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case SchemaType.Map:
                // As Confluent writes it: an array of [key, value] pairs.
                writer.WriteStartArray();
                foreach (DictionaryEntry entry in (IDictionary)raw)
                {
                    writer.WriteStartArray();
                    WriteDefault(writer, schema.KeySchema, entry.Key);
                    WriteDefault(writer, schema.ValueSchema, entry.Value);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            case SchemaType.Struct:
                var structValue = (Struct)raw;
                if (IsUnionSchema(schema))
                {
                    var member = schema.Fields.FirstOrDefault(f => structValue.Get(f) is not null);
                    WriteDefault(writer, member?.Schema ?? schema, member is null ? null : structValue.Get(member));
                    break;
                }

                writer.WriteStartObject();
                foreach (var field in schema.Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteDefault(writer, field.Schema, structValue.Get(field));
                }

                writer.WriteEndObject();
                break;
        }
    }

    // ---------------------------------------------------------------- Connect value -> Avro generic value

    /// <summary>Converts a Connect value to the generic Avro value of <paramref name="avroSchema"/> (the schema <see cref="FromConnectSchema"/> made for <paramref name="schema"/>).</summary>
    /// <param name="schema">The Connect schema.</param>
    /// <param name="avroSchema">Its Avro schema.</param>
    /// <param name="value">The Connect value.</param>
    /// <returns>The generic value.</returns>
    /// <exception cref="DataException">The value does not match the schema; the message names the field.</exception>
    public object? FromConnectData(Schema schema, AvroSchema avroSchema, object? value)
    {
        if (value is null)
        {
            return schema.IsOptional ? null : throw new AvroDataException($"Found null value for non-optional schema of type {schema.Type}.");
        }

        var raw = LogicalToRaw(schema, value);
        switch (schema.Type)
        {
            case SchemaType.Int8:
                return raw is sbyte int8 ? (int)int8 : throw Mismatch(schema, value);
            case SchemaType.Int16:
                return raw is short int16 ? (int)int16 : throw Mismatch(schema, value);
            case SchemaType.Int32:
                return raw is int ? raw : throw Mismatch(schema, value);
            case SchemaType.Int64:
                return raw is long ? raw : throw Mismatch(schema, value);
            case SchemaType.Float32:
                return raw is float ? raw : throw Mismatch(schema, value);
            case SchemaType.Float64:
                return raw is double ? raw : throw Mismatch(schema, value);
            case SchemaType.Boolean:
                return raw is bool ? raw : throw Mismatch(schema, value);
            case SchemaType.String:
                if (raw is not string text)
                {
                    throw Mismatch(schema, value);
                }

                if (Underlying(schema, avroSchema) is EnumSchema enumSchema)
                {
                    return enumSchema.IndexOf(text) >= 0
                        ? new AvroEnumSymbol(enumSchema, text)
                        : throw new AvroDataException($"\"{text}\" is not a symbol of the enum '{enumSchema.FullName}' ({string.Join(", ", enumSchema.Symbols)}).");
                }

                return text;
            case SchemaType.Bytes:
                byte[] bytes = raw switch
                {
                    byte[] array => array,
                    ReadOnlyMemory<byte> memory => memory.ToArray(),
                    _ => throw Mismatch(schema, value),
                };
                return Underlying(schema, avroSchema) is FixedSchema fixedSchema
                    ? bytes.Length == fixedSchema.Size
                        ? new AvroFixed(fixedSchema, bytes)
                        : throw new AvroDataException($"The fixed '{fixedSchema.FullName}' holds exactly {fixedSchema.Size} bytes, but the value has {bytes.Length}.")
                    : bytes;
            case SchemaType.Array:
                if (raw is not IList list)
                {
                    throw Mismatch(schema, value);
                }

                var items = ((ArraySchema)Underlying(schema, avroSchema)).Items;
                var converted = new List<object?>(list.Count);
                foreach (var item in list)
                {
                    converted.Add(FromConnectData(schema.ValueSchema, items, item));
                }

                return converted;
            case SchemaType.Map:
                return raw is IDictionary map ? MapFromConnect(schema, avroSchema, map) : throw Mismatch(schema, value);
            case SchemaType.Struct:
                if (raw is not Struct structValue)
                {
                    throw Mismatch(schema, value);
                }

                if (!ReferenceEquals(structValue.Schema, schema) && !structValue.Schema.Equals(schema))
                {
                    throw new AvroDataException(
                        $"The struct's schema {structValue.Schema} does not match the schema {schema} it is written with.");
                }

                return IsUnionSchema(schema) ? UnionFromConnect(schema, avroSchema, structValue) : RecordFromConnectData(schema, avroSchema, structValue);
            default:
                throw new AvroDataException($"Unknown Connect schema type {schema.Type}.");
        }
    }

    private object MapFromConnect(Schema schema, AvroSchema avroSchema, IDictionary map)
    {
        var underlying = Underlying(schema, avroSchema);
        if (underlying is MapSchema mapSchema)
        {
            var result = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
            foreach (DictionaryEntry entry in map)
            {
                if (entry.Key is not string key)
                {
                    throw new AvroDataException($"Map keys must be strings for this schema, but a key is {entry.Key?.GetType().FullName ?? "null"}.");
                }

                result[key] = FromConnectData(schema.ValueSchema, mapSchema.Values, entry.Value);
            }

            return result;
        }

        var entrySchema = (RecordSchema)((ArraySchema)underlying).Items;
        var keyField = entrySchema.GetField(KeyField)!;
        var valueField = entrySchema.GetField(ValueField)!;
        var entries = new List<object?>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            var record = new AvroRecord(entrySchema);
            record.Values[keyField.Position] = FromConnectData(schema.KeySchema, keyField.Schema, entry.Key);
            record.Values[valueField.Position] = FromConnectData(schema.ValueSchema, valueField.Schema, entry.Value);
            entries.Add(record);
        }

        return entries;
    }

    private AvroRecord RecordFromConnectData(Schema schema, AvroSchema avroSchema, Struct value)
    {
        var recordSchema = (RecordSchema)Underlying(schema, avroSchema);
        var record = new AvroRecord(recordSchema);
        var fields = schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var avroField = i < recordSchema.Fields.Count && recordSchema.Fields[i].Name == field.Name
                ? recordSchema.Fields[i]
                : recordSchema.GetField(field.Name) ?? throw new AvroDataException($"The Avro record '{recordSchema.FullName}' has no field \"{field.Name}\".");
            try
            {
                record.Values[avroField.Position] = FromConnectData(field.Schema, avroField.Schema, value.Get(field));
            }
            catch (AvroDataException e)
            {
                throw e.Within(field.Name);
            }
            catch (DataException e)
            {
                throw new AvroDataException(e.Message, field.Name, e);
            }
        }

        return record;
    }

    private object? UnionFromConnect(Schema schema, AvroSchema avroSchema, Struct value)
    {
        foreach (var field in schema.Fields)
        {
            var member = value.Get(field);
            if (member is not null)
            {
                try
                {
                    return FromConnectData(field.Schema, avroSchema, member);
                }
                catch (AvroDataException e)
                {
                    throw e.Within(field.Name);
                }
            }
        }

        return schema.IsOptional ? null : throw new AvroDataException("The union struct has no member set and the union is not optional.");
    }

    /// <summary>The branch of an Avro union that carries the values of a Connect schema (the schema itself when not a union).</summary>
    private static AvroSchema Underlying(Schema schema, AvroSchema avroSchema)
    {
        if (avroSchema is not UnionSchema union)
        {
            return avroSchema;
        }

        if (union.OptionalBranch is { } optional)
        {
            return optional;
        }

        foreach (var branch in union.Branches)
        {
            if (branch is NamedSchema named && schema.Name is not null && named.FullName == schema.Name)
            {
                return branch;
            }
        }

        foreach (var branch in union.Branches)
        {
            var fits = (schema.Type, branch.Type) switch
            {
                (SchemaType.Int8 or SchemaType.Int16 or SchemaType.Int32, AvroType.Int) => true,
                (SchemaType.Int64, AvroType.Long) => true,
                (SchemaType.Float32, AvroType.Float) => true,
                (SchemaType.Float64, AvroType.Double) => true,
                (SchemaType.Boolean, AvroType.Boolean) => true,
                (SchemaType.String, AvroType.String or AvroType.Enum) => true,
                (SchemaType.Bytes, AvroType.Bytes or AvroType.Fixed) => true,
                (SchemaType.Array, AvroType.Array) => true,
                (SchemaType.Map, AvroType.Map or AvroType.Array) => true,
                (SchemaType.Struct, AvroType.Record) => schema.Name is null && ((NamedSchema)branch).FullName.StartsWith(DefaultSchemaFullName, StringComparison.Ordinal),
                _ => false,
            };
            if (fits)
            {
                return branch;
            }
        }

        throw new AvroDataException($"No branch of the Avro union {union} carries values of the Connect schema {schema}.");
    }

    private static AvroDataException Mismatch(Schema schema, object value)
    {
        var text = value.ToString() ?? string.Empty;
        if (text.Length > 40)
        {
            text = string.Concat(text.AsSpan(0, 37), "...");
        }

        var what = schema.Name is null ? $"type {schema.Type}" : $"\"{schema.Name}\" ({schema.Type})";
        return new AvroDataException($"Invalid value for schema {what}: expected {ExpectedClrType(schema)} but got {value.GetType().FullName} ({text}).");
    }

    private static string ExpectedClrType(Schema schema) => schema.Name switch
    {
        ConnectDecimal.LogicalName => "System.Decimal",
        ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName => "System.DateTime",
        _ => schema.Type switch
        {
            SchemaType.Int8 => "System.SByte",
            SchemaType.Int16 => "System.Int16",
            SchemaType.Int32 => "System.Int32",
            SchemaType.Int64 => "System.Int64",
            SchemaType.Float32 => "System.Single",
            SchemaType.Float64 => "System.Double",
            SchemaType.Boolean => "System.Boolean",
            SchemaType.String => "System.String",
            SchemaType.Bytes => "System.Byte[]",
            SchemaType.Array => "an IList",
            SchemaType.Map => "an IDictionary",
            _ => "Connect.Sdk.Data.Struct",
        },
    };

    /// <summary>Converts a logical-type value (decimal, date, time, timestamp) to its underlying Connect representation.</summary>
    private static object LogicalToRaw(Schema schema, object value)
    {
        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName:
                return value is decimal d ? ConnectDecimal.FromLogical(schema, d) : throw Mismatch(schema, value);
            case ConnectDate.LogicalName:
                return value switch
                {
                    DateTime dt => ConnectDate.FromLogical(schema, dt),
                    DateOnly date => ConnectDate.FromLogical(schema, date),
                    _ => throw Mismatch(schema, value),
                };
            case ConnectTime.LogicalName:
                return value switch
                {
                    DateTime dt => ConnectTime.FromLogical(schema, dt),
                    TimeOnly time => ConnectTime.FromLogical(schema, time),
                    _ => throw Mismatch(schema, value),
                };
            case ConnectTimestamp.LogicalName:
                return value switch
                {
                    DateTime dt => ConnectTimestamp.FromLogical(schema, dt),
                    DateTimeOffset dto => ConnectTimestamp.FromLogical(schema, dto),
                    _ => throw Mismatch(schema, value),
                };
            default:
                return value;
        }
    }

    // ---------------------------------------------------------------- Avro schema -> Connect schema

    /// <summary>The Connect schema of an Avro schema.</summary>
    /// <param name="avroSchema">The Avro schema.</param>
    /// <param name="version">The registry version, used as the Connect version when the schema has no <c>connect.version</c>.</param>
    /// <returns>The Connect schema.</returns>
    /// <exception cref="DataException">The Avro schema cannot be expressed in Connect (a standalone null, a recursive record).</exception>
    public Schema ToConnectSchema(AvroSchema avroSchema, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(avroSchema);
        return ToConnect(avroSchema, forceOptional: false, fieldDefault: null, version, new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance));
    }

    private Schema ToConnect(AvroSchema schema, bool forceOptional, JsonElement? fieldDefault, int? version, HashSet<AvroSchema> inProgress)
    {
        var connectType = schema.GetStringProperty(ConnectTypeProp);
        var logicalType = schema.GetStringProperty("logicalType");
        SchemaBuilder builder;
        string? builderName = null;
        var builderHasVersion = false;
        switch (schema.Type)
        {
            case AvroType.Boolean:
                builder = SchemaBuilder.Boolean();
                break;
            case AvroType.Bytes or AvroType.Fixed:
                if (string.Equals(logicalType, LogicalType.Decimal, StringComparison.OrdinalIgnoreCase))
                {
                    var scale = 0;
                    if (schema.TryGetProperty("scale", out var scaleElement) && scaleElement.ValueKind == JsonValueKind.Number)
                    {
                        scale = scaleElement.GetInt32();
                    }

                    if (scale is < 0 or > ConnectDecimal.MaxScale)
                    {
                        throw new AvroDataException($"The Avro decimal has scale {scale}; Connect decimals (System.Decimal) support scales 0 to {ConnectDecimal.MaxScale}.");
                    }

                    builder = ConnectDecimal.Builder(scale);
                    (builderName, builderHasVersion) = (ConnectDecimal.LogicalName, true);
                    if (schema.TryGetProperty("precision", out var precision))
                    {
                        if (precision.ValueKind != JsonValueKind.Number || !precision.TryGetInt32(out var p))
                        {
                            throw new AvroDataException("The precision property of an Avro decimal must be a JSON integer.");
                        }

                        if (p != DefaultDecimalPrecision)
                        {
                            builder.Parameter(DecimalPrecisionParam, p.ToString(CultureInfo.InvariantCulture));
                        }
                    }
                }
                else
                {
                    builder = SchemaBuilder.Bytes();
                }

                if (schema is FixedSchema fixedSchema)
                {
                    builder.Parameter(FixedSizeParam, fixedSchema.Size.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case AvroType.Double:
                builder = SchemaBuilder.Float64();
                break;
            case AvroType.Float:
                builder = SchemaBuilder.Float32();
                break;
            case AvroType.Int:
                if (logicalType is not null)
                {
                    if (string.Equals(logicalType, LogicalType.Date, StringComparison.OrdinalIgnoreCase))
                    {
                        builder = ConnectDate.Builder();
                        (builderName, builderHasVersion) = (ConnectDate.LogicalName, true);
                    }
                    else if (string.Equals(logicalType, LogicalType.TimeMillis, StringComparison.OrdinalIgnoreCase))
                    {
                        builder = ConnectTime.Builder();
                        (builderName, builderHasVersion) = (ConnectTime.LogicalName, true);
                    }
                    else
                    {
                        builder = SchemaBuilder.Int32();
                    }
                }
                else
                {
                    builder = connectType switch
                    {
                        null => SchemaBuilder.Int32(),
                        "int8" => SchemaBuilder.Int8(),
                        "int16" => SchemaBuilder.Int16(),
                        _ => throw new AvroDataException($"Unknown {ConnectTypeProp} annotation \"{connectType}\" on an Avro int."),
                    };
                }

                break;
            case AvroType.Long:
                if (string.Equals(logicalType, LogicalType.TimestampMillis, StringComparison.OrdinalIgnoreCase))
                {
                    builder = ConnectTimestamp.Builder();
                    (builderName, builderHasVersion) = (ConnectTimestamp.LogicalName, true);
                }
                else
                {
                    builder = SchemaBuilder.Int64();
                }

                break;
            case AvroType.String:
                builder = SchemaBuilder.String();
                break;
            case AvroType.Array:
                var items = ((ArraySchema)schema).Items;
                if (IsMapEntry(items))
                {
                    var entry = (RecordSchema)items;
                    var keyField = entry.GetField(KeyField);
                    var valueField = entry.GetField(ValueField);
                    if (entry.Fields.Count != 2 || keyField is null || valueField is null)
                    {
                        throw new AvroDataException("Found a map encoded as an array of key-value records, but the records do not have exactly the fields 'key' and 'value'.");
                    }

                    builder = SchemaBuilder.Map(
                        ToConnect(keyField.Schema, false, null, null, inProgress),
                        ToConnect(valueField.Schema, false, null, null, inProgress));
                }
                else
                {
                    builder = SchemaBuilder.Array(ToConnect(items, false, null, null, inProgress));
                }

                break;
            case AvroType.Map:
                builder = SchemaBuilder.Map(Schema.String, ToConnect(((MapSchema)schema).Values, false, null, null, inProgress));
                break;
            case AvroType.Record:
                var record = (RecordSchema)schema;
                if (!inProgress.Add(record))
                {
                    throw new AvroDataException($"The Avro record '{record.FullName}' refers to itself; recursive schemas cannot be expressed as Connect schemas.");
                }

                builder = SchemaBuilder.Struct();
                if (ConnectMetaData && record.Doc is not null)
                {
                    builder.Parameter(RecordDocParam, record.Doc);
                }

                foreach (var field in record.Fields)
                {
                    if (ConnectMetaData && field.Doc is not null)
                    {
                        builder.Parameter(FieldDocParamPrefix + field.Name, field.Doc);
                    }

                    builder.Field(field.Name, ToConnect(field.Schema, false, field.DefaultValue, null, inProgress));
                }

                inProgress.Remove(record);
                break;
            case AvroType.Enum:
                var enumSchema = (EnumSchema)schema;
                builder = SchemaBuilder.String();
                if (ConnectMetaData)
                {
                    if (enumSchema.Doc is not null)
                    {
                        builder.Parameter(EnumDocParamPrefix + enumSchema.Name, enumSchema.Doc);
                    }

                    if (enumSchema.Default is not null)
                    {
                        builder.Parameter(EnumDefaultParamPrefix + enumSchema.Name, enumSchema.Default);
                    }
                }

                builder.Parameter(EnumParam, enumSchema.FullName);
                foreach (var symbol in enumSchema.Symbols)
                {
                    builder.Parameter(EnumParam + "." + symbol, symbol);
                }

                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                if (union.OptionalBranch is { } optional)
                {
                    return ToConnect(optional, forceOptional: true, fieldDefault: null, null, inProgress);
                }

                builder = SchemaBuilder.Struct().Name(UnionSchemaName);
                builderName = UnionSchemaName;
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in union.Branches)
                {
                    if (member.Type == AvroType.Null)
                    {
                        builder.Optional();
                        forceOptional = false;
                        continue;
                    }

                    var fieldName = UnionMemberFieldName(member);
                    if (!names.Add(fieldName))
                    {
                        throw new AvroDataException($"Two members of the Avro union {union} map to the same Connect union field name \"{fieldName}\".");
                    }

                    builder.Field(fieldName, ToConnect(member, true, null, null, inProgress));
                }

                break;
            case AvroType.Null:
                throw new AvroDataException("Standalone null schemas are not supported by this converter.");
            default:
                throw new AvroDataException($"Cannot translate the Avro type {schema.Type}.");
        }

        if (ConnectMetaData && schema.GetStringProperty(ConnectDocProp) is { } doc)
        {
            builder.Doc(doc);
        }

        int? connectVersion = null;
        if (schema.TryGetProperty(ConnectVersionProp, out var versionElement))
        {
            connectVersion = versionElement.ValueKind == JsonValueKind.Number && versionElement.TryGetInt32(out var v)
                ? v
                : throw new AvroDataException($"Invalid Connect version found: {versionElement.GetRawText()}.");
        }

        // The schema's own connect.version wins over the registry's version. Logical types already carry version 1.
        if ((connectVersion ?? version) is >= 0 and var chosen && !builderHasVersion)
        {
            builder.Version(chosen);
        }

        if (ConnectMetaData && schema.TryGetProperty(ConnectParametersProp, out var parameters))
        {
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                throw new AvroDataException($"Expected a JSON object for schema parameters but found: {parameters.GetRawText()}.");
            }

            foreach (var parameter in parameters.EnumerateObject())
            {
                builder.Parameter(
                    parameter.Name,
                    parameter.Value.ValueKind == JsonValueKind.String
                        ? parameter.Value.GetString()!
                        : throw new AvroDataException($"Expected schema parameter values to be strings but found: {parameter.Value.GetRawText()}."));
            }
        }

        foreach (var (key, value) in schema.Properties)
        {
            if (key.StartsWith("avro", StringComparison.Ordinal))
            {
                builder.Parameter(key, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
            }
        }

        JsonElement? connectDefault = schema.TryGetProperty(ConnectDefaultProp, out var cd) ? cd : null;
        if (fieldDefault is null)
        {
            fieldDefault = connectDefault;
        }
        else if (ConnectMetaData && connectDefault is null)
        {
            builder.Parameter(FieldDefaultFlagParam, "true");
        }

        string? name = null;
        if (schema.TryGetProperty(ConnectNameProp, out var connectName))
        {
            name = connectName.ValueKind == JsonValueKind.String
                ? connectName.GetString()
                : throw new AvroDataException($"Invalid schema name: {connectName.GetRawText()}.");
        }
        else if (schema is NamedSchema named)
        {
            name = named.FullName;
        }

        if (name is not null && !name.StartsWith(DefaultSchemaFullName, StringComparison.Ordinal))
        {
            if (builderName is null)
            {
                builder.Name(name);
            }
            else if (name != builderName)
            {
                throw new AvroDataException($"Mismatched names: the Avro schema is a {builderName} but is named \"{name}\".");
            }
        }

        if (forceOptional)
        {
            builder.Optional();
        }

        if (fieldDefault is { } defaultJson && defaultJson.ValueKind != JsonValueKind.Null)
        {
            try
            {
                var withoutDefault = builder.Build();
                var defaultValue = DefaultFromAvro(withoutDefault, schema, defaultJson);
                if (defaultValue is not null)
                {
                    builder.DefaultValue(defaultValue);
                }
            }
            catch (Exception e) when (e is DataException or AvroException or InvalidOperationException or FormatException or OverflowException)
            {
                // Confluent's converter ignores a default it cannot convert; so does this one.
            }
        }

        return builder.Build();
    }

    private string UnionMemberFieldName(AvroSchema member) => member switch
    {
        RecordSchema or EnumSchema => EnhancedSchemaSupport ? ((NamedSchema)member).FullName : ((NamedSchema)member).Name,
        _ => AvroSchema.TypeName(member.Type),
    };

    private static bool IsMapEntry(AvroSchema schema) =>
        schema is RecordSchema record
        && ((record.Namespace == Namespace && record.Name == MapEntryTypeName) || record.GetStringProperty(ConnectInternalTypeProp) == MapEntryTypeName);

    private object? DefaultFromAvro(Schema schema, AvroSchema avroSchema, JsonElement json)
    {
        var raw = DefaultFromAvroRaw(schema, avroSchema, json);
        return raw is null ? null : RawToLogical(schema, raw);
    }

    private object? DefaultFromAvroRaw(Schema schema, AvroSchema avroSchema, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (avroSchema.Type)
        {
            case AvroType.Int:
                return schema.Type switch
                {
                    SchemaType.Int8 => (sbyte)json.GetInt32(),
                    SchemaType.Int16 => (short)json.GetInt32(),
                    _ => json.GetInt32(),
                };
            case AvroType.Long:
                return json.GetInt64();
            case AvroType.Float:
                return (float)json.GetDouble();
            case AvroType.Double:
                return json.GetDouble();
            case AvroType.Boolean:
                return json.GetBoolean();
            case AvroType.String or AvroType.Enum:
                return json.GetString();
            case AvroType.Bytes or AvroType.Fixed:
                return Latin1Bytes(json.GetString()!);
            case AvroType.Array when schema.Type == SchemaType.Map:
                // Confluent's [[key, value], ...] form for maps with non-string keys.
                var pairs = new Dictionary<object, object?>(ConnectValueComparer.Instance);
                var entry = (RecordSchema)((ArraySchema)avroSchema).Items;
                foreach (var pair in json.EnumerateArray())
                {
                    var key = DefaultFromAvro(schema.KeySchema, entry.GetField(KeyField)!.Schema, pair[0]);
                    pairs[key!] = DefaultFromAvro(schema.ValueSchema, entry.GetField(ValueField)!.Schema, pair[1]);
                }

                return pairs;
            case AvroType.Array:
                var list = new List<object?>();
                foreach (var item in json.EnumerateArray())
                {
                    list.Add(DefaultFromAvro(schema.ValueSchema, ((ArraySchema)avroSchema).Items, item));
                }

                return list;
            case AvroType.Map:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    map[property.Name] = DefaultFromAvro(schema.ValueSchema, ((MapSchema)avroSchema).Values, property.Value);
                }

                return map;
            case AvroType.Record:
                var result = new Struct(schema);
                foreach (var avroField in ((RecordSchema)avroSchema).Fields)
                {
                    var field = schema.FindField(avroField.Name)!;
                    JsonElement? fieldJson = json.TryGetProperty(avroField.Name, out var f) ? f : avroField.DefaultValue;
                    result.Put(field, fieldJson is { } present ? DefaultFromAvro(field.Schema, avroField.Schema, present) : null);
                }

                return result;
            case AvroType.Union:
                var first = ((UnionSchema)avroSchema).Branches[0];
                if (first.Type == AvroType.Null)
                {
                    return null;
                }

                var memberField = schema.FindField(UnionMemberFieldName(first));
                return memberField is null ? null : new Struct(schema).Put(memberField, DefaultFromAvro(memberField.Schema, first, json));
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- Avro generic value -> Connect value

    /// <summary>Converts a generic Avro value to the Connect value of <paramref name="schema"/> (the schema <see cref="ToConnectSchema"/> made for the value's Avro schema).</summary>
    /// <param name="schema">The Connect schema.</param>
    /// <param name="value">The generic value.</param>
    /// <returns>The Connect value.</returns>
    /// <exception cref="DataException">The value does not fit the schema.</exception>
    public object? ToConnectData(Schema schema, object? value)
    {
        if (value is null)
        {
            return schema.IsOptional ? null : throw new AvroDataException($"Found null value for non-optional schema of type {schema.Type}.");
        }

        object converted;
        switch (schema.Type)
        {
            case SchemaType.Int32:
                converted = value is int ? value : throw Invalid(schema, value);
                break;
            case SchemaType.Int64:
                converted = value is long ? value : throw Invalid(schema, value);
                break;
            case SchemaType.Float32:
                converted = value is float ? value : throw Invalid(schema, value);
                break;
            case SchemaType.Float64:
                converted = value is double ? value : throw Invalid(schema, value);
                break;
            case SchemaType.Boolean:
                converted = value is bool ? value : throw Invalid(schema, value);
                break;
            case SchemaType.Int8:
                converted = value is int i8 ? unchecked((sbyte)i8) : throw Invalid(schema, value);
                break;
            case SchemaType.Int16:
                converted = value is int i16 ? unchecked((short)i16) : throw Invalid(schema, value);
                break;
            case SchemaType.String:
                converted = value switch
                {
                    string s => s,
                    AvroEnumSymbol symbol => symbol.Symbol,
                    _ => throw Invalid(schema, value),
                };
                break;
            case SchemaType.Bytes:
                converted = value switch
                {
                    byte[] bytes => bytes,
                    AvroFixed f => f.Bytes,
                    _ => throw Invalid(schema, value),
                };
                break;
            case SchemaType.Array:
                if (value is not IList items)
                {
                    throw Invalid(schema, value);
                }

                var list = new List<object?>(items.Count);
                foreach (var item in items)
                {
                    list.Add(ToConnectData(schema.ValueSchema, item));
                }

                converted = list;
                break;
            case SchemaType.Map:
                converted = MapToConnect(schema, value);
                break;
            case SchemaType.Struct:
                converted = IsUnionSchema(schema) ? UnionToConnect(schema, value) : StructToConnect(schema, value);
                break;
            default:
                throw new AvroDataException($"Unknown Connect schema type {schema.Type}.");
        }

        return RawToLogical(schema, converted);
    }

    private IDictionary MapToConnect(Schema schema, object value)
    {
        if (IsStringKeyed(schema))
        {
            if (value is not IDictionary source)
            {
                throw Invalid(schema, value);
            }

            var result = new Dictionary<string, object?>(source.Count, StringComparer.Ordinal);
            foreach (DictionaryEntry entry in source)
            {
                result[(string)entry.Key] = ToConnectData(schema.ValueSchema, entry.Value);
            }

            return result;
        }

        if (value is not IList entries)
        {
            throw Invalid(schema, value);
        }

        var map = new Dictionary<object, object?>(entries.Count, ConnectValueComparer.Instance);
        foreach (var item in entries)
        {
            if (item is not AvroRecord entry)
            {
                throw Invalid(schema, value);
            }

            var key = ToConnectData(schema.KeySchema, entry[KeyField])
                ?? throw new AvroDataException("A map entry has a null key; .NET dictionaries cannot hold null keys.");
            map[key] = ToConnectData(schema.ValueSchema, entry[ValueField]);
        }

        return map;
    }

    private Struct StructToConnect(Schema schema, object value)
    {
        if (value is not AvroRecord record)
        {
            throw Invalid(schema, value);
        }

        var result = new Struct(schema);
        var fields = schema.Fields;
        var avroFields = record.Schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var position = i < avroFields.Count && avroFields[i].Name == field.Name
                ? i
                : record.Schema.GetField(field.Name)?.Position ?? throw new AvroDataException($"The Avro record '{record.Schema.FullName}' has no field \"{field.Name}\".");
            try
            {
                result.Put(field, ToConnectData(field.Schema, record.Values[position]));
            }
            catch (AvroDataException e)
            {
                throw e.Within(field.Name);
            }
        }

        return result;
    }

    private Struct UnionToConnect(Schema schema, object value)
    {
        var fieldName = value switch
        {
            AvroRecord r => EnhancedSchemaSupport ? r.Schema.FullName : r.Schema.Name,
            AvroEnumSymbol e => EnhancedSchemaSupport ? e.Schema.FullName : e.Schema.Name,
            AvroFixed => "fixed",
            bool => "boolean",
            int => "int",
            long => "long",
            float => "float",
            double => "double",
            string => "string",
            byte[] => "bytes",
            IDictionary => "map",
            IList => "array",
            _ => null,
        };
        var field = fieldName is null ? null : schema.FindField(fieldName);
        if (field is null)
        {
            throw new AvroDataException($"Did not find a matching union field for data of type {value.GetType().FullName}.");
        }

        try
        {
            return new Struct(schema).Put(field, ToConnectData(field.Schema, value));
        }
        catch (AvroDataException e)
        {
            throw e.Within(field.Name);
        }
    }

    private static object RawToLogical(Schema schema, object value) => schema.Name switch
    {
        ConnectDecimal.LogicalName => value is byte[] bytes ? ConnectDecimal.ToLogical(schema, bytes) : throw Invalid(schema, value),
        ConnectDate.LogicalName => value is int days ? ConnectDate.ToLogical(schema, days) : throw Invalid(schema, value),
        ConnectTime.LogicalName => value is int millis ? ConnectTime.ToLogical(schema, millis) : throw Invalid(schema, value),
        ConnectTimestamp.LogicalName => value is long ms ? ConnectTimestamp.ToLogical(schema, ms) : throw Invalid(schema, value),
        _ => value,
    };

    private static AvroDataException Invalid(Schema schema, object value) =>
        new($"Invalid Avro value for Connect type {schema.Type}{(schema.Name is null ? string.Empty : $" ({schema.Name})")}: {value.GetType().FullName}.");

    // ---------------------------------------------------------------- schemaless values

    /// <summary>
    /// The Avro schema Confluent's converter uses for values without a Connect schema: a record
    /// <c>io.confluent.connect.avro.Anything</c> with one optional field per kind of value (boolean, bytes, double,
    /// float, int, long, string, array of Anything, map as an array of Anything key/value entries), of which one is set.
    /// </summary>
    public static RecordSchema AnythingSchema { get; } = BuildAnythingSchema();

    /// <summary>Whether an Avro schema is the schemaless <see cref="AnythingSchema"/>.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>Whether it has the Anything record's canonical form.</returns>
    public static bool IsAnythingSchema(AvroSchema schema) =>
        schema is RecordSchema { FullName: Namespace + ".Anything" } && AvroSchemaWriter.ToCanonicalForm(schema) == AnythingCanonicalForm;

    private static readonly string AnythingCanonicalForm = AvroSchemaWriter.ToCanonicalForm(AnythingSchema);

    /// <summary>Wraps a schemaless Connect value (null, numbers, booleans, strings, bytes, lists, maps) in Anything records.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The generic value of <see cref="AnythingSchema"/>.</returns>
    /// <exception cref="DataException">The value's type has no schemaless representation.</exception>
    public static AvroRecord FromSchemalessData(object? value)
    {
        var record = new AvroRecord(AnythingSchema);
        switch (value)
        {
            case null:
                break;
            case bool b:
                record["boolean"] = b;
                break;
            case byte[] or ReadOnlyMemory<byte>:
                record["bytes"] = BytesOf(value);
                break;
            case double d:
                record["double"] = d;
                break;
            case float f:
                record["float"] = f;
                break;
            case sbyte or short or int:
                record["int"] = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                break;
            case long l:
                record["long"] = l;
                break;
            case string text:
                record["string"] = text;
                break;
            case IDictionary map:
                var entrySchema = (RecordSchema)((ArraySchema)((UnionSchema)AnythingSchema.GetField("map")!.Schema).Branches[1]).Items;
                var entries = new List<object?>(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    entries.Add(new AvroRecord(entrySchema) { [KeyField] = FromSchemalessData(entry.Key), [ValueField] = FromSchemalessData(entry.Value) });
                }

                record["map"] = entries;
                break;
            case IList list:
                var items = new List<object?>(list.Count);
                foreach (var item in list)
                {
                    items.Add(FromSchemalessData(item));
                }

                record["array"] = items;
                break;
            default:
                throw new AvroDataException($"Unknown type for schemaless data: {value.GetType().FullName}.");
        }

        return record;
    }

    /// <summary>Unwraps an Anything record into a schemaless Connect value.</summary>
    /// <param name="value">A generic value of <see cref="AnythingSchema"/>.</param>
    /// <returns>The Connect value (null when no field is set).</returns>
    public static object? ToSchemalessData(object? value)
    {
        if (value is not AvroRecord record)
        {
            throw new AvroDataException("Invalid Avro data for schemaless Connect data.");
        }

        foreach (var name in (string[])["boolean", "bytes", "double", "float", "int", "long", "string"])
        {
            if (record[name] is { } simple)
            {
                return simple;
            }
        }

        if (record["array"] is IList array)
        {
            return array.Cast<object?>().Select(ToSchemalessData).ToList();
        }

        if (record["map"] is IList entries)
        {
            var map = new Dictionary<object, object?>(entries.Count, ConnectValueComparer.Instance);
            foreach (AvroRecord entry in entries)
            {
                var key = ToSchemalessData(entry[KeyField]) ?? throw new AvroDataException("A schemaless map has a null key; .NET dictionaries cannot hold null keys.");
                map[key] = ToSchemalessData(entry[ValueField]);
            }

            return map;
        }

        return null;
    }

    private static RecordSchema BuildAnythingSchema()
    {
        var anything = new RecordSchema("Anything", Namespace, null, null, null);
        var entry = new RecordSchema(MapEntryTypeName, Namespace, null, null, null);
        entry.SetFields([new AvroField(KeyField, 0, anything), new AvroField(ValueField, 1, anything)]);
        AvroField Optional(string name, int position, AvroSchema schema) =>
            new(name, position, new UnionSchema([PrimitiveSchema.Of(AvroType.Null), schema]), defaultValue: JsonNull);
        anything.SetFields(
        [
            Optional("boolean", 0, PrimitiveSchema.Of(AvroType.Boolean)),
            Optional("bytes", 1, PrimitiveSchema.Of(AvroType.Bytes)),
            Optional("double", 2, PrimitiveSchema.Of(AvroType.Double)),
            Optional("float", 3, PrimitiveSchema.Of(AvroType.Float)),
            Optional("int", 4, PrimitiveSchema.Of(AvroType.Int)),
            Optional("long", 5, PrimitiveSchema.Of(AvroType.Long)),
            Optional("string", 6, PrimitiveSchema.Of(AvroType.String)),
            Optional("array", 7, new ArraySchema(anything)),
            Optional("map", 8, new ArraySchema(entry)),
        ]);
        return anything;
    }

    // ---------------------------------------------------------------- helpers

    internal static bool IsUnionSchema(Schema schema) => schema.Type == SchemaType.Struct && schema.Name == UnionSchemaName;

    private static bool IsStringKeyed(Schema schema) => schema.KeySchema.Type == SchemaType.String && !schema.KeySchema.IsOptional;

    private static string? Parameter(Schema schema, string name) =>
        schema.Parameters is not null && schema.Parameters.TryGetValue(name, out var value) ? value : null;

    private static int? IntParameter(Schema schema, string name)
    {
        var text = Parameter(schema, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AvroDataException($"The schema parameter {name} must be an integer, not \"{text}\".");
    }

    /// <summary>A copy of a schema that is required instead of optional, keeping everything else.</summary>
    private static Schema NonOptional(Schema schema)
    {
        if (!schema.IsOptional)
        {
            return schema;
        }

        var builder = SchemaBuilder.CopyBasics(schema);
        if (schema.Type == SchemaType.Struct)
        {
            foreach (var field in schema.Fields)
            {
                builder.Field(field.Name, field.Schema);
            }
        }

        if (schema.DefaultValue is not null)
        {
            builder.DefaultValue(schema.DefaultValue);
        }

        return builder.Build();
    }

    private static byte[] BytesOf(object value) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        _ => throw new AvroDataException($"Expected bytes but got {value.GetType().FullName}."),
    };

    private static string Latin1(byte[] bytes) => string.Create(bytes.Length, bytes, static (span, b) =>
    {
        for (var i = 0; i < b.Length; i++)
        {
            span[i] = (char)b[i];
        }
    });

    private static byte[] Latin1Bytes(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = checked((byte)text[i]);
        }

        return bytes;
    }

    private sealed class FromContext
    {
        public Dictionary<Schema, AvroSchema> Converted { get; } = [];

        public Dictionary<string, NamedSchema> Names { get; } = new(StringComparer.Ordinal);

        public int NameIndex { get; set; }
    }
}
