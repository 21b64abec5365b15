using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// Turns values into the text Java's <c>toString()</c> gives for them, which is what Kafka's transforms produce
/// (<c>42.0</c> for a double, <c>true</c> for a boolean, <c>1E-7</c> for a tiny BigDecimal, Base64 for bytes).
/// </summary>
internal static class JavaText
{
    private const long MillisPerDay = 24L * 60 * 60 * 1000;

    private static readonly JavaDateFormat DateFormat = JavaDateFormat.Create("yyyy-MM-dd");
    private static readonly JavaDateFormat TimeFormat = JavaDateFormat.Create("HH:mm:ss.SSS'Z'");
    private static readonly JavaDateFormat TimestampFormat = JavaDateFormat.Create("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    /// <summary>The text of a Connect value, as <c>Object.toString()</c> (or Kafka's date formats) would give it.</summary>
    public static string ToJavaString(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => FormatDouble(number),
        float number => FormatFloat(number),
        decimal number => FormatDecimal(number),
        DateTime instant => FormatDate(instant),
        byte[] bytes => Convert.ToBase64String(bytes),
        ReadOnlyMemory<byte> memory => Convert.ToBase64String(memory.Span),
        Struct or IDictionary or IList when value is not string => FormatComposite(value),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Kafka's <c>Values.dateFormatFor</c>: a time (before the second day of the epoch) as <c>HH:mm:ss.SSS'Z'</c>,
    /// a midnight as <c>yyyy-MM-dd</c>, anything else as <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>, in UTC.
    /// </summary>
    public static string FormatDate(DateTime value)
    {
        var millis = EpochMillis(value);
        if (millis < MillisPerDay && millis >= 0)
        {
            return TimeFormat.Format(value);
        }

        return millis % MillisPerDay == 0 ? DateFormat.Format(value) : TimestampFormat.Format(value);
    }

    /// <summary>Java's <c>Double.toString</c>.</summary>
    public static string FormatDouble(double value) =>
        Format(double.IsNaN(value), double.IsInfinity(value), value == 0, double.IsNegative(value), Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Java's <c>Float.toString</c>.</summary>
    public static string FormatFloat(float value) =>
        Format(float.IsNaN(value), float.IsInfinity(value), value == 0, float.IsNegative(value), Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Java's <c>BigDecimal.toString</c> for a decimal (scientific notation below 1E-6).</summary>
    public static string FormatDecimal(decimal value)
    {
        var scale = value.Scale;
        var unscaled = BigInteger.Abs(ConnectDecimal.Unscaled(value, scale));
        var digits = unscaled.ToString(CultureInfo.InvariantCulture);
        var adjusted = -scale + (digits.Length - 1);
        if (adjusted >= -6)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder();
        if (value < 0)
        {
            text.Append('-');
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        return text.Append('E').Append(adjusted.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Milliseconds since the epoch, rounded down like <c>java.util.Date</c>.</summary>
    public static long EpochMillis(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return FloorDiv(utc.Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond);
    }

    /// <summary>The instant at a number of milliseconds since the epoch, in UTC.</summary>
    /// <exception cref="Errors.DataException">The instant is outside the range of <see cref="DateTime"/>.</exception>
    public static DateTime FromEpochMillis(long millis) => ConnectTimestamp.ToLogical(ConnectTimestamp.Schema, millis);

    /// <summary>Rounds an instant down to whole milliseconds, in UTC, as a <c>java.util.Date</c> holds it.</summary>
    public static DateTime TruncateToMillis(DateTime value) => FromEpochMillis(EpochMillis(value));

    public static long FloorDiv(long x, long y)
    {
        var quotient = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
    }

    private static string Format(bool isNaN, bool isInfinity, bool isZero, bool isNegative, string roundTrip)
    {
        if (isNaN)
        {
            return "NaN";
        }

        if (isInfinity)
        {
            return isNegative ? "-Infinity" : "Infinity";
        }

        if (isZero)
        {
            return isNegative ? "-0.0" : "0.0";
        }

        // roundTrip is the shortest text that round-trips, e.g. "123.45", "1E+20" or "1.5E-05".
        var exponentAt = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);

        // The value is 0.<digits> * 10^pointPosition once leading zeros are dropped.
        var pointPosition = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        pointPosition -= leadingZeros;
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var text = new StringBuilder();
        if (isNegative)
        {
            text.Append('-');
        }

        // Java switches to scientific notation outside [1e-3, 1e7).
        var magnitudeExponent = pointPosition - 1;
        if (magnitudeExponent is >= -3 and < 7)
        {
            if (pointPosition <= 0)
            {
                text.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                text.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
        }
        else
        {
            text.Append(digits[0]).Append('.');
            text.Append(digits.Length > 1 ? digits[1..] : "0");
            text.Append('E').Append(magnitudeExponent.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string FormatComposite(object value) => value switch
    {
        Struct structValue => structValue.ToString(),
        IDictionary map => "{" + string.Join(", ", map.Cast<DictionaryEntry>().Select(e => Element(e.Key) + "=" + Element(e.Value))) + "}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Element)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Element(object? value) => value is null ? "null" : ToJavaString(value);
}
