using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// Writes Connect schemas and values as Kafka's JsonConverter does (<c>asJsonSchema</c> and <c>convertToJson</c>),
/// straight into a <see cref="Utf8JsonWriter"/> in the same member order.
/// </summary>
internal sealed class ConnectToJson
{
    // Per struct schema: its fields and their names escaped once; a schema that is collected takes its entry with it.
    private static readonly ConditionalWeakTable<Schema, StructLayout> Layouts = new();

    private readonly JsonConverterConfig _config;

    public ConnectToJson(JsonConverterConfig config)
    {
        _config = config;
    }

    /// <summary>Kafka's wire name of a schema type: <c>float</c> and <c>double</c> for the floating point types.</summary>
    /// <param name="type">The schema type.</param>
    /// <returns>The name used in the <c>type</c> member.</returns>
    public static string TypeName(SchemaType type) => type switch
    {
        SchemaType.Float32 => "float",
        SchemaType.Float64 => "double",
        _ => type.ToWireName(),
    };

    /// <summary>Kafka's name of a schema type in messages, e.g. <c>INT32</c>.</summary>
    /// <param name="type">The schema type.</param>
    /// <returns>The upper-case name.</returns>
    public static string MessageName(SchemaType type) => type.ToString().ToUpperInvariant();

    /// <summary>
    /// Writes a schema in the member order of Kafka's <c>asJsonSchema</c>: <c>type</c>; <c>items</c>, or <c>keys</c>
    /// and <c>values</c>, or <c>fields</c>; <c>optional</c>; then <c>name</c>, <c>version</c>, <c>doc</c>,
    /// <c>parameters</c> and <c>default</c> when set; and, for a struct field, <c>field</c> last.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="fieldName">The field name when the schema is a struct field's, else <see langword="null"/>.</param>
    public void WriteSchema(Utf8JsonWriter writer, Schema schema, string? fieldName = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, TypeName(schema.Type));
        switch (schema.Type)
        {
            case SchemaType.Array:
                writer.WritePropertyName("items"u8);
                WriteSchema(writer, schema.ValueSchema);
                break;
            case SchemaType.Map:
                writer.WritePropertyName("keys"u8);
                WriteSchema(writer, schema.KeySchema);
                writer.WritePropertyName("values"u8);
                WriteSchema(writer, schema.ValueSchema);
                break;
            case SchemaType.Struct:
                writer.WriteStartArray("fields"u8);
                foreach (var field in schema.Fields)
                {
                    WriteSchema(writer, field.Schema, field.Name);
                }

                writer.WriteEndArray();
                break;
        }

        writer.WriteBoolean("optional"u8, schema.IsOptional);
        if (schema.Name is not null)
        {
            writer.WritePropertyName("name"u8);
            JacksonText.WriteString(writer, schema.Name);
        }

        if (schema.Version is { } version)
        {
            writer.WriteNumber("version"u8, version);
        }

        if (schema.Doc is not null)
        {
            writer.WritePropertyName("doc"u8);
            JacksonText.WriteString(writer, schema.Doc);
        }

        if (schema.Parameters is not null)
        {
            writer.WriteStartObject("parameters"u8);
            foreach (var (key, value) in schema.Parameters)
            {
                writer.WritePropertyName(key);
                JacksonText.WriteString(writer, value);
            }

            writer.WriteEndObject();
        }

        if (schema.DefaultValue is not null)
        {
            writer.WritePropertyName("default"u8);
            try
            {
                WriteValue(writer, schema, schema.DefaultValue, isDefault: true);
            }
            catch (DataException e)
            {
                throw new DataException($"Cannot write the default value of {schema}: {e.Message}", e);
            }
        }

