using System.Buffers;
using System.Text;
using System.Text.Json;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Storage;

/// <summary>
/// Serializes source partitions and offsets as Kafka Connect stores them: the key
/// <c>["&lt;connector&gt;",{&lt;partition&gt;}]</c> and the offset <c>{…}</c>, in compact JSON as Kafka's schemaless
/// JsonConverter writes them. Map keys are written in ordinal order so a partition always has the same key text.
/// </summary>
public static class OffsetCodec
{
    /// <summary>Serializes the storage key of a source partition.</summary>
    /// <param name="connector">The connector name.</param>
    /// <param name="partition">The source partition.</param>
    /// <returns>The key text.</returns>
    /// <exception cref="DataException">The partition holds a value that is not a primitive.</exception>
    public static string SerializeKey(string connector, IReadOnlyDictionary<string, object?> partition)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(partition);
        return Write(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStringValue(connector);
            WriteMap(writer, partition, "partition");
            writer.WriteEndArray();
        });
    }

    /// <summary>Serializes an offset.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The offset text.</returns>
    /// <exception cref="DataException">The offset holds a value that is not a primitive.</exception>
    public static string SerializeOffset(IReadOnlyDictionary<string, object?> offset)
    {
        ArgumentNullException.ThrowIfNull(offset);
        return Write(writer => WriteMap(writer, offset, "offset"));
    }

    /// <summary>Reads a storage key back into its connector name and source partition.</summary>
    /// <param name="key">The key text.</param>
    /// <returns>The connector and partition, or <see langword="null"/> when the text is not a valid key.</returns>
    public static (string Connector, IReadOnlyDictionary<string, object?> Partition)? DeserializeKey(string key)
    {
        try
        {
            using var document = JsonDocument.Parse(key);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2
                || root[0].ValueKind != JsonValueKind.String || root[1].ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return (root[0].GetString()!, ReadMap(root[1]));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads an offset back. Integral numbers come back as <see cref="long"/>, others as <see cref="double"/>.</summary>
    /// <param name="offset">The offset text.</param>
    /// <returns>The offset.</returns>
    /// <exception cref="DataException">The text is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, object?> DeserializeOffset(string offset)
    {
        try
        {
            using var document = JsonDocument.Parse(offset);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataException($"A stored source offset must be a JSON object, but was: {offset}");
            }

            return ReadMap(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new DataException($"A stored source offset is not valid JSON: {offset}", e);
        }
    }

    /// <summary>Checks that a partition or offset map holds only primitive values.</summary>
    /// <param name="map">The map.</param>
    /// <param name="what">"partition" or "offset", for the message.</param>
    /// <exception cref="DataException">A value is not a string, number, boolean or null.</exception>
    public static void Validate(IReadOnlyDictionary<string, object?> map, string what)
    {
        ArgumentNullException.ThrowIfNull(map);
        foreach (var (key, value) in map)
        {
            if (!IsPrimitive(value))
            {
                throw new DataException(
                    $"Source {what}s may only contain primitive types as values, but field {key} contains {value!.GetType()}.");
            }
        }
    }

    private static bool IsPrimitive(object? value) =>
        value is null or string or bool or sbyte or byte or short or ushort or int or uint or long or float or double;

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> map, string what)
    {
        Validate(map, what);
        writer.WriteStartObject();
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case float f: writer.WriteNumberValue(f); break;
                case double d: writer.WriteNumberValue(d); break;
                default: writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        writer.WriteEndObject();
    }

    private static Dictionary<string, object?> ReadMap(JsonElement element)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                JsonValueKind.Number when property.Value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => property.Value.GetRawText(),
            };
        }

        return map;
    }
}
