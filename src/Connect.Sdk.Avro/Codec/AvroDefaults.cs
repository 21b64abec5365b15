using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Connect.Sdk.Avro.Codec;

/// <summary>Turns a field's JSON default into a generic value, following the specification's table of default encodings.</summary>
internal static class AvroDefaults
{
    /// <summary>Converts a JSON default to a generic value of <paramref name="schema"/>.</summary>
    /// <param name="json">The default as JSON.</param>
    /// <param name="schema">The field's schema; for a union the default normally belongs to the first branch.</param>
    /// <returns>The generic value.</returns>
    /// <exception cref="AvroException">The JSON is not a valid default for the schema.</exception>
    public static object? ToGeneric(JsonElement json, AvroSchema schema)
    {
        switch (schema)
        {
            case UnionSchema union:
                // The specification says the default belongs to the first branch; accept a later one as newer
                // versions of the specification and several implementations do.
                AvroException? first = null;
                foreach (var branch in union.Branches)
                {
                    try
                    {
                        return ToGeneric(json, branch);
                    }
                    catch (AvroException e)
                    {
                        first ??= e;
                    }
                }

                throw first ?? Invalid(json, schema);
            case RecordSchema record:
                if (json.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(json, schema);
                }

                var value = new AvroRecord(record);
                foreach (var field in record.Fields)
                {
                    if (json.TryGetProperty(field.Name, out var fieldJson))
                    {
                        value.Values[field.Position] = ToGeneric(fieldJson, field.Schema);
                    }
                    else if (field.DefaultValue is { } fieldDefault)
                    {
                        value.Values[field.Position] = ToGeneric(fieldDefault, field.Schema);
                    }
                    else
                    {
                        throw new AvroException($"The default value for record '{record.FullName}' lacks field '{field.Name}', which has no default of its own.");
                    }
                }

                return value;
            case EnumSchema enumSchema:
                if (json.ValueKind == JsonValueKind.String && enumSchema.IndexOf(json.GetString()!) >= 0)
                {
                    return new AvroEnumSymbol(enumSchema, json.GetString()!);
                }

                throw Invalid(json, schema);
            case FixedSchema fixedSchema:
                var fixedBytes = json.ValueKind == JsonValueKind.String ? Latin1(json.GetString()!, schema) : throw Invalid(json, schema);
                return fixedBytes.Length == fixedSchema.Size ? new AvroFixed(fixedSchema, fixedBytes) : throw Invalid(json, schema);
            case ArraySchema array:
                if (json.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(json, schema);
                }

                var list = new List<object?>(json.GetArrayLength());
                foreach (var item in json.EnumerateArray())
                {
                    list.Add(ToGeneric(item, array.Items));
                }

                return list;
            case MapSchema map:
                if (json.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(json, schema);
                }

                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    dictionary[property.Name] = ToGeneric(property.Value, map.Values);
                }

                return dictionary;
        }

        return schema.Type switch
        {
            AvroType.Null => json.ValueKind == JsonValueKind.Null ? null : throw Invalid(json, schema),
            AvroType.Boolean => json.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(json, schema),
            },
            AvroType.Int => json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? i : throw Invalid(json, schema),
            AvroType.Long => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : throw Invalid(json, schema),
            AvroType.Float => (float)Floating(json, schema),
            AvroType.Double => Floating(json, schema),
            AvroType.Bytes => json.ValueKind == JsonValueKind.String ? Latin1(json.GetString()!, schema) : throw Invalid(json, schema),
            AvroType.String => json.ValueKind == JsonValueKind.String ? json.GetString() : throw Invalid(json, schema),
            _ => throw Invalid(json, schema),
        };
    }

    /// <summary>Whether a JSON default is valid for a schema.</summary>
    /// <param name="json">The default.</param>
    /// <param name="schema">The schema.</param>
    /// <returns>Whether <see cref="ToGeneric"/> accepts it.</returns>
    public static bool IsValid(JsonElement json, AvroSchema schema)
    {
        try
        {
            ToGeneric(json, schema);
            return true;
        }
        catch (AvroException)
        {
            return false;
        }
    }

    /// <summary>A copy of a default value that the caller may change without affecting later reads.</summary>
    /// <param name="value">A generic value.</param>
    /// <returns>The value itself when immutable, otherwise a deep copy.</returns>
    public static object? Copy(object? value) => value switch
    {
        null or string or bool or int or long or float or double or AvroEnumSymbol => value,
        byte[] bytes => bytes.Clone(),
        AvroFixed f => new AvroFixed(f.Schema, (byte[])f.Bytes.Clone()),
        AvroRecord record => CopyRecord(record),
        Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Copy(e.Value), StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select(Copy).ToList(),
        _ => value,
    };

    private static AvroRecord CopyRecord(AvroRecord record)
    {
        var copy = new AvroRecord(record.Schema);
        for (var i = 0; i < record.Values.Length; i++)
        {
            copy.Values[i] = Copy(record.Values[i]);
        }

        return copy;
    }

    private static double Floating(JsonElement json, AvroSchema schema)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            return json.GetDouble();
        }

        // Java writes non-finite defaults as strings.
        if (json.ValueKind == JsonValueKind.String)
        {
            switch (json.GetString())
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
        }

        throw Invalid(json, schema);
    }

    private static byte[] Latin1(string text, AvroSchema schema)
    {
        // Bytes and fixed defaults are strings whose code points 0-255 are the byte values.
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                throw new AvroException($"Invalid default for {AvroSchema.TypeName(schema.Type)}: the character U+{(int)text[i]:X4} is not in the range 0-255.");
            }

            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static AvroException Invalid(JsonElement json, AvroSchema schema)
    {
        var text = json.GetRawText();
        if (text.Length > 60)
        {
            text = string.Concat(text.AsSpan(0, 57), "...");
        }

        var type = schema is NamedSchema named ? $"{AvroSchema.TypeName(schema.Type)} '{named.FullName}'" : AvroSchema.TypeName(schema.Type);
        return new AvroException(string.Create(CultureInfo.InvariantCulture, $"Invalid default value {text} for the Avro type {type}."));
    }
}