        if (fieldName is not null)
        {
            writer.WritePropertyName("field"u8);
            JacksonText.WriteString(writer, fieldName);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a value as Kafka's <c>convertToJson</c> does; a null schema means schemaless.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="schema">The schema, or <see langword="null"/>.</param>
    /// <param name="value">The value.</param>
    /// <param name="isDefault">Whether the value is the schema's own default, whose struct cannot carry the final schema.</param>
    /// <exception cref="DataException">The value does not match the schema; nested errors name the field.</exception>
    public void WriteValue(Utf8JsonWriter writer, Schema? schema, object? value, bool isDefault = false)
    {
        if (value is null)
        {
            WriteNull(writer, schema);
            return;
        }

        if (schema?.Name is { } logicalName && TryWriteLogical(writer, schema, logicalName, value))
        {
            return;
        }

        var type = schema?.Type
            ?? Schema.SchemaTypeFor(value.GetType())
            ?? throw new DataException($".NET type {value.GetType()} does not have corresponding schema type.");
        switch (type)
        {
            case SchemaType.Int8:
                writer.WriteNumberValue(value is sbyte int8 ? int8 : throw InvalidType(schema, value));
                break;
            case SchemaType.Int16:
                writer.WriteNumberValue(value is short int16 ? int16 : throw InvalidType(schema, value));
                break;
            case SchemaType.Int32:
                writer.WriteNumberValue(value is int int32 ? int32 : throw InvalidType(schema, value));
                break;
            case SchemaType.Int64:
                writer.WriteNumberValue(value is long int64 ? int64 : throw InvalidType(schema, value));
                break;
            case SchemaType.Float32:
                WriteFloat(writer, value is float float32 ? float32 : throw InvalidType(schema, value));
                break;
            case SchemaType.Float64:
                WriteDouble(writer, value is double float64 ? float64 : throw InvalidType(schema, value));
                break;
            case SchemaType.Boolean:
                writer.WriteBooleanValue(value is bool boolean ? boolean : throw InvalidType(schema, value));
                break;
            case SchemaType.String:
                JacksonText.WriteString(writer, value as string ?? throw InvalidType(schema, value));
                break;
            case SchemaType.Bytes:
                WriteBytes(writer, schema, value);
                break;
            case SchemaType.Array:
                WriteArray(writer, schema, value as IList ?? throw InvalidType(schema, value));
                break;
            case SchemaType.Map:
                WriteMap(writer, schema, value as IDictionary ?? throw InvalidType(schema, value));
                break;
            case SchemaType.Struct:
                WriteStruct(writer, schema, value as Struct ?? throw InvalidType(schema, value), isDefault);
                break;
        }
    }

    private void WriteNull(Utf8JsonWriter writer, Schema? schema)
    {
        if (schema is null)
        {
            writer.WriteNullValue();
        }
        else if (schema.DefaultValue is not null && _config.ReplaceNullWithDefault)
        {
            WriteValue(writer, schema, schema.DefaultValue, isDefault: true);
        }
        else if (schema.IsOptional)
        {
            writer.WriteNullValue();
        }
        else
        {
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
    }

    private bool TryWriteLogical(Utf8JsonWriter writer, Schema schema, string logicalName, object value)
    {
        switch (logicalName)
        {
            case ConnectDecimal.LogicalName:
                if (value is not decimal number)
                {
                    throw new DataException($"Invalid type for Decimal, expected System.Decimal but was {value.GetType()}");
                }

                if (_config.DecimalFormat == DecimalFormat.Numeric)
                {
                    var unscaled = ConnectDecimal.Unscaled(number, ConnectDecimal.ScaleOf(schema));
                    var text = JavaNumberFormat.BigDecimalToString(unscaled, ConnectDecimal.ScaleOf(schema));
                    writer.WriteRawValue(text, skipInputValidation: true);
                }
                else
                {
                    writer.WriteBase64StringValue(ConnectDecimal.FromLogical(schema, number));
                }

                return true;
            case ConnectDate.LogicalName:
                writer.WriteNumberValue(value switch
                {
                    DateTime date => ConnectDate.FromLogical(schema, date),
                    DateOnly date => ConnectDate.FromLogical(schema, date),
                    _ => throw new DataException($"Invalid type for Date, expected System.DateTime but was {value.GetType()}"),
                });
                return true;
            case ConnectTime.LogicalName:
                writer.WriteNumberValue(value switch
                {
                    DateTime time => ConnectTime.FromLogical(schema, time),
                    TimeOnly time => ConnectTime.FromLogical(schema, time),
                    _ => throw new DataException($"Invalid type for Time, expected System.DateTime but was {value.GetType()}"),
                });
                return true;
            case ConnectTimestamp.LogicalName:
                writer.WriteNumberValue(value switch
                {
                    DateTime timestamp => ConnectTimestamp.FromLogical(schema, timestamp),
                    DateTimeOffset timestamp => ConnectTimestamp.FromLogical(schema, timestamp),
                    _ => throw new DataException($"Invalid type for Timestamp, expected System.DateTime but was {value.GetType()}"),
                });
                return true;
            default:
                return false;
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (!float.IsFinite(value))
        {
            // Jackson quotes non-finite numbers by default, with Java's names.
            writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            return;
        }

        Span<byte> text = stackalloc byte[JavaNumberFormat.MaxLength];
        var length = JavaNumberFormat.Format(value, text);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            return;
        }

        Span<byte> text = stackalloc byte[JavaNumberFormat.MaxLength];
        var length = JavaNumberFormat.Format(value, text);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteBytes(Utf8JsonWriter writer, Schema? schema, object value)
    {
        switch (value)
        {
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                writer.WriteBase64StringValue(memory.Span);
                break;
            default:
                throw InvalidType(schema, value);
        }
    }

    private void WriteArray(Utf8JsonWriter writer, Schema? schema, IList list)
    {
        var elementSchema = schema?.ValueSchema;
        writer.WriteStartArray();
        for (var i = 0; i < list.Count; i++)
        {
            try
            {
                WriteValue(writer, elementSchema, list[i]);
            }
            catch (DataException e)
            {
                throw FieldPathException.Under(string.Create(CultureInfo.InvariantCulture, $"[{i}]"), e);
            }
        }

        writer.WriteEndArray();
    }

    private void WriteMap(Utf8JsonWriter writer, Schema? schema, IDictionary map)
    {
        var keySchema = schema?.KeySchema;
        var valueSchema = schema?.ValueSchema;
        var objectMode = schema is not null ? keySchema!.Type == SchemaType.String : AllKeysAreStrings(map);
        if (objectMode)
        {
            writer.WriteStartObject();
            foreach (DictionaryEntry entry in map)
            {
                var key = entry.Key as string ?? throw InvalidType(keySchema, entry.Key);
                writer.WritePropertyName(key);
                try
                {
                    WriteValue(writer, valueSchema, entry.Value);
                }
                catch (DataException e)
                {
                    throw FieldPathException.Under($"[{key}]", e);
                }
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        foreach (DictionaryEntry entry in map)
        {
            try
            {
                writer.WriteStartArray();
                WriteValue(writer, keySchema, entry.Key);
                WriteValue(writer, valueSchema, entry.Value);
                writer.WriteEndArray();
            }
            catch (DataException e)
            {
                throw FieldPathException.Under(string.Create(CultureInfo.InvariantCulture, $"[{entry.Key}]"), e);
            }
        }

        writer.WriteEndArray();
    }

    private void WriteStruct(Utf8JsonWriter writer, Schema? schema, Struct value, bool isDefault)
    {
        if (schema is null
            || (!ReferenceEquals(value.Schema, schema) && !value.Schema.Equals(schema)
                && !(isDefault && value.Schema.Fields.SequenceEqual(schema.Fields))))
        {
            var expected = schema is null ? "no schema" : $"the schema {schema}";
            throw new DataException($"Mismatching schema: the struct's schema {value.Schema} is not {expected}.");
        }

        writer.WriteStartObject();
        var (fields, names) = Layouts.TryGetValue(schema, out var cached) ? cached : Layouts.GetValue(schema, StructLayout.Of);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (names[i] is { } name)
            {
                writer.WritePropertyName(name);
            }
            else
            {
                writer.WritePropertyName(field.Name);
            }

            try
            {
                // Kafka 3.5+ reads the raw slot so that replace.null.with.default=false writes null, not the default.
                var fieldValue = _config.ReplaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field);
                WriteValue(writer, field.Schema, fieldValue);
            }
            catch (DataException e)
            {
                throw FieldPathException.Under(field.Name, e);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A struct schema's fields as an array, and their names as the writer would escape them, with
    /// <see cref="JacksonText.Encoder"/>; a name holding a surrogate stays <see langword="null"/> and is written as a
    /// string each time.</summary>
    private sealed record StructLayout(Field[] Fields, JsonEncodedText?[] Names)
    {
        public static StructLayout Of(Schema schema) => new(
            [.. schema.Fields],
            [.. schema.Fields.Select(f => JacksonText.HasSurrogate(f.Name) ? (JsonEncodedText?)null : JsonEncodedText.Encode(f.Name, JacksonText.Encoder))]);
    }

    private static bool AllKeysAreStrings(IDictionary map)
    {
        foreach (var key in map.Keys)
        {
            if (key is not string)
            {
                return false;
            }
        }

        return true;
    }

    private static DataException InvalidType(Schema? schema, object? value) =>
        new($"Invalid type for {(schema is null ? "unknown schema" : MessageName(schema.Type))}: {value?.GetType().ToString() ?? "null"}");
}
