using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// The text forms Java gives values, which Kafka Connect writes on the wire (header values, string keys) and in its
/// messages: <c>Double.toString</c>, <c>Float.toString</c>, <c>BigDecimal.toString</c>, <c>BigDecimal(String)</c>,
/// <c>String.trim</c>, and Kafka's <c>Schema{INT32}</c> schema descriptions.
/// </summary>
/// <remarks>
/// Floating point numbers follow the JDK 19+ specification of <c>Double.toString</c>/<c>Float.toString</c>: the
/// shortest decimal that rounds to the value (or the closest two-digit one when a single digit suffices), plain for
/// magnitudes in [10^-3, 10^7) and in computerized scientific notation (<c>1.0E10</c>) otherwise. Older JDKs print a
/// few rare values with more digits.
/// </remarks>
internal static class JavaText
{
    // Exponents past these make every double (and float) overflow or underflow, whatever the digits.
    private const int MaxMeaningfulExponent = 400;

    /// <summary>Formats a double as Java's <c>Double.toString</c> does.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var magnitude = Math.Abs(value);
        var (digits, exponent) = Decompose(magnitude.ToString("R", CultureInfo.InvariantCulture));
        if (digits.Length == 1)
        {
            // Java picks the closest decimal of length 1 or 2 when one digit is enough (4.9E-324, not 5E-324).
            var twoDigits = magnitude.ToString("E1", CultureInfo.InvariantCulture);
            if (double.Parse(twoDigits, NumberStyles.Float, CultureInfo.InvariantCulture) == magnitude)
            {
                (digits, exponent) = Decompose(twoDigits);
            }
        }

