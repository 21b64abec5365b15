using System.Globalization;
using System.Numerics;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// Java's numeric conversions, which Kafka's Cast and MaskField rely on: <c>Number.intValue()</c> and friends (integers
/// wrap, floating point saturates, BigDecimal keeps the low bits of its integer part) and <c>Integer.parseInt</c>,
/// <c>Float.parseFloat</c>, <c>Boolean.parseBoolean</c> for strings.
/// </summary>
internal static class JavaNumbers
{
    public static bool IsNumber(object value) => value is sbyte or short or int or long or float or double or decimal or byte;

    public static sbyte ByteValue(object number) => unchecked((sbyte)IntValue(number));

    public static short ShortValue(object number) => unchecked((short)IntValue(number));

    public static int IntValue(object number) => number switch
    {
        sbyte b => b,
        byte b => b,
        short s => s,
        int i => i,
        long l => unchecked((int)l),
        float f => SaturateToInt(f),
        double d => SaturateToInt(d),
        decimal m => unchecked((int)LowBits(m)),
        _ => throw new DataException("Unexpected type in Cast transformation: " + Requirements.TypeName(number)),
    };

    public static long LongValue(object number) => number switch
    {
        sbyte b => b,
        byte b => b,
        short s => s,
        int i => i,
        long l => l,
        float f => SaturateToLong(f),
        double d => SaturateToLong(d),
        decimal m => LowBits(m),
        _ => throw new DataException("Unexpected type in Cast transformation: " + Requirements.TypeName(number)),
    };

    public static float FloatValue(object number) => number switch
    {
        float f => f,
        double d => (float)d,
        decimal m => (float)m,
        _ => LongValue(number),
    };

    public static double DoubleValue(object number) => number switch
    {
        float f => f,
        double d => d,
        decimal m => (double)m,
        _ => LongValue(number),
    };

    /// <summary><c>Long.parseLong</c>: an optional sign and decimal digits, nothing else.</summary>
    public static bool TryParseLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary><c>Double.parseDouble</c>: surrounding whitespace, <c>NaN</c>, <c>Infinity</c> and a trailing <c>d</c>/<c>f</c> are accepted.</summary>
    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(FloatingText(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary><c>Float.parseFloat</c>.</summary>
    public static bool TryParseFloat(string text, out float value) =>
        float.TryParse(FloatingText(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary><c>Boolean.parseBoolean</c>: <c>true</c> in any case is true, anything else false.</summary>
    public static bool ParseBoolean(string text) => text.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static string FloatingText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && trimmed[^1] is 'd' or 'D' or 'f' or 'F' && !trimmed.EndsWith("Infinity", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed;
    }

    private static int SaturateToInt(double value) => double.IsNaN(value)
        ? 0
        : value >= int.MaxValue ? int.MaxValue : value <= int.MinValue ? int.MinValue : (int)value;

    private static long SaturateToLong(double value) => double.IsNaN(value)
        ? 0
        : value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)value;

    private static long LowBits(decimal value)
    {
        var integer = new BigInteger(decimal.Truncate(value));
        return unchecked((long)(ulong)(integer & ulong.MaxValue));
    }
}
