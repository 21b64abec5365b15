using System.Collections;

namespace Connect.Sdk.Avro.Codec;

/// <summary>A value that does not match the schema it is written with; <see cref="FieldPath"/> names where it sits.</summary>
internal sealed class AvroTypeException : AvroException
{
    public AvroTypeException(string problem, string? fieldPath = null)
        : base(fieldPath is null ? problem : $"Field '{fieldPath}': {problem}")
    {
        Problem = problem;
        FieldPath = fieldPath;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The dotted path of record fields leading to the value, or <see langword="null"/> for the top level.</summary>
    public string? FieldPath { get; }

    /// <summary>The same problem one record level further out.</summary>
    /// <param name="fieldName">The enclosing field.</param>
    /// <returns>A new exception with the longer path.</returns>
    public AvroTypeException Within(string fieldName) =>
        new(Problem, FieldPath is null ? fieldName : fieldName + "." + FieldPath);
}

/// <summary>Writes generic values (see <see cref="AvroRecord"/>) in Avro's binary encoding according to a schema.</summary>
internal static class GenericDatumWriter
{
    /// <summary>Writes one value.</summary>
    /// <param name="writer">The output.</param>
    /// <param name="schema">The schema to write with.</param>
    /// <param name="datum">The value.</param>
    /// <exception cref="AvroTypeException">The value does not match the schema; the message names the field.</exception>
    public static void Write(AvroBinaryWriter writer, AvroSchema schema, object? datum)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                if (datum is not null)
                {
                    throw Mismatch(schema, datum);
                }

                break;
            case AvroType.Boolean:
                writer.WriteBoolean(datum is bool b ? b : throw Mismatch(schema, datum));
                break;
            case AvroType.Int:
                writer.WriteInt(datum switch
                {
                    int i => i,
                    short s => s,
                    sbyte sb => sb,
                    byte by => by,
                    ushort us => us,
                    _ => throw Mismatch(schema, datum),
                });
                break;
            case AvroType.Long:
                writer.WriteLong(datum switch
                {
                    long l => l,
                    int i => i,
                    short s => s,
                    sbyte sb => sb,
                    byte by => by,
                    ushort us => us,
                    uint ui => ui,
                    _ => throw Mismatch(schema, datum),
                });
                break;
            case AvroType.Float:
                writer.WriteFloat(datum switch
                {
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(schema, datum),
                });
                break;
            case AvroType.Double:
                writer.WriteDouble(datum switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => throw Mismatch(schema, datum),
                });
                break;
            case AvroType.Bytes:
                switch (datum)
                {
                    case byte[] bytes:
                        writer.WriteBytes(bytes);
                        break;
                    case ReadOnlyMemory<byte> memory:
                        writer.WriteBytes(memory.Span);
                        break;
                    case AvroFixed fixedValue:
                        writer.WriteBytes(fixedValue.Bytes);
                        break;
                    default:
                        throw Mismatch(schema, datum);
                }

