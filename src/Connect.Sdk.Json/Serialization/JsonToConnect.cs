using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// Reads Kafka's JSON schemas into <see cref="Schema"/>s (<c>asConnectSchema</c>) and JSON values into Connect values
/// (<c>convertToConnect</c>), streaming values from a <see cref="Utf8JsonReader"/>.
/// </summary>
/// <remarks>
/// Where Kafka silently coerces a JSON value that does not fit the schema (a string read as int32 becomes 0, 300 read
/// as int8 wraps, a fraction read as an integer is truncated) this reader throws a <see cref="DataException"/> that
/// names the field instead.
/// </remarks>
internal sealed class JsonToConnect
{
    private const int MaxDecimalScale = 28;

    private readonly JsonConverterConfig _config;

    public JsonToConnect(JsonConverterConfig config)
    {
        _config = config;
    }

    /// <summary>Reader settings: Jackson's default nesting limit, no comments, no trailing commas.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = 1000 };

    /// <summary>Document settings matching <see cref="ReaderOptions"/>.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 1000 };

    /// <summary>Reads a JSON schema as Kafka's <c>asConnectSchema</c> does; JSON null means no schema.</summary>
    /// <param name="json">The schema JSON.</param>
    /// <returns>The schema, or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The schema JSON is not a valid schema.</exception>
    public Schema? ReadSchema(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("type"u8, out var typeNode)
            || typeNode.ValueKind != JsonValueKind.String)
        {
            throw new DataException("Schema must contain 'type' field");
        }

        var typeName = GetString(typeNode);
        var builder = typeName switch
        {
            "boolean" => SchemaBuilder.Boolean(),
            "int8" => SchemaBuilder.Int8(),
            "int16" => SchemaBuilder.Int16(),
            "int32" => SchemaBuilder.Int32(),
            "int64" => SchemaBuilder.Int64(),
            "float" => SchemaBuilder.Float32(),
            "double" => SchemaBuilder.Float64(),
            "bytes" => SchemaBuilder.Bytes(),
            "string" => SchemaBuilder.String(),
            "array" => SchemaBuilder.Array(ReadRequiredSchema(json, "items"u8, "Array schema did not specify the element type")),
            "map" => SchemaBuilder.Map(
                ReadRequiredSchema(json, "keys"u8, "Map schema did not specify the key type"),
                ReadRequiredSchema(json, "values"u8, "Map schema did not specify the value type")),
            "struct" => ReadStructSchema(json),
            _ => throw new DataException($"Unknown schema type: {typeName}"),
        };

        if (json.TryGetProperty("optional"u8, out var optional) && optional.ValueKind == JsonValueKind.True)
        {
            builder.Optional();
        }
        else
        {
            builder.Required();
        }

        if (json.TryGetProperty("name"u8, out var name) && name.ValueKind == JsonValueKind.String)
        {
            builder.Name(GetString(name));
        }

        if (json.TryGetProperty("version"u8, out var version) && version.ValueKind == JsonValueKind.Number
            && IsIntegralText(JsonMarshal.GetRawUtf8Value(version)) && version.TryGetInt64(out var versionNumber))
        {
            builder.Version(unchecked((int)versionNumber));
        }

        if (json.TryGetProperty("doc"u8, out var doc) && doc.ValueKind == JsonValueKind.String)
        {
            builder.Doc(GetString(doc));
        }

        if (json.TryGetProperty("parameters"u8, out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                if (parameter.Value.ValueKind != JsonValueKind.String)
                {
                    throw new DataException("Schema parameters must have string values.");
                }

                builder.Parameter(parameter.Name, GetString(parameter.Value));
            }
        }

