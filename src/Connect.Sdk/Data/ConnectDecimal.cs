using System.Globalization;
using System.Numerics;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// The Decimal logical type (<c>org.apache.kafka.connect.data.Decimal</c>): a <see cref="decimal"/> stored as the
/// big-endian two's complement bytes of its unscaled value, with the scale in the schema's <c>scale</c> parameter.
/// </summary>
/// <remarks>
/// Values are <see cref="decimal"/>, so they are limited to 96-bit unscaled values and scales up to 28. A value is
/// rescaled to the schema's scale when that loses nothing (1.5 becomes 1.50 for scale 2); otherwise conversion fails.
/// </remarks>
public static class ConnectDecimal
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Decimal";

    /// <summary>The schema parameter that holds the scale.</summary>
    public const string ScaleField = "scale";

    /// <summary>The largest scale a <see cref="decimal"/> can carry.</summary>
    public const int MaxScale = 28;

    /// <summary>Starts a Decimal schema with a scale; make it optional or add docs before building.</summary>
    /// <param name="scale">The number of digits after the decimal point, 0 to <see cref="MaxScale"/>.</param>
    /// <returns>A bytes schema builder named <see cref="LogicalName"/>.</returns>
    public static SchemaBuilder Builder(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        return SchemaBuilder.Bytes()
            .Name(LogicalName)
            .Parameter(ScaleField, scale.ToString(CultureInfo.InvariantCulture))
            .Version(1);
    }

    /// <summary>A required Decimal schema with a scale.</summary>
    /// <param name="scale">The number of digits after the decimal point.</param>
    /// <returns>The schema.</returns>
    public static Schema Schema(int scale) => Builder(scale).Build();

    /// <summary>The scale of a Decimal schema.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <returns>The scale.</returns>
    /// <exception cref="DataException">The schema is not a Decimal schema or has no valid scale.</exception>
    public static int ScaleOf(Schema schema)
    {
        CheckSchema(schema);
        if (schema.Parameters is null || !schema.Parameters.TryGetValue(ScaleField, out var text))
        {
            throw new DataException("Invalid Decimal schema: scale parameter not found.");
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) || scale < 0)
        {
            throw new DataException($"Invalid scale parameter found in Decimal schema: \"{text}\".");
        }

        return scale;
    }

    /// <summary>Encodes a value as the unscaled two's complement bytes at the schema's scale.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <param name="value">The value.</param>
    /// <returns>The big-endian two's complement bytes of the unscaled value.</returns>
    /// <exception cref="DataException">The value has more decimal places than the scale allows.</exception>
    public static byte[] FromLogical(Schema schema, decimal value) =>
        Unscaled(value, ScaleOf(schema)).ToByteArray(isUnsigned: false, isBigEndian: true);

    /// <summary>Decodes unscaled two's complement bytes into a value with the schema's scale.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <param name="value">The big-endian two's complement bytes of the unscaled value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DataException">The bytes are empty, or the number does not fit a <see cref="decimal"/>.</exception>
    public static decimal ToLogical(Schema schema, ReadOnlySpan<byte> value)
    {
        var scale = ScaleOf(schema);
        if (value.IsEmpty)
        {
            throw new DataException("Invalid Decimal value: no bytes for the unscaled value.");
        }

        return FromUnscaled(new BigInteger(value, isUnsigned: false, isBigEndian: true), scale);
    }

    /// <summary>The unscaled integer of a value at a scale (123.45 at scale 2 is 12345).</summary>
    /// <param name="value">The value.</param>
    /// <param name="scale">The target scale.</param>
    /// <returns>The unscaled value.</returns>
    /// <exception cref="DataException">The value has more decimal places than <paramref name="scale"/>.</exception>
    public static BigInteger Unscaled(decimal value, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var valueScale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var magnitude = new BigInteger((uint)bits[0])
            | (new BigInteger((uint)bits[1]) << 32)
            | (new BigInteger((uint)bits[2]) << 64);
        if (valueScale > scale)
        {
            var divisor = BigInteger.Pow(10, valueScale - scale);
            var quotient = BigInteger.DivRem(magnitude, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                throw new DataException(
                    $"Decimal value {value.ToString(CultureInfo.InvariantCulture)} has more than {scale} decimal places, the scale of its Decimal schema.");
            }

            magnitude = quotient;
        }
        else if (valueScale < scale)
        {
            magnitude *= BigInteger.Pow(10, scale - valueScale);
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>A value from its unscaled integer and scale.</summary>
    /// <param name="unscaled">The unscaled value.</param>
    /// <param name="scale">The scale.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DataException">The number does not fit a <see cref="decimal"/>.</exception>
    public static decimal FromUnscaled(BigInteger unscaled, int scale)
    {
        var magnitude = BigInteger.Abs(unscaled);
        if (scale > MaxScale || magnitude.GetBitLength() > 96)
        {
            throw new DataException(
                $"Decimal value with unscaled value {unscaled} and scale {scale} does not fit System.Decimal (96-bit unscaled value, scale at most {MaxScale}).");
        }

        var bytes = new byte[12];
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        var lo = BitConverter.ToInt32(bytes, 0);
        var mid = BitConverter.ToInt32(bytes, 4);
        var hi = BitConverter.ToInt32(bytes, 8);
        return new decimal(lo, mid, hi, unscaled.Sign < 0, (byte)scale);
    }

    private static void CheckSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != LogicalName)
        {
            throw new DataException("Requested conversion of Decimal object but the schema does not match.");
        }
    }
}