                break;
            case AvroType.String:
                writer.WriteString(datum switch
                {
                    string s => s,
                    AvroEnumSymbol symbol => symbol.Symbol,
                    _ => throw Mismatch(schema, datum),
                });
                break;
            case AvroType.Record:
                WriteRecord(writer, (RecordSchema)schema, datum);
                break;
            case AvroType.Enum:
                WriteEnum(writer, (EnumSchema)schema, datum);
                break;
            case AvroType.Fixed:
                WriteFixed(writer, (FixedSchema)schema, datum);
                break;
            case AvroType.Array:
                WriteArray(writer, (ArraySchema)schema, datum);
                break;
            case AvroType.Map:
                WriteMap(writer, (MapSchema)schema, datum);
                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                var index = ResolveBranch(union, datum);
                writer.WriteUnionIndex(index);
                Write(writer, union.Branches[index], datum);
                break;
            default:
                throw new AvroException($"Unknown schema type {schema.Type}.");
        }
    }

    /// <summary>Picks the union branch for a value the way generic Avro writers do: by the value's type, or a record's, enum's or fixed's name.</summary>
    /// <param name="union">The union.</param>
    /// <param name="datum">The value.</param>
    /// <returns>The branch index.</returns>
    /// <exception cref="AvroTypeException">No branch fits the value.</exception>
    public static int ResolveBranch(UnionSchema union, object? datum)
    {
        var branches = union.Branches;
        switch (datum)
        {
            case null:
                if (union.NullIndex >= 0)
                {
                    return union.NullIndex;
                }

                break;
            case AvroRecord record:
                return FindNamed(union, record.Schema.FullName, AvroType.Record, datum);
            case AvroEnumSymbol symbol:
                return FindNamed(union, symbol.Schema.FullName, AvroType.Enum, datum);
            case AvroFixed fixedValue:
                return FindNamed(union, fixedValue.Schema.FullName, AvroType.Fixed, datum);
            case bool:
                return FindType(union, datum, AvroType.Boolean);
            case int or short or sbyte or byte or ushort:
                return FindType(union, datum, AvroType.Int, AvroType.Long, AvroType.Float, AvroType.Double);
            case long or uint:
                return FindType(union, datum, AvroType.Long, AvroType.Float, AvroType.Double);
            case float:
                return FindType(union, datum, AvroType.Float, AvroType.Double);
            case double:
                return FindType(union, datum, AvroType.Double);
            case string:
                return FindType(union, datum, AvroType.String);
            case byte[] bytes:
                for (var i = 0; i < branches.Count; i++)
                {
                    if (branches[i].Type == AvroType.Bytes || (branches[i] is FixedSchema f && f.Size == bytes.Length))
                    {
                        return i;
                    }
                }

                break;
            case ReadOnlyMemory<byte>:
                return FindType(union, datum, AvroType.Bytes);
            case IDictionary:
                return FindType(union, datum, AvroType.Map);
            case IList:
                return FindType(union, datum, AvroType.Array);
        }

        throw new AvroTypeException($"No branch of the union {AvroSchemaWriter.ToJson(union)} fits a value of type {Describe(datum)}.");
    }

    private static int FindType(UnionSchema union, object? datum, params ReadOnlySpan<AvroType> types)
    {
        foreach (var type in types)
        {
            for (var i = 0; i < union.Branches.Count; i++)
            {
                if (union.Branches[i].Type == type)
                {
                    return i;
                }
            }
        }

        throw new AvroTypeException($"No branch of the union {AvroSchemaWriter.ToJson(union)} fits a value of type {Describe(datum)}.");
    }

    private static int FindNamed(UnionSchema union, string fullName, AvroType type, object datum)
    {
        for (var i = 0; i < union.Branches.Count; i++)
        {
            if (union.Branches[i] is NamedSchema named && named.Type == type && named.FullName == fullName)
            {
                return i;
            }
        }

        throw new AvroTypeException($"No branch of the union {AvroSchemaWriter.ToJson(union)} is the {AvroSchema.TypeName(type)} '{fullName}' of the value {Describe(datum)}.");
    }

    private static void WriteRecord(AvroBinaryWriter writer, RecordSchema schema, object? datum)
    {
        if (datum is not AvroRecord record)
        {
            throw Mismatch(schema, datum);
        }

        var sameShape = ReferenceEquals(record.Schema, schema);
        foreach (var field in schema.Fields)
        {
            object? value;
            if (sameShape)
            {
                value = record.Values[field.Position];
            }
            else
            {
                var source = record.Schema.GetField(field.Name)
                    ?? throw new AvroTypeException($"The record of type '{record.Schema.FullName}' has no field '{field.Name}', which the schema '{schema.FullName}' requires.");
                value = record.Values[source.Position];
            }

            try
            {
                Write(writer, field.Schema, value);
            }
            catch (AvroTypeException e)
            {
                throw e.Within(field.Name);
            }
        }
    }

    private static void WriteEnum(AvroBinaryWriter writer, EnumSchema schema, object? datum)
    {
        var symbol = datum switch
        {
            AvroEnumSymbol s => s.Symbol,
            string s => s,
            _ => throw Mismatch(schema, datum),
        };
        var index = schema.IndexOf(symbol);
        if (index < 0)
        {
            throw new AvroTypeException($"'{symbol}' is not a symbol of the enum '{schema.FullName}' ({string.Join(", ", schema.Symbols)}).");
        }

        writer.WriteEnum(index);
    }

    private static void WriteFixed(AvroBinaryWriter writer, FixedSchema schema, object? datum)
    {
        ReadOnlySpan<byte> bytes = datum switch
        {
            AvroFixed f => f.Bytes,
            byte[] b => b,
            ReadOnlyMemory<byte> m => m.Span,
            _ => throw Mismatch(schema, datum),
        };
        if (bytes.Length != schema.Size)
        {
            throw new AvroTypeException($"The fixed '{schema.FullName}' holds exactly {schema.Size} bytes, but the value has {bytes.Length}.");
        }

        writer.WriteFixed(bytes);
    }

    private static void WriteArray(AvroBinaryWriter writer, ArraySchema schema, object? datum)
    {
        if (datum is not IList list)
        {
            throw Mismatch(schema, datum);
        }

        if (list.Count > 0)
        {
            writer.WriteBlockCount(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                Write(writer, schema.Items, list[i]);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteMap(AvroBinaryWriter writer, MapSchema schema, object? datum)
    {
        switch (datum)
        {
            case IReadOnlyDictionary<string, object?> typed:
                if (typed.Count > 0)
                {
                    writer.WriteBlockCount(typed.Count);
                    foreach (var (key, value) in typed)
                    {
                        writer.WriteString(key);
                        Write(writer, schema.Values, value);
                    }
                }

                break;
            case IDictionary map:
                if (map.Count > 0)
                {
                    writer.WriteBlockCount(map.Count);
                    foreach (DictionaryEntry entry in map)
                    {
                        writer.WriteString(entry.Key as string
                            ?? throw new AvroTypeException($"Avro map keys are strings, but a key is {Describe(entry.Key)}."));
                        Write(writer, schema.Values, entry.Value);
                    }
                }

                break;
            default:
                throw Mismatch(schema, datum);
        }

        writer.WriteBlockCount(0);
    }

    private static AvroTypeException Mismatch(AvroSchema schema, object? datum) =>
        new($"Expected a value for the Avro schema {Summary(schema)} but got {Describe(datum)}.");

    private static string Summary(AvroSchema schema) =>
        schema is NamedSchema named ? $"{AvroSchema.TypeName(schema.Type)} '{named.FullName}'" : $"'{AvroSchema.TypeName(schema.Type)}'";

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"System.String (\"{(s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 37), "..."))}\")",
        AvroRecord r => $"a record of type '{r.Schema.FullName}'",
        _ => $"{value.GetType().FullName} ({value})",
    };
}
