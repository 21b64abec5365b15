namespace Connect.Sdk.Data;

public sealed partial class Schema
{
    /// <summary>A required 8-bit integer schema.</summary>
    public static Schema Int8 { get; } = Primitive(SchemaType.Int8, optional: false);

    /// <summary>A required 16-bit integer schema.</summary>
    public static Schema Int16 { get; } = Primitive(SchemaType.Int16, optional: false);

    /// <summary>A required 32-bit integer schema.</summary>
    public static Schema Int32 { get; } = Primitive(SchemaType.Int32, optional: false);

    /// <summary>A required 64-bit integer schema.</summary>
    public static Schema Int64 { get; } = Primitive(SchemaType.Int64, optional: false);

    /// <summary>A required 32-bit floating point schema.</summary>
    public static Schema Float32 { get; } = Primitive(SchemaType.Float32, optional: false);

    /// <summary>A required 64-bit floating point schema.</summary>
    public static Schema Float64 { get; } = Primitive(SchemaType.Float64, optional: false);

    /// <summary>A required boolean schema.</summary>
    public static Schema Boolean { get; } = Primitive(SchemaType.Boolean, optional: false);

    /// <summary>A required string schema.</summary>
    public static Schema String { get; } = Primitive(SchemaType.String, optional: false);

    /// <summary>A required bytes schema.</summary>
    public static Schema Bytes { get; } = Primitive(SchemaType.Bytes, optional: false);

    /// <summary>An optional 8-bit integer schema.</summary>
    public static Schema OptionalInt8 { get; } = Primitive(SchemaType.Int8, optional: true);

    /// <summary>An optional 16-bit integer schema.</summary>
    public static Schema OptionalInt16 { get; } = Primitive(SchemaType.Int16, optional: true);

    /// <summary>An optional 32-bit integer schema.</summary>
    public static Schema OptionalInt32 { get; } = Primitive(SchemaType.Int32, optional: true);

    /// <summary>An optional 64-bit integer schema.</summary>
    public static Schema OptionalInt64 { get; } = Primitive(SchemaType.Int64, optional: true);

    /// <summary>An optional 32-bit floating point schema.</summary>
    public static Schema OptionalFloat32 { get; } = Primitive(SchemaType.Float32, optional: true);

    /// <summary>An optional 64-bit floating point schema.</summary>
    public static Schema OptionalFloat64 { get; } = Primitive(SchemaType.Float64, optional: true);

    /// <summary>An optional boolean schema.</summary>
    public static Schema OptionalBoolean { get; } = Primitive(SchemaType.Boolean, optional: true);

    /// <summary>An optional string schema.</summary>
    public static Schema OptionalString { get; } = Primitive(SchemaType.String, optional: true);

    /// <summary>An optional bytes schema.</summary>
    public static Schema OptionalBytes { get; } = Primitive(SchemaType.Bytes, optional: true);

    /// <summary>The predefined schema (required or optional, no name) of a primitive type.</summary>
    /// <param name="type">A primitive schema type.</param>
    /// <param name="optional">Whether the schema is optional.</param>
    /// <returns>The shared schema instance.</returns>
    /// <exception cref="ArgumentException"><paramref name="type"/> is Array, Map or Struct.</exception>
    public static Schema ForType(SchemaType type, bool optional = false) => (type, optional) switch
    {
        (SchemaType.Int8, false) => Int8,
        (SchemaType.Int16, false) => Int16,
        (SchemaType.Int32, false) => Int32,
        (SchemaType.Int64, false) => Int64,
        (SchemaType.Float32, false) => Float32,
        (SchemaType.Float64, false) => Float64,
        (SchemaType.Boolean, false) => Boolean,
        (SchemaType.String, false) => String,
        (SchemaType.Bytes, false) => Bytes,
        (SchemaType.Int8, true) => OptionalInt8,
        (SchemaType.Int16, true) => OptionalInt16,
        (SchemaType.Int32, true) => OptionalInt32,
        (SchemaType.Int64, true) => OptionalInt64,
        (SchemaType.Float32, true) => OptionalFloat32,
        (SchemaType.Float64, true) => OptionalFloat64,
        (SchemaType.Boolean, true) => OptionalBoolean,
        (SchemaType.String, true) => OptionalString,
        (SchemaType.Bytes, true) => OptionalBytes,
        _ => throw new ArgumentException($"{type} is not a primitive type; build it with SchemaBuilder.", nameof(type)),
    };

    private static Schema Primitive(SchemaType type, bool optional) =>
        new(type, optional, null, null, null, null, null, null, null, null);
}
