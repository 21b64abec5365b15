using System.Text.Json;

namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// A logical type annotation (<c>decimal</c>, <c>date</c>, <c>time-millis</c>, <c>time-micros</c>,
/// <c>timestamp-millis</c>, <c>timestamp-micros</c>, <c>local-timestamp-millis</c>, <c>local-timestamp-micros</c>,
/// <c>uuid</c>). Values stay in their underlying Avro type; the annotation only tells readers how to interpret them.
/// </summary>
/// <remarks>
/// As the specification requires, an annotation that is not valid for its schema (an unknown name, <c>date</c> on a
/// string, a decimal whose precision does not fit its fixed size) is ignored and the schema is read as its underlying type.
/// </remarks>
internal sealed class LogicalType
{
    public const string Decimal = "decimal";
    public const string Date = "date";
    public const string TimeMillis = "time-millis";
    public const string TimeMicros = "time-micros";
    public const string TimestampMillis = "timestamp-millis";
    public const string TimestampMicros = "timestamp-micros";
    public const string LocalTimestampMillis = "local-timestamp-millis";
    public const string LocalTimestampMicros = "local-timestamp-micros";
    public const string Uuid = "uuid";

    private LogicalType(string name, int precision = 0, int scale = 0)
    {
        Name = name;
        Precision = precision;
        Scale = scale;
    }

    /// <summary>The logical type name, e.g. <c>decimal</c>.</summary>
    public string Name { get; }

    /// <summary>The precision of a decimal (0 for other types).</summary>
    public int Precision { get; }

    /// <summary>The scale of a decimal (0 for other types).</summary>
    public int Scale { get; }

    /// <summary>Reads the annotation from a schema's properties, or returns <see langword="null"/> when it is absent or invalid.</summary>
    /// <param name="type">The underlying type.</param>
    /// <param name="fixedSize">The size, for fixed schemas.</param>
    /// <param name="properties">The schema's properties.</param>
    /// <returns>The logical type or <see langword="null"/>.</returns>
    public static LogicalType? FromProperties(AvroType type, int fixedSize, IReadOnlyList<KeyValuePair<string, JsonElement>> properties)
    {
        JsonElement? logical = null;
        JsonElement? precision = null;
        JsonElement? scale = null;
        foreach (var (key, value) in properties)
        {
            switch (key)
            {
                case "logicalType": logical = value; break;
                case "precision": precision = value; break;
                case "scale": scale = value; break;
            }
        }

        if (logical is not { ValueKind: JsonValueKind.String } name)
        {
            return null;
        }

        return name.GetString() switch
        {
            Decimal => DecimalOf(type, fixedSize, precision, scale),
            Date when type == AvroType.Int => new LogicalType(Date),
            TimeMillis when type == AvroType.Int => new LogicalType(TimeMillis),
            TimeMicros when type == AvroType.Long => new LogicalType(TimeMicros),
            TimestampMillis when type == AvroType.Long => new LogicalType(TimestampMillis),
            TimestampMicros when type == AvroType.Long => new LogicalType(TimestampMicros),
            LocalTimestampMillis when type == AvroType.Long => new LogicalType(LocalTimestampMillis),
            LocalTimestampMicros when type == AvroType.Long => new LogicalType(LocalTimestampMicros),
            Uuid when type == AvroType.String => new LogicalType(Uuid),
            _ => null,
        };
    }

    /// <summary>The largest decimal precision a fixed of <paramref name="size"/> bytes can hold.</summary>
    /// <param name="size">The fixed size in bytes.</param>
    /// <returns>floor(log10(2^(8*size-1) - 1)).</returns>
    public static int MaxPrecisionForFixed(int size) =>
        size <= 0 ? 0 : (int)Math.Floor(Math.Log10(Math.Pow(2, (8 * size) - 1) - 1));

    private static LogicalType? DecimalOf(AvroType type, int fixedSize, JsonElement? precisionElement, JsonElement? scaleElement)
    {
        if (type is not (AvroType.Bytes or AvroType.Fixed))
        {
            return null;
        }

        if (precisionElement is not { ValueKind: JsonValueKind.Number } p || !p.TryGetInt32(out var precision) || precision <= 0)
        {
            return null;
        }

        var scale = 0;
        if (scaleElement is { } s)
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out scale) || scale < 0)
            {
                return null;
            }
        }

        if (scale > precision || (type == AvroType.Fixed && precision > MaxPrecisionForFixed(fixedSize)))
        {
            return null;
        }

        return new LogicalType(Decimal, precision, scale);
    }
}
