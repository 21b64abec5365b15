using Connect.Sdk.Avro.Codec;
using Connect.Sdk.Data;

namespace Connect.Sdk.Avro.Mapping;

/// <summary>
/// Writes a Connect struct of numbers, booleans, strings and such structs straight to the Avro binary of the record
/// schema made from its Connect schema: the same bytes as converting it to a generic record
/// (<see cref="AvroData.FromConnectData"/>) and writing that, without the generic record, the boxing and the lookups
/// per field, which were most of the work for such a struct.
/// </summary>
/// <remarks>
/// It only writes what it is sure of. A record that needs more (a null in a required field, a value of another type
/// than its field's, a struct of another schema) makes <see cref="TryWrite"/> return <see langword="false"/>, and the
/// caller writes it, or rejects it with its messages, the general way. Schemas with anything else (bytes, arrays,
/// maps, logical types, enums, Connect unions, fields out of the Avro record's order) get no writer at all.
/// </remarks>
internal sealed class DirectRecordWriter
{
    private readonly FieldStep[] _fields;

    private DirectRecordWriter(FieldStep[] fields)
    {
        _fields = fields;
    }

    /// <summary>The writer for a struct schema and the Avro record schema made from it, or <see langword="null"/>
    /// when either holds more than primitives and such structs.</summary>
    /// <param name="schema">The Connect schema.</param>
    /// <param name="avroSchema">The Avro schema <see cref="AvroData.FromConnectSchema"/> made for it.</param>
    /// <returns>The writer, or <see langword="null"/>.</returns>
    public static DirectRecordWriter? For(Schema schema, AvroSchema avroSchema)
    {
        if (schema.Type != SchemaType.Struct || AvroData.IsUnionSchema(schema) || avroSchema is not RecordSchema record
            || record.Fields.Count != schema.Fields.Count)
        {
            return null;
        }

        var steps = new FieldStep[record.Fields.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var field = schema.Fields[i];
            var avroField = record.Fields[i];
            if (avroField.Name != field.Name || field.Schema.IsLogical)
            {
                return null;
            }

            var branch = avroField.Schema;
            int nullIndex = -1, valueIndex = -1;
            if (field.Schema.IsOptional)
            {
                if (branch is not UnionSchema { OptionalBranch: { } optional } union)
                {
                    return null;
                }

                (nullIndex, valueIndex, branch) = (union.NullIndex, 1 - union.NullIndex, optional);
            }

            DirectRecordWriter? nested = null;
            var expected = field.Schema.Type switch
            {
                SchemaType.Int8 or SchemaType.Int16 or SchemaType.Int32 => AvroType.Int,
                SchemaType.Int64 => AvroType.Long,
                SchemaType.Float32 => AvroType.Float,
                SchemaType.Float64 => AvroType.Double,
                SchemaType.Boolean => AvroType.Boolean,
                SchemaType.String => AvroType.String,
                SchemaType.Struct => AvroType.Record,
                _ => AvroType.Null,
            };
            if (expected == AvroType.Record)
            {
                nested = For(field.Schema, branch);
                if (nested is null)
                {
                    return null;
                }
            }
            else if (expected == AvroType.Null || branch is not PrimitiveSchema { LogicalType: null } primitive || primitive.Type != expected)
            {
                return null;
            }

            steps[i] = new FieldStep(field, nullIndex, valueIndex, nested);
        }

        return new DirectRecordWriter(steps);
    }

    /// <summary>Writes a struct of this writer's schema.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The struct; its schema must equal the one this writer was made for.</param>
    /// <returns><see langword="false"/> when the record needs the general path; what was written is then to be discarded.</returns>
    public bool TryWrite(AvroBinaryWriter output, Struct value)
    {
        var fields = _fields;
        for (var i = 0; i < fields.Length; i++)
        {
            ref readonly var step = ref fields[i];
            var schema = step.Field.Schema;
            var fieldValue = value.ValueAt(i) ?? schema.DefaultValue;
            if (fieldValue is null)
            {
                if (step.NullIndex < 0)
                {
                    return false;
                }

                output.WriteUnionIndex(step.NullIndex);
                continue;
            }

            if (step.ValueIndex >= 0)
            {
                output.WriteUnionIndex(step.ValueIndex);
            }

            switch (schema.Type)
            {
                case SchemaType.Int8 when fieldValue is sbyte int8:
                    output.WriteInt(int8);
                    break;
                case SchemaType.Int16 when fieldValue is short int16:
                    output.WriteInt(int16);
                    break;
                case SchemaType.Int32 when fieldValue is int int32:
                    output.WriteInt(int32);
                    break;
                case SchemaType.Int64 when fieldValue is long int64:
                    output.WriteLong(int64);
                    break;
                case SchemaType.Float32 when fieldValue is float float32:
                    output.WriteFloat(float32);
                    break;
                case SchemaType.Float64 when fieldValue is double float64:
                    output.WriteDouble(float64);
                    break;
                case SchemaType.Boolean when fieldValue is bool boolean:
                    output.WriteBoolean(boolean);
                    break;
                case SchemaType.String when fieldValue is string text:
                    output.WriteString(text);
                    break;
                case SchemaType.Struct when fieldValue is Struct nested
                    && (ReferenceEquals(nested.Schema, schema) || nested.Schema.Equals(schema)):
                    if (!step.Nested!.TryWrite(output, nested))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>A field, and the union branches of its null and of its value when it is optional (-1 when required).</summary>
    private readonly record struct FieldStep(Field Field, int NullIndex, int ValueIndex, DirectRecordWriter? Nested);
}
