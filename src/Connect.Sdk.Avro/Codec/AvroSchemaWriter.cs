using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// Writes schemas as JSON: the full form (every attribute and property, what is registered with a Schema Registry)
/// and the Parsing Canonical Form of the specification, whose CRC-64-AVRO is the schema's fingerprint.
/// </summary>
internal static class AvroSchemaWriter
{
    private static readonly JsonWriterOptions FullOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The full JSON form of a schema. Named types are defined at their first occurrence and referred to by full name after that.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(AvroSchema schema)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, FullOptions))
        {
            WriteFull(writer, schema, null, new HashSet<string>(StringComparer.Ordinal));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The Parsing Canonical Form: primitives as bare names, full names without namespaces, only the attributes that
    /// matter for parsing data (type, name, fields, symbols, items, values, size) in that order, no whitespace.
    /// </summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The canonical JSON text.</returns>
    public static string ToCanonicalForm(AvroSchema schema)
    {
        var text = new StringBuilder(128);
        WriteCanonical(text, schema, new HashSet<string>(StringComparer.Ordinal));
        return text.ToString();
    }

    private static void WriteFull(Utf8JsonWriter writer, AvroSchema schema, string? enclosingSpace, HashSet<string> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                if (primitive.Properties.Count == 0)
                {
                    writer.WriteStringValue(AvroSchema.TypeName(primitive.Type));
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", AvroSchema.TypeName(primitive.Type));
                    WriteProperties(writer, primitive.Properties);
                    writer.WriteEndObject();
                }

                break;
            case NamedSchema named when !defined.Add(named.FullName):
                writer.WriteStringValue(named.FullName);
                break;
            case RecordSchema record:
                writer.WriteStartObject();
                writer.WriteString("type", record.IsError ? "error" : "record");
                WriteNameAndDoc(writer, record, enclosingSpace);
                writer.WriteStartArray("fields");
                foreach (var field in record.Fields)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", field.Name);
                    writer.WritePropertyName("type");
                    WriteFull(writer, field.Schema, record.Namespace, defined);
                    if (field.Doc is not null)
                    {
                        writer.WriteString("doc", field.Doc);
                    }

                    if (field.DefaultValue is { } defaultValue)
                    {
                        writer.WritePropertyName("default");
                        defaultValue.WriteTo(writer);
                    }

                    if (field.Order != AvroFieldOrder.Ascending)
                    {
                        writer.WriteString("order", field.Order == AvroFieldOrder.Descending ? "descending" : "ignore");
                    }

                    WriteAliases(writer, field.Aliases);
                    WriteProperties(writer, field.Properties);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                WriteAliases(writer, record.Aliases);
                WriteProperties(writer, record.Properties);
                writer.WriteEndObject();
                break;
            case EnumSchema enumSchema:
                writer.WriteStartObject();
                writer.WriteString("type", "enum");
                WriteNameAndDoc(writer, enumSchema, enclosingSpace);
                writer.WriteStartArray("symbols");
                foreach (var symbol in enumSchema.Symbols)
                {
                    writer.WriteStringValue(symbol);
                }

                writer.WriteEndArray();
                if (enumSchema.Default is not null)
                {
                    writer.WriteString("default", enumSchema.Default);
                }

                WriteAliases(writer, enumSchema.Aliases);
                WriteProperties(writer, enumSchema.Properties);
                writer.WriteEndObject();
                break;
            case FixedSchema fixedSchema:
                writer.WriteStartObject();
                writer.WriteString("type", "fixed");
                WriteNameAndDoc(writer, fixedSchema, enclosingSpace);
                writer.WriteNumber("size", fixedSchema.Size);
                WriteAliases(writer, fixedSchema.Aliases);
                WriteProperties(writer, fixedSchema.Properties);
                writer.WriteEndObject();
                break;
            case ArraySchema array:
                writer.WriteStartObject();
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                WriteFull(writer, array.Items, enclosingSpace, defined);
                WriteProperties(writer, array.Properties);
                writer.WriteEndObject();
                break;
            case MapSchema map:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WritePropertyName("values");
                WriteFull(writer, map.Values, enclosingSpace, defined);
                WriteProperties(writer, map.Properties);
                writer.WriteEndObject();
                break;
            case UnionSchema union:
                writer.WriteStartArray();
                foreach (var branch in union.Branches)
                {
                    WriteFull(writer, branch, enclosingSpace, defined);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unknown schema class {schema.GetType()}.", nameof(schema));
        }
    }

    private static void WriteNameAndDoc(Utf8JsonWriter writer, NamedSchema named, string? enclosingSpace)
    {
        writer.WriteString("name", named.Name);
        if (named.Namespace != enclosingSpace)
        {
            // An empty namespace resets an inherited one to the null namespace.
            writer.WriteString("namespace", named.Namespace ?? string.Empty);
        }

        if (named.Doc is not null)
        {
            writer.WriteString("doc", named.Doc);
        }
    }

    private static void WriteAliases(Utf8JsonWriter writer, IReadOnlyList<string> aliases)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("aliases");
        foreach (var alias in aliases)
        {
            writer.WriteStringValue(alias);
        }

        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        foreach (var (key, value) in properties)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }
    }

    private static void WriteCanonical(StringBuilder text, AvroSchema schema, HashSet<string> defined)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                text.Append('"').Append(AvroSchema.TypeName(primitive.Type)).Append('"');
                break;
            case NamedSchema named when !defined.Add(named.FullName):
                text.Append('"').Append(named.FullName).Append('"');
                break;
            case RecordSchema record:
                text.Append("{\"name\":\"").Append(record.FullName).Append("\",\"type\":\"")
                    .Append(record.IsError ? "error" : "record").Append("\",\"fields\":[");
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append("{\"name\":\"").Append(record.Fields[i].Name).Append("\",\"type\":");
                    WriteCanonical(text, record.Fields[i].Schema, defined);
                    text.Append('}');
                }

                text.Append("]}");
                break;
            case EnumSchema enumSchema:
                text.Append("{\"name\":\"").Append(enumSchema.FullName).Append("\",\"type\":\"enum\",\"symbols\":[");
                for (var i = 0; i < enumSchema.Symbols.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append('"').Append(enumSchema.Symbols[i]).Append('"');
                }

                text.Append("]}");
                break;
            case FixedSchema fixedSchema:
                text.Append("{\"name\":\"").Append(fixedSchema.FullName).Append("\",\"type\":\"fixed\",\"size\":")
                    .Append(fixedSchema.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('}');
                break;
            case ArraySchema array:
                text.Append("{\"type\":\"array\",\"items\":");
                WriteCanonical(text, array.Items, defined);
                text.Append('}');
                break;
            case MapSchema map:
                text.Append("{\"type\":\"map\",\"values\":");
                WriteCanonical(text, map.Values, defined);
                text.Append('}');
                break;
            case UnionSchema union:
                text.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteCanonical(text, union.Branches[i], defined);
                }

                text.Append(']');
                break;
            default:
                throw new ArgumentException($"Unknown schema class {schema.GetType()}.", nameof(schema));
        }
    }
}

/// <summary>The CRC-64-AVRO (Rabin) fingerprint of the specification, computed over the canonical form's UTF-8 bytes.</summary>
internal static class AvroFingerprint
{
    /// <summary>The fingerprint of the empty input, which is also the polynomial.</summary>
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] Table = BuildTable();

    /// <summary>The 64-bit fingerprint of a schema's Parsing Canonical Form.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The fingerprint (as a signed value, the way the specification's test vectors print it).</returns>
    public static long Of(AvroSchema schema) => Compute(Encoding.UTF8.GetBytes(AvroSchemaWriter.ToCanonicalForm(schema)));

    /// <summary>The CRC-64-AVRO of arbitrary bytes.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The fingerprint.</returns>
    public static long Compute(ReadOnlySpan<byte> data)
    {
        var fp = Empty;
        foreach (var b in data)
        {
            fp = (fp >> 8) ^ Table[(int)((fp ^ b) & 0xff)];
        }

        return unchecked((long)fp);
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                fp = (fp >> 1) ^ (Empty & (0UL - (fp & 1)));
            }

            table[i] = fp;
        }

        return table;
    }
}
