using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Acme.Connector;

/// <summary>Turns a record into one line of JSON: <c>{"topic":…,"partition":…,"offset":…,"timestamp":…,"key":…,"value":…}</c>.
/// Structs become objects (fields in schema order), maps objects, arrays arrays, bytes base64, logical dates and
/// timestamps ISO 8601 strings, decimals numbers.</summary>
internal static class RecordJson
{
    public const string OffsetProperty = "offset";

    /// <summary>Writes the line of a record (without the line break).</summary>
    /// <exception cref="DataException">The key or value holds something JSON cannot represent.</exception>
    public static string ToLine(SinkRecord record, bool includeKey)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("topic", record.OriginalTopic);
            json.WriteNumber("partition", record.OriginalKafkaPartition);
            json.WriteNumber(OffsetProperty, record.OriginalKafkaOffset);
            if (record.Timestamp is { } timestamp)
            {
                json.WriteNumber("timestamp", timestamp);
            }

            if (includeKey)
            {
                json.WritePropertyName("key");
                WriteValue(json, record.Key, "key");
            }

            json.WritePropertyName("value");
            WriteValue(json, record.Value, "value");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads the offset of a line written by <see cref="ToLine"/>, or <see langword="null"/> when it is
    /// not such a line (e.g. cut short by a crash).</summary>
    public static long? OffsetOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty(OffsetProperty, out var offset) && offset.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value, string path)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case Struct record:
                json.WriteStartObject();
                foreach (var field in record.Schema.Fields)
                {
                    json.WritePropertyName(field.Name);
                    WriteValue(json, record.Get(field), path + "." + field.Name);
                }

                json.WriteEndObject();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case sbyte or short or int or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw new DataException($"The {path} is {number}, which JSON cannot represent.");
                }

                json.WriteNumberValue(number);
                break;
            case decimal amount:
                json.WriteNumberValue(amount);
                break;
            case DateTime time:
                json.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                json.WriteBase64StringValue(bytes);
                break;
            case IDictionary map:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "null";
                    json.WritePropertyName(name);
                    WriteValue(json, entry.Value, path + "." + name);
                }

                json.WriteEndObject();
                break;
            case IEnumerable items:
                json.WriteStartArray();
                var index = 0;
                foreach (var item in items)
                {
                    WriteValue(json, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"));
                }

                json.WriteEndArray();
                break;
            default:
                throw new DataException($"The {path} holds a {value.GetType()}, which this connector cannot write as JSON.");
        }
    }
}
