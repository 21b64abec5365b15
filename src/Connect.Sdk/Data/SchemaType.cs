namespace Connect.Sdk.Data;

/// <summary>
/// The twelve types a Connect <see cref="Schema"/> can have. Logical types (Decimal, Date, Time, Timestamp) are
/// one of these plus a schema name.
/// </summary>
public enum SchemaType
{
    /// <summary>An 8-bit signed integer; values are <see cref="sbyte"/>.</summary>
    Int8,

    /// <summary>A 16-bit signed integer; values are <see cref="short"/>.</summary>
    Int16,

    /// <summary>A 32-bit signed integer; values are <see cref="int"/>.</summary>
    Int32,

    /// <summary>A 64-bit signed integer; values are <see cref="long"/>.</summary>
    Int64,

    /// <summary>A 32-bit IEEE 754 floating point number; values are <see cref="float"/>.</summary>
    Float32,

    /// <summary>A 64-bit IEEE 754 floating point number; values are <see cref="double"/>.</summary>
    Float64,

    /// <summary>A boolean; values are <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A character string; values are <see cref="string"/>.</summary>
    String,

    /// <summary>A sequence of bytes; values are <see cref="byte"/> arrays or <see cref="ReadOnlyMemory{T}"/> of bytes.</summary>
    Bytes,

    /// <summary>An ordered sequence of values of the schema's value schema; values implement <see cref="System.Collections.IList"/>.</summary>
    Array,

    /// <summary>A mapping from keys of the key schema to values of the value schema; values implement <see cref="System.Collections.IDictionary"/>.</summary>
    Map,

    /// <summary>A structure with named, ordered fields; values are <see cref="Data.Struct"/>.</summary>
    Struct,
}

/// <summary>Names and classification of <see cref="SchemaType"/> values.</summary>
public static class SchemaTypeExtensions
{
    /// <summary>Whether the type is a primitive (anything but Array, Map and Struct).</summary>
    /// <param name="type">The schema type.</param>
    /// <returns><see langword="true"/> for the nine primitive types.</returns>
    public static bool IsPrimitive(this SchemaType type) =>
        type is not (SchemaType.Array or SchemaType.Map or SchemaType.Struct);

    /// <summary>The lower-case name Kafka Connect uses for the type on the wire, e.g. <c>int32</c> or <c>struct</c>.</summary>
    /// <param name="type">The schema type.</param>
    /// <returns>The Kafka Connect type name.</returns>
    public static string ToWireName(this SchemaType type) => type switch
    {
        SchemaType.Int8 => "int8",
        SchemaType.Int16 => "int16",
        SchemaType.Int32 => "int32",
        SchemaType.Int64 => "int64",
        SchemaType.Float32 => "float32",
        SchemaType.Float64 => "float64",
        SchemaType.Boolean => "boolean",
        SchemaType.String => "string",
        SchemaType.Bytes => "bytes",
        SchemaType.Array => "array",
        SchemaType.Map => "map",
        SchemaType.Struct => "struct",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown schema type."),
    };

    /// <summary>Parses a Kafka Connect type name such as <c>int32</c> or <c>STRUCT</c> (case-insensitive).</summary>
    /// <param name="name">The type name.</param>
    /// <param name="type">The parsed type.</param>
    /// <returns><see langword="true"/> when the name is one of the twelve types.</returns>
    public static bool TryParseWireName(string? name, out SchemaType type)
    {
        switch (name?.ToLowerInvariant())
        {
            case "int8": type = SchemaType.Int8; return true;
            case "int16": type = SchemaType.Int16; return true;
            case "int32": type = SchemaType.Int32; return true;
            case "int64": type = SchemaType.Int64; return true;
            case "float32": type = SchemaType.Float32; return true;
            case "float64": type = SchemaType.Float64; return true;
            case "boolean": type = SchemaType.Boolean; return true;
            case "string": type = SchemaType.String; return true;
            case "bytes": type = SchemaType.Bytes; return true;
            case "array": type = SchemaType.Array; return true;
            case "map": type = SchemaType.Map; return true;
            case "struct": type = SchemaType.Struct; return true;
            default: type = default; return false;
        }
    }
}