        return Layout(value < 0, digits, exponent);
    }

    /// <summary>Formats a float as Java's <c>Float.toString</c> does.</summary>
    public static string FormatFloat(float value)
    {
        if (float.IsNaN(value))
        {
            return "NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return float.IsNegative(value) ? "-0.0" : "0.0";
        }

        var magnitude = Math.Abs(value);
        var (digits, exponent) = Decompose(magnitude.ToString("R", CultureInfo.InvariantCulture));
        if (digits.Length == 1)
        {
            var twoDigits = magnitude.ToString("E1", CultureInfo.InvariantCulture);
            if (float.Parse(twoDigits, NumberStyles.Float, CultureInfo.InvariantCulture) == magnitude)
            {
                (digits, exponent) = Decompose(twoDigits);
            }
        }

        return Layout(value < 0, digits, exponent);
    }

    /// <summary>Formats a decimal as Java's <c>BigDecimal.toString</c> does for the same unscaled value and scale
    /// (<c>1.50</c>, <c>0.000001</c>, but <c>1E-7</c>).</summary>
    public static string FormatDecimal(decimal value) =>
        FormatBigDecimal(ConnectDecimal.Unscaled(value, value.Scale), value.Scale);

    /// <summary>Formats an unscaled value and scale as Java's <c>BigDecimal.toString</c> does.</summary>
    public static string FormatBigDecimal(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(digits.Length + 8);
        if (unscaled.Sign < 0)
        {
            text.Append('-');
        }

        if (scale == 0)
        {
            return text.Append(digits).ToString();
        }

        var adjusted = -(long)scale + (digits.Length - 1);
        if (scale > 0 && adjusted >= -6)
        {
            if (digits.Length > scale)
            {
                text.Append(digits, 0, digits.Length - scale).Append('.').Append(digits, digits.Length - scale, scale);
            }
            else
            {
                text.Append("0.").Append('0', scale - digits.Length).Append(digits);
            }

            return text.ToString();
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        if (adjusted != 0)
        {
            text.Append('E');
            if (adjusted > 0)
            {
                text.Append('+');
            }

            text.Append(adjusted.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// Parses text the way Java's <c>new BigDecimal(String)</c> does: an optional sign, digits with an optional
    /// decimal point, and an optional exponent (<c>-12.5e3</c>, <c>.5</c>, <c>1.</c>). No whitespace is allowed.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="unscaled">The unscaled value.</param>
    /// <param name="scale">The scale: the value is <paramref name="unscaled"/> × 10^-<paramref name="scale"/>.</param>
    /// <returns><see langword="false"/> where Java throws <c>NumberFormatException</c>.</returns>
    public static bool TryParseBigDecimal(ReadOnlySpan<char> text, out BigInteger unscaled, out int scale)
    {
        unscaled = BigInteger.Zero;
        scale = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var integerDigits = text[integerStart..i];
        var fractionDigits = ReadOnlySpan<char>.Empty;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fractionStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            fractionDigits = text[fractionStart..i];
        }

        if (integerDigits.IsEmpty && fractionDigits.IsEmpty)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var negativeExponent = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                negativeExponent = text[i] == '-';
                i++;
            }

            var exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                exponent = (exponent * 10) + (text[i] - '0');
                if (exponent > int.MaxValue + 1L)
                {
                    return false;
                }

                i++;
            }

            if (i == exponentStart)
            {
                return false;
            }

            exponent = negativeExponent ? -exponent : exponent;
        }

        if (i != text.Length)
        {
            return false;
        }

        var computedScale = fractionDigits.Length - exponent;
        if (computedScale is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        var allDigits = string.Concat(integerDigits, fractionDigits);
        var magnitude = BigInteger.Parse(allDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        unscaled = negative ? -magnitude : magnitude;
        scale = (int)computedScale;
        return true;
    }

    /// <summary>The double nearest to unscaled × 10^-scale, as Java's <c>BigDecimal.doubleValue</c> gives it.</summary>
    public static double ToDouble(BigInteger unscaled, int scale)
    {
        if (unscaled.IsZero)
        {
            return 0.0;
        }

        var text = ScientificText(unscaled, scale, out var overflow, out var underflow);
        if (overflow)
        {
            return unscaled.Sign > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        if (underflow)
        {
            return unscaled.Sign > 0 ? 0.0 : -0.0;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The float nearest to unscaled × 10^-scale, as Java's <c>BigDecimal.floatValue</c> gives it.</summary>
    public static float ToSingle(BigInteger unscaled, int scale)
    {
        if (unscaled.IsZero)
        {
            return 0.0f;
        }

        var text = ScientificText(unscaled, scale, out var overflow, out var underflow);
        if (overflow)
        {
            return unscaled.Sign > 0 ? float.PositiveInfinity : float.NegativeInfinity;
        }

        if (underflow)
        {
            return unscaled.Sign > 0 ? 0.0f : -0.0f;
        }

        return float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The <see cref="decimal"/> with exactly this unscaled value and scale, if one exists.</summary>
    public static bool TryToDecimal(BigInteger unscaled, int scale, out decimal value)
    {
        value = 0m;
        if (scale is < 0 or > ConnectDecimal.MaxScale || BigInteger.Abs(unscaled).GetBitLength() > 96)
        {
            return false;
        }

        value = ConnectDecimal.FromUnscaled(unscaled, scale);
        return true;
    }

    /// <summary>
    /// The <see cref="decimal"/> equal to unscaled × 10^-scale, changing the scale only where a <see cref="decimal"/>
    /// cannot hold it (a negative scale, or trailing zeros past 28 places).
    /// </summary>
    public static bool TryToDecimalValue(BigInteger unscaled, int scale, out decimal value)
    {
        if (unscaled.IsZero)
        {
            value = 0m;
            return true;
        }

        while (scale > ConnectDecimal.MaxScale && (unscaled % 10).IsZero)
        {
            unscaled /= 10;
            scale--;
        }

        if (scale < 0)
        {
            if (-(long)scale > 30)
            {
                value = 0m;
                return false;
            }

            unscaled *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        return TryToDecimal(unscaled, scale, out value);
    }

    /// <summary>Removes leading and trailing characters up to U+0020, as Java's <c>String.trim</c> does.</summary>
    public static string Trim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && text[start] <= ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>Whether the text is empty after <see cref="Trim"/>, as Kafka's <c>Utils.isBlank</c> checks.</summary>
    public static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (c > ' ')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The Java name of a schema type, as Kafka prints it: <c>INT32</c>, <c>STRUCT</c>.</summary>
    public static string TypeName(SchemaType type) => type.ToWireName().ToUpperInvariant();

    /// <summary>A schema as Kafka's <c>ConnectSchema.toString</c> prints it: <c>Schema{INT32}</c> or <c>Schema{name:INT32}</c>.</summary>
    public static string Describe(Schema schema) =>
        schema.Name is null ? $"Schema{{{TypeName(schema.Type)}}}" : $"Schema{{{schema.Name}:{TypeName(schema.Type)}}}";

    /// <summary>Schema parameters as Java's <c>Map.toString</c> prints them: <c>{scale=2}</c>, or <c>null</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null)
        {
            return "null";
        }

        var text = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in parameters)
        {
            if (!first)
            {
                text.Append(", ");
            }

            first = false;
            text.Append(key).Append('=').Append(value);
        }

        return text.Append('}').ToString();
    }

    /// <summary>
    /// A value's text as Java's <c>toString</c> gives it for the matching Java type: <c>true</c>, <c>1.0</c>,
    /// <c>[1, 2]</c>, <c>{a=1}</c>, and <c>Thu Jan 01 00:00:00 UTC 1970</c> for a <see cref="DateTime"/> (a
    /// <c>java.util.Date</c> printed by a JVM whose time zone is UTC). Other values use their invariant text.
    /// </summary>
    public static string ToJavaString(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                return text;
            case bool flag:
                return flag ? "true" : "false";
            case double number:
                return FormatDouble(number);
            case float number:
                return FormatFloat(number);
            case decimal number:
                return FormatDecimal(number);
            case DateTime instant:
                return LogicalTime.FromEpochMillis(LogicalTime.ToEpochMillis(instant))
                    .ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
            case byte[] or ReadOnlyMemory<byte> or Struct:
                return value.ToString() ?? string.Empty;
            case IDictionary map:
                var mapText = new StringBuilder("{");
                var firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    if (!firstEntry)
                    {
                        mapText.Append(", ");
                    }

                    firstEntry = false;
                    mapText.Append(ToJavaString(entry.Key)).Append('=').Append(ToJavaString(entry.Value));
                }

                return mapText.Append('}').ToString();
            case IList list:
                var listText = new StringBuilder("[");
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        listText.Append(", ");
                    }

                    listText.Append(ToJavaString(list[i]));
                }

                return listText.Append(']').ToString();
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return value.ToString() ?? string.Empty;
        }
    }

    /// <summary>Splits .NET's round-trip or exponential text of a positive number into significant digits (no
    /// leading or trailing zeros) and the exponent of the first digit: 123.4 is ("1234", 2).</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var exponent = 0;
        var mantissa = text;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..e];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fractionLength = point < 0 ? 0 : mantissa.Length - point - 1;
        var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..];
        var firstDigitExponent = digits.Length - 1 + exponent - fractionLength;
        digits = digits.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, firstDigitExponent);
    }

    /// <summary>Lays out significant digits as Java's <c>Double.toString</c> does.</summary>
    private static string Layout(bool negative, string digits, int exponent)
    {
        var text = new StringBuilder(digits.Length + 8);
        if (negative)
        {
            text.Append('-');
        }

        if (exponent is >= -3 and < 7)
        {
            if (exponent >= 0)
            {
                var integerLength = exponent + 1;
                if (digits.Length <= integerLength)
                {
                    text.Append(digits).Append('0', integerLength - digits.Length).Append(".0");
                }
                else
                {
                    text.Append(digits, 0, integerLength).Append('.').Append(digits, integerLength, digits.Length - integerLength);
                }
            }
            else
            {
                text.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
        }
        else
        {
            text.Append(digits[0]).Append('.');
            if (digits.Length > 1)
            {
                text.Append(digits, 1, digits.Length - 1);
            }
            else
            {
                text.Append('0');
            }

            text.Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Writes unscaled × 10^-scale as <c>-123E45</c> for .NET's parser, flagging exponents so far out that
    /// the result is certainly infinite or zero.</summary>
    private static string ScientificText(BigInteger unscaled, int scale, out bool overflow, out bool underflow)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var adjusted = digits.Length - 1 - (long)scale;
        overflow = adjusted > MaxMeaningfulExponent;
        underflow = adjusted < -MaxMeaningfulExponent;
        if (overflow || underflow)
        {
            return string.Empty;
        }

        return string.Concat(
            unscaled.Sign < 0 ? "-" : string.Empty,
            digits,
            "E",
            (-(long)scale).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The error Kafka raises for a value it cannot convert: <c>Unable to convert abc (System.String) to a number</c>.</summary>
    public static DataException Unconvertible(object value, string target, Exception? cause = null) =>
        new($"Unable to convert {ToJavaString(value)} ({value.GetType()}) to {target}", cause);
}