        if (json.TryGetProperty("default"u8, out var defaultJson))
        {
            var withoutDefault = builder.Build();
            var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(defaultJson), ReaderOptions);
            reader.Read();
            builder.DefaultValue(ReadValue(ref reader, withoutDefault));
        }

        return builder.Build();
    }

    /// <summary>Reads the value the reader is on; a null schema reads schemaless values.</summary>
    /// <param name="reader">A reader positioned on the first token of the value.</param>
    /// <param name="schema">The schema, or <see langword="null"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DataException">The value does not match the schema; nested errors name the field.</exception>
    public object? ReadValue(ref Utf8JsonReader reader, Schema? schema)
    {
        if (schema is null)
        {
            return ReadSchemaless(ref reader);
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return ReadNull(schema);
        }

        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName:
                return ReadDecimal(ref reader, schema);
            case ConnectDate.LogicalName:
                return ConnectDate.ToLogical(schema, reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var days)
                    ? days
                    : throw new DataException($"Invalid type for Date, underlying representation should be integer but was {NodeType(reader.TokenType)}"));
            case ConnectTime.LogicalName:
                return ConnectTime.ToLogical(schema, reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var millis)
                    ? millis
                    : throw new DataException($"Invalid type for Time, underlying representation should be integer but was {NodeType(reader.TokenType)}"));
            case ConnectTimestamp.LogicalName:
                return ConnectTimestamp.ToLogical(schema, reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var timestamp)
                    ? timestamp
                    : throw new DataException($"Invalid type for Timestamp, underlying representation should be integral but was {NodeType(reader.TokenType)}"));
        }

        return schema.Type switch
        {
            SchemaType.Boolean => reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw Mismatch(schema, "a boolean", reader.TokenType),
            },
            SchemaType.Int8 => (sbyte)ReadInteger(ref reader, schema, sbyte.MinValue, sbyte.MaxValue),
            SchemaType.Int16 => (short)ReadInteger(ref reader, schema, short.MinValue, short.MaxValue),
            SchemaType.Int32 => (int)ReadInteger(ref reader, schema, int.MinValue, int.MaxValue),
            SchemaType.Int64 => ReadInteger(ref reader, schema, long.MinValue, long.MaxValue),
            SchemaType.Float32 => ReadFloat32(ref reader, schema),
            SchemaType.Float64 => ReadFloat64(ref reader, schema),
            SchemaType.String => reader.TokenType == JsonTokenType.String
                ? ReadString(ref reader)
                : throw Mismatch(schema, "a string", reader.TokenType),
            SchemaType.Bytes => ReadBytes(ref reader, schema),
            SchemaType.Array => ReadArray(ref reader, schema),
            SchemaType.Map => schema.KeySchema.Type == SchemaType.String
                ? ReadStringKeyedMap(ref reader, schema.ValueSchema)
                : ReadPairMap(ref reader, schema),
            _ => ReadStruct(ref reader, schema),
        };
    }

    /// <summary>The text of a string or property-name token, allowing escaped unpaired surrogates as Jackson does.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The string.</returns>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            return JacksonText.UnescapeLenient(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    /// <summary>Jackson's name of the node type a token starts, as Kafka's messages print it.</summary>
    /// <param name="token">The token type.</param>
    /// <returns>E.g. <c>OBJECT</c> or <c>NUMBER</c>.</returns>
    public static string NodeType(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "OBJECT",
        JsonTokenType.StartArray => "ARRAY",
        JsonTokenType.String => "STRING",
        JsonTokenType.Number => "NUMBER",
        JsonTokenType.True or JsonTokenType.False => "BOOLEAN",
        JsonTokenType.Null => "NULL",
        _ => token.ToString().ToUpperInvariant(),
    };

    private static string GetString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            return JacksonText.UnescapeLenient(raw[1..^1]);
        }
    }

    private Schema ReadRequiredSchema(JsonElement json, ReadOnlySpan<byte> member, string error)
    {
        if (!json.TryGetProperty(member, out var node) || node.ValueKind == JsonValueKind.Null)
        {
            throw new DataException(error);
        }

        return ReadSchema(node)!;
    }

    private SchemaBuilder ReadStructSchema(JsonElement json)
    {
        var builder = SchemaBuilder.Struct();
        if (!json.TryGetProperty("fields"u8, out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }

        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object
                || !field.TryGetProperty("field"u8, out var fieldName)
                || fieldName.ValueKind != JsonValueKind.String)
            {
                throw new DataException("Struct schema's field name not specified properly");
            }

            var name = GetString(fieldName);
            try
            {
                builder.Field(name, ReadSchema(field)!);
            }
            catch (DataException e) when (e is not SchemaBuilderException)
            {
                throw FieldPathException.Under(name, e);
            }
        }

        return builder;
    }

    private object? ReadNull(Schema schema)
    {
        if (schema.DefaultValue is not null && _config.ReplaceNullWithDefault)
        {
            return schema.DefaultValue;
        }

        if (schema.IsOptional)
        {
            return null;
        }

        throw new DataException($"Invalid null value for required {ConnectToJson.MessageName(schema.Type)} field");
    }

    private object? ReadSchemaless(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return ReadString(ref reader);
            case JsonTokenType.Number:
                if (!IsIntegralText(reader.ValueSpan))
                {
                    return double.Parse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
                }

                return reader.TryGetInt64(out var integer)
                    ? integer
                    : throw new DataException(
                        $"Integer {Encoding.UTF8.GetString(reader.ValueSpan)} does not fit INT64, the type of schemaless integers.");
            case JsonTokenType.StartArray:
                return ReadArray(ref reader, null);
            case JsonTokenType.StartObject:
                return ReadStringKeyedMap(ref reader, null);
            default:
                throw new DataException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static long ReadInteger(ref Utf8JsonReader reader, Schema schema, long min, long max)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Mismatch(schema, "an integer", reader.TokenType);
        }

        if (reader.TryGetInt64(out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }
        }
        else if (!IsIntegralText(reader.ValueSpan)
            && decimal.TryParse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number >= min && number <= max)
        {
            // Integral values written in floating point form, such as 12.0 or 1e2.
            return (long)number;
        }

        throw new DataException(
            $"Invalid value for {ConnectToJson.MessageName(schema.Type)}: {Encoding.UTF8.GetString(reader.ValueSpan)} is not an integer in its range");
    }

    private static float ReadFloat32(ref Utf8JsonReader reader, Schema schema)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return float.Parse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return reader.TokenType == JsonTokenType.String && TryReadNonFinite(ref reader, out var special)
            ? (float)special
            : throw Mismatch(schema, "a number", reader.TokenType);
    }

    private static double ReadFloat64(ref Utf8JsonReader reader, Schema schema)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return double.Parse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return reader.TokenType == JsonTokenType.String && TryReadNonFinite(ref reader, out var special)
            ? special
            : throw Mismatch(schema, "a number", reader.TokenType);
    }

    /// <summary>Jackson writes NaN and the infinities as the strings Java prints for them; they are read back here.</summary>
    private static bool TryReadNonFinite(ref Utf8JsonReader reader, out double value)
    {
        if (reader.ValueTextEquals("NaN"u8))
        {
            value = double.NaN;
        }
        else if (reader.ValueTextEquals("Infinity"u8))
        {
            value = double.PositiveInfinity;
        }
        else if (reader.ValueTextEquals("-Infinity"u8))
        {
            value = double.NegativeInfinity;
        }
        else
        {
            value = 0;
            return false;
        }

        return true;
    }

    private static byte[] ReadBytes(ref Utf8JsonReader reader, Schema schema)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Mismatch(schema, "a base64 string", reader.TokenType);
        }

        return reader.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new DataException("Invalid bytes field: the string is not valid base64");
    }

    private static decimal ReadDecimal(ref Utf8JsonReader reader, Schema schema)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return ParseDecimal(reader.ValueSpan);
            case JsonTokenType.String:
                try
                {
                    if (!reader.TryGetBytesFromBase64(out var bytes))
                    {
                        throw new DataException("The string is not valid base64.");
                    }

                    return ConnectDecimal.ToLogical(schema, bytes);
                }
                catch (DataException e)
                {
                    throw new DataException($"Invalid bytes for Decimal field: {e.Message}", e);
                }

            default:
                throw new DataException(
                    $"Invalid type for Decimal, underlying representation should be numeric or bytes but was {NodeType(reader.TokenType)}");
        }
    }

    /// <summary>Reads a JSON number exactly, keeping its scale as Java's BigDecimal does (1.5600 has scale 4).</summary>
    private static decimal ParseDecimal(ReadOnlySpan<byte> text)
    {
        var exponentAt = text.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        long exponent = 0;
        if (exponentAt >= 0
            && !long.TryParse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            throw DecimalDoesNotFit(text);
        }

        var negative = mantissa[0] == (byte)'-';
        if (negative)
        {
            mantissa = mantissa[1..];
        }

        var pointAt = mantissa.IndexOf((byte)'.');
        var fractionDigits = pointAt < 0 ? 0 : mantissa.Length - pointAt - 1;
        var digits = new char[mantissa.Length];
        var count = 0;
        foreach (var b in mantissa)
        {
            if (b != (byte)'.')
            {
                digits[count++] = (char)b;
            }
        }

        var unscaled = BigInteger.Parse(digits.AsSpan(0, count), NumberStyles.None, CultureInfo.InvariantCulture);
        var scale = fractionDigits - exponent;
        if (scale < 0)
        {
            if (-scale > MaxDecimalScale + 1)
            {
                throw DecimalDoesNotFit(text);
            }

            unscaled *= BigInteger.Pow(10, (int)-scale);
            scale = 0;
        }

        while (scale > MaxDecimalScale && !unscaled.IsZero && (unscaled % 10).IsZero)
        {
            unscaled /= 10;
            scale--;
        }

        if (scale > MaxDecimalScale && unscaled.IsZero)
        {
            scale = MaxDecimalScale;
        }

        if (scale > MaxDecimalScale)
        {
            throw DecimalDoesNotFit(text);
        }

        return ConnectDecimal.FromUnscaled(negative ? -unscaled : unscaled, (int)scale);
    }

    private List<object?> ReadArray(ref Utf8JsonReader reader, Schema? schema)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new DataException($"Arrays should be encoded as JSON arrays, but found {NodeType(reader.TokenType)}");
        }

        var elementSchema = schema?.ValueSchema;
        var list = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                list.Add(ReadValue(ref reader, elementSchema));
            }
            catch (DataException e)
            {
                throw FieldPathException.Under(string.Create(CultureInfo.InvariantCulture, $"[{list.Count}]"), e);
            }
        }

        return list;
    }

    private Dictionary<string, object?> ReadStringKeyedMap(ref Utf8JsonReader reader, Schema? valueSchema)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DataException($"Maps with string fields should be encoded as JSON objects, but found {NodeType(reader.TokenType)}");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = ReadString(ref reader);
            reader.Read();
            try
            {
                map[key] = ReadValue(ref reader, valueSchema);
            }
            catch (DataException e)
            {
                throw FieldPathException.Under($"[{key}]", e);
            }
        }

        return map;
    }

    private Dictionary<object, object?> ReadPairMap(ref Utf8JsonReader reader, Schema schema)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new DataException(
                $"Maps with non-string fields should be encoded as JSON array of tuples, but found {NodeType(reader.TokenType)}");
        }

        var map = new Dictionary<object, object?>(ConnectValueComparer.Instance);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new DataException($"Found invalid map entry instead of array tuple: {NodeType(reader.TokenType)}");
            }

            object? key = null;
            object? value = null;
            var length = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                try
                {
                    switch (length)
                    {
                        case 0:
                            key = ReadValue(ref reader, schema.KeySchema);
                            break;
                        case 1:
                            value = ReadValue(ref reader, schema.ValueSchema);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }
                catch (DataException e)
                {
                    throw FieldPathException.Under(string.Create(CultureInfo.InvariantCulture, $"[{index}]"), e);
                }

                length++;
            }

            if (length != 2)
            {
                throw new DataException($"Found invalid map entry, expected length 2 but found {length}");
            }

            map[key ?? throw new DataException("Map keys cannot be null: .NET dictionaries have no null key.")] = value;
            index++;
        }

        return map;
    }

    private Struct ReadStruct(ref Utf8JsonReader reader, Schema schema)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DataException($"Structs should be encoded as JSON objects, but found {NodeType(reader.TokenType)}");
        }

        var fields = schema.Fields;
        var values = ArrayPool<object?>.Shared.Rent(Math.Max(fields.Count, 1));
        try
        {
            Array.Clear(values, 0, fields.Count);
            var next = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = MatchField(ref reader, fields, ref next);
                reader.Read();
                if (field is null)
                {
                    // Members the schema does not name are ignored, as Kafka does.
                    reader.Skip();
                    continue;
                }

                try
                {
                    values[field.Index] = reader.TokenType == JsonTokenType.Null ? null : ReadValue(ref reader, field.Schema);
                }
                catch (DataException e)
                {
                    throw FieldPathException.Under(field.Name, e);
                }
            }

            var result = new Struct(schema);
            foreach (var field in fields)
            {
                try
                {
                    result.Put(field, values[field.Index] ?? ReadNull(field.Schema));
                }
                catch (DataException e)
                {
                    throw FieldPathException.Under(field.Name, e);
                }
            }

            return result;
        }
        finally
        {
            Array.Clear(values, 0, fields.Count);
            ArrayPool<object?>.Shared.Return(values);
        }
    }

    /// <summary>Finds the schema field a property names, trying the next field in order first.</summary>
    private static Field? MatchField(ref Utf8JsonReader reader, IReadOnlyList<Field> fields, ref int next)
    {
        if (next < fields.Count && reader.ValueTextEquals(fields[next].Name))
        {
            return fields[next++];
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (reader.ValueTextEquals(fields[i].Name))
            {
                next = i + 1;
                return fields[i];
            }
        }

        return null;
    }

    private static bool IsIntegralText(ReadOnlySpan<byte> number) => number.IndexOfAny("eE."u8) < 0;

    private static DataException Mismatch(Schema schema, string expected, JsonTokenType found) =>
        new($"Invalid value for {ConnectToJson.MessageName(schema.Type)}: expected {expected} but found {NodeType(found)}");

    private static DataException DecimalDoesNotFit(ReadOnlySpan<byte> text) =>
        new($"Decimal value {Encoding.UTF8.GetString(text)} does not fit System.Decimal (28 decimal places at most).");
}
