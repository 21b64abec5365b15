using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connect.Sdk.Data;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// Writes a struct whose fields are numbers, booleans, strings or structs of the same kind straight to UTF-8: byte
/// for byte what <see cref="ConnectToJson"/> writes through <see cref="Utf8JsonWriter"/>, without the writer's work per
/// token, which was the larger part of converting such a record (the usual shape of a connector's rows and events).
/// </summary>
/// <remarks>
/// It only writes what it is sure of. Whenever a record needs more (a value of another type than its field's, a null
/// in a required field, a struct of another schema), <see cref="TryWrite"/> returns <see langword="false"/> and the
/// caller discards the partial output and converts the record with <see cref="ConnectToJson"/>, which writes it or
/// rejects it with its messages. Schemas with anything else (bytes, arrays, maps, logical types, names with surrogates)
/// get no writer at all.
/// </remarks>
internal sealed class PrimitiveStructWriter
{
    // Beyond this nesting the general writer's depth rules apply, so such schemas are left to it.
    private const int MaxDepth = 16;

    private static readonly ConditionalWeakTable<Schema, PrimitiveStructWriter> Writers = new();

    // Stands in the table for "this schema has no writer", since the table cannot hold null.
    private static readonly PrimitiveStructWriter None = new([]);

    private readonly FieldStep[] _fields;

    private PrimitiveStructWriter(FieldStep[] fields)
    {
        _fields = fields;
    }

    /// <summary>The writer for a struct schema, made once per schema; <see langword="null"/> when its fields are not all primitives.</summary>
    /// <param name="schema">A struct schema.</param>
    /// <returns>The writer, or <see langword="null"/>.</returns>
    public static PrimitiveStructWriter? For(Schema schema)
    {
        var writer = Writers.TryGetValue(schema, out var cached) ? cached : Writers.GetValue(schema, static s => Create(s, 0) ?? None);
        return ReferenceEquals(writer, None) ? null : writer;
    }

    /// <summary>Writes a struct of this writer's schema as a JSON object.</summary>
    /// <param name="output">Where to append the bytes.</param>
    /// <param name="value">The struct; its schema must equal the one this writer was made for.</param>
    /// <param name="replaceNullWithDefault">Whether a field without a value is written as its default, as <c>replace.null.with.default</c> says.</param>
    /// <returns><see langword="false"/> when the record needs the general writer; what was appended is then to be discarded.</returns>
    public bool TryWrite(PooledBufferWriter output, Struct value, bool replaceNullWithDefault)
    {
        output.Write("{"u8);
        var fields = _fields;
        for (var i = 0; i < fields.Length; i++)
        {
            ref readonly var step = ref fields[i];
            var fieldValue = value.ValueAt(i);
            if (fieldValue is null && replaceNullWithDefault)
            {
                fieldValue = step.Field.Schema.DefaultValue;
            }

            output.Write(step.Prefix);
            if (!TryWriteValue(output, step, fieldValue, replaceNullWithDefault))
            {
                return false;
            }
        }

        output.Write("}"u8);
        return true;
    }

    private static bool TryWriteValue(PooledBufferWriter output, in FieldStep step, object? value, bool replaceNullWithDefault)
    {
        if (value is null)
        {
            if (!step.Field.Schema.IsOptional)
            {
                return false;
            }

            output.Write("null"u8);
            return true;
        }

        switch (step.Field.Schema.Type)
        {
            case SchemaType.Int8 when value is sbyte int8:
                return TryWriteInteger(output, int8);
            case SchemaType.Int16 when value is short int16:
                return TryWriteInteger(output, int16);
            case SchemaType.Int32 when value is int int32:
                return TryWriteInteger(output, int32);
            case SchemaType.Int64 when value is long int64:
                return TryWriteInteger(output, int64);
            case SchemaType.Float32 when value is float float32:
                if (!float.IsFinite(float32))
                {
                    return false;
                }

                output.Advance(JavaNumberFormat.Format(float32, output.GetSpan(JavaNumberFormat.MaxLength)));
                return true;
            case SchemaType.Float64 when value is double float64:
                if (!double.IsFinite(float64))
                {
                    return false;
                }

                output.Advance(JavaNumberFormat.Format(float64, output.GetSpan(JavaNumberFormat.MaxLength)));
                return true;
            case SchemaType.Boolean when value is bool boolean:
                output.Write(boolean ? "true"u8 : "false"u8);
                return true;
            case SchemaType.String when value is string text:
                JacksonText.WriteQuoted(text, output);
                return true;
            case SchemaType.Struct when value is Struct nested
                && (ReferenceEquals(nested.Schema, step.Field.Schema) || nested.Schema.Equals(step.Field.Schema)):
                return step.Nested!.TryWrite(output, nested, replaceNullWithDefault);
            default:
                return false;
        }
    }

    private static bool TryWriteInteger(PooledBufferWriter output, long value)
    {
        // 20 bytes hold any long, sign included.
        if (!Utf8Formatter.TryFormat(value, output.GetSpan(20), out var written))
        {
            return false;
        }

        output.Advance(written);
        return true;
    }

    private static PrimitiveStructWriter? Create(Schema schema, int depth)
    {
        if (depth > MaxDepth || schema.Type != SchemaType.Struct || schema.IsLogical)
        {
            return null;
        }

        var fields = schema.Fields;
        var steps = new FieldStep[fields.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var field = fields[i];
            if (JacksonText.HasSurrogate(field.Name) || field.Schema.IsLogical)
            {
                return null;
            }

            PrimitiveStructWriter? nested = null;
            switch (field.Schema.Type)
            {
                case SchemaType.Int8 or SchemaType.Int16 or SchemaType.Int32 or SchemaType.Int64
                    or SchemaType.Float32 or SchemaType.Float64 or SchemaType.Boolean or SchemaType.String:
                    break;
                case SchemaType.Struct:
                    nested = Create(field.Schema, depth + 1);
                    if (nested is null)
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            steps[i] = new FieldStep(field, Prefix(field.Name, first: i == 0), nested);
        }

        return new PrimitiveStructWriter(steps);
    }

    /// <summary>The bytes before a field's value: a comma unless it is the first, then the name as the general writer
    /// escapes it, quoted, and a colon.</summary>
    private static byte[] Prefix(string name, bool first)
    {
        var encoded = JsonEncodedText.Encode(name, JacksonText.Encoder).EncodedUtf8Bytes;
        ReadOnlySpan<byte> separator = first ? ""u8 : ","u8;
        return [.. separator, (byte)'"', .. encoded, (byte)'"', (byte)':'];
    }

    private readonly record struct FieldStep(Field Field, byte[] Prefix, PrimitiveStructWriter? Nested);
}
