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
internal static class JavaValueText
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
    public static string FormatDouble(double value) => Connect.Sdk.Data.JavaText.FormatDouble(value);

    /// <summary>Java's <c>Float.toString</c>.</summary>
    public static string FormatFloat(float value) => Connect.Sdk.Data.JavaText.FormatFloat(value);

    /// <summary>Java's <c>BigDecimal.toString</c> for a decimal (scientific notation below 1E-6).</summary>
    public static string FormatDecimal(decimal value) => Connect.Sdk.Data.JavaText.FormatDecimal(value);

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

    private static string FormatComposite(object value) => value switch
    {
        Struct structValue => structValue.ToString(),
        IDictionary map => "{" + string.Join(", ", map.Cast<DictionaryEntry>().Select(e => Element(e.Key) + "=" + Element(e.Value))) + "}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Element)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Element(object? value) => value is null ? "null" : ToJavaString(value);
}
