using System.Collections;
using System.Globalization;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// Projects a value from the schema it was written with to a compatible target schema
/// (<c>org.apache.kafka.connect.data.SchemaProjector</c>), as sinks do to write records of older schema versions
/// with the latest one.
/// </summary>
/// <remarks>
/// <para>The rules, as in Kafka:</para>
/// <list type="bullet">
/// <item>The types must be equal, or the source type must widen to the target along Int8 → Int16 → Int32 → Int64 →
/// Float32 → Float64 (Int16 to Float64 is allowed, Float32 to Int64 is not); widened numbers are converted.</item>
/// <item>The schema names must be equal (so logical types project only to themselves) and so must the parameters
/// (none and an empty set differ). Versions and documentation are not compared.</item>
/// <item>An optional source projects to a required target only if the target has a default value, used for null.</item>
/// <item>Struct fields are matched by name: fields only in the source are dropped, fields only in the target take
/// their default value, stay null if optional, and are an error otherwise.</item>
/// <item>Array elements, and map keys and values, are projected one by one into a new
/// <see cref="List{T}"/> or <see cref="Dictionary{TKey, TValue}"/>.</item>
/// </list>
/// <para>Error messages are Kafka's, with Kafka's type names (<c>INT32</c>).</para>
/// </remarks>
public static class SchemaProjector
{
    /// <summary>Projects a value from its source schema to a target schema.</summary>
    /// <param name="source">The schema the value was written with.</param>
    /// <param name="record">The value; may be <see langword="null"/>.</param>
    /// <param name="target">The schema to project to.</param>
    /// <returns>The value for the target schema: a new <see cref="Struct"/>, list or dictionary for structured values,
    /// a converted number for widened types, the target's default for a null value of an optional source when the
    /// target is required, and otherwise the value itself (or <see langword="null"/>).</returns>
    /// <exception cref="SchemaProjectorException">The schemas are not compatible, a required value is missing, or the
    /// value does not match its source schema. A struct field's error is wrapped in one that names the field
    /// (<c>Error projecting id</c>).</exception>
    public static object? Project(Schema source, object? record, Schema target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        CheckMaybeCompatible(source, target);
        if (source.IsOptional && !target.IsOptional)
        {
            if (target.DefaultValue is null)
            {
                throw new SchemaProjectorException(
                    "Writer schema is optional, however, target schema does not provide a default value.");
            }

            return record is null ? target.DefaultValue : ProjectRequiredSchema(source, record, target);
        }

        return record is null ? null : ProjectRequiredSchema(source, record, target);
    }

    private static void CheckMaybeCompatible(Schema source, Schema target)
    {
        if (source.Type != target.Type && !IsPromotable(source.Type, target.Type))
        {
            throw new SchemaProjectorException(
                $"Schema type mismatch. source type: {JavaText.TypeName(source.Type)} and target type: {JavaText.TypeName(target.Type)}");
        }

        if (source.Name != target.Name)
        {
            throw new SchemaProjectorException(
                $"Schema name mismatch. source name: {source.Name ?? "null"} and target name: {target.Name ?? "null"}");
        }

        if (!ParametersEqual(source.Parameters, target.Parameters))
        {
            throw new SchemaProjectorException(
                $"Schema parameters not equal. source parameters: {JavaText.Describe(source.Parameters)} and target parameters: {JavaText.Describe(target.Parameters)}");
        }
    }

    private static object ProjectRequiredSchema(Schema source, object record, Schema target) => target.Type switch
    {
        SchemaType.Struct => ProjectStruct(source, record as Struct ?? throw Mismatch(source, record), target),
        SchemaType.Array => ProjectArray(source, record as IList ?? throw Mismatch(source, record), target),
        SchemaType.Map => ProjectMap(source, record as IDictionary ?? throw Mismatch(source, record), target),
        _ => ProjectPrimitive(source, record, target),
    };

    private static Struct ProjectStruct(Schema source, Struct sourceStruct, Schema target)
    {
        var targetStruct = new Struct(target);
        foreach (var targetField in target.Fields)
        {
            var fieldName = targetField.Name;
            var sourceField = source.FindField(fieldName);
            if (sourceField is not null)
            {
                object? projected;
                try
                {
                    projected = Project(sourceField.Schema, sourceStruct.Get(fieldName), targetField.Schema);
                }
                catch (SchemaProjectorException e)
                {
                    throw new SchemaProjectorException($"Error projecting {fieldName}", e);
                }

                targetStruct.Put(targetField, projected);
            }
            else if (targetField.Schema.DefaultValue is not null)
            {
                targetStruct.Put(targetField, targetField.Schema.DefaultValue);
            }
            else if (!targetField.Schema.IsOptional)
            {
                throw new SchemaProjectorException(
                    $"Required field `{fieldName}` is missing from source schema: {JavaText.Describe(source)}");
            }
        }

        return targetStruct;
    }

    private static List<object?> ProjectArray(Schema source, IList array, Schema target)
    {
        var projected = new List<object?>(array.Count);
        foreach (var element in array)
        {
            projected.Add(Project(source.ValueSchema, element, target.ValueSchema));
        }

        return projected;
    }

    private static Dictionary<object, object?> ProjectMap(Schema source, IDictionary map, Schema target)
    {
        var projected = new Dictionary<object, object?>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            var key = Project(source.KeySchema, entry.Key, target.KeySchema)
                ?? throw new SchemaProjectorException("Map keys cannot be null.");
            projected[key] = Project(source.ValueSchema, entry.Value, target.ValueSchema);
        }

        return projected;
    }

    private static object ProjectPrimitive(Schema source, object record, Schema target)
    {
        if (!IsPromotable(source.Type, target.Type) || !IsNumber(record))
        {
            // Non-numeric values of numeric schemas (a Date's DateTime) pass through, as in Kafka.
            return record;
        }

        var culture = CultureInfo.InvariantCulture;
        try
        {
            // Each arm boxes its own type; a switch expression would otherwise widen them all to double.
            return target.Type switch
            {
                SchemaType.Int8 => (object)Convert.ToSByte(record, culture),
                SchemaType.Int16 => (object)Convert.ToInt16(record, culture),
                SchemaType.Int32 => (object)Convert.ToInt32(record, culture),
                SchemaType.Int64 => (object)Convert.ToInt64(record, culture),
                SchemaType.Float32 => (object)Convert.ToSingle(record, culture),
                _ => (object)Convert.ToDouble(record, culture),
            };
        }
        catch (OverflowException e)
        {
            throw new SchemaProjectorException(
                $"Value {JavaText.ToJavaString(record)} ({record.GetType()}) does not fit target type {JavaText.TypeName(target.Type)}", e);
        }
    }

    private static bool IsNumber(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static bool IsPromotable(SchemaType sourceType, SchemaType targetType) =>
        Rank(sourceType) is { } sourceRank && Rank(targetType) is { } targetRank && sourceRank <= targetRank;

    private static int? Rank(SchemaType type) => type switch
    {
        SchemaType.Int8 => 0,
        SchemaType.Int16 => 1,
        SchemaType.Int32 => 2,
        SchemaType.Int64 => 3,
        SchemaType.Float32 => 4,
        SchemaType.Float64 => 5,
        _ => null,
    };

    private static bool ParametersEqual(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }

    private static SchemaProjectorException Mismatch(Schema source, object record) =>
        new($"Value of type {record.GetType()} does not match source schema {JavaText.Describe(source)}");
}
