using System.Globalization;
using System.Numerics;
using System.Text;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// Number text exactly as Java prints it, which is what Jackson writes: <c>Double.toString</c> and
/// <c>Float.toString</c> (the shortest-digits rules of JDK 19 and later) and <c>BigDecimal.toString</c>.
/// </summary>
/// <remarks>
/// Java's rules: the shortest decimal that rounds back to the value (when that has one digit, a closer two-digit
/// decimal is preferred); plain notation with at least one fractional digit for magnitudes in [10^-3, 10^7)
/// (<c>100.0</c>, <c>0.001</c>); otherwise computerized scientific notation with at least one fractional digit and
/// no plus sign (<c>1.0E7</c>, <c>9.99E-4</c>). JDK 18 and older sometimes printed a longer digit string for the same
/// value (2e23 as <c>1.9999999999999998E23</c>); both read back as the same number.
/// </remarks>
internal static class JavaNumberFormat
{
    /// <summary>Java's <c>Double.toString</c> of a finite value.</summary>
    /// <param name="value">A finite double.</param>
    /// <returns>The text, e.g. <c>1.0E20</c>.</returns>
    public static string ToJavaString(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Format(value, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Java's <c>Float.toString</c> of a finite value.</summary>
    /// <param name="value">A finite float.</param>
    /// <returns>The text, e.g. <c>1.0E10</c>.</returns>
    public static string ToJavaString(float value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Format(value, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>The longest text <see cref="Format(double, Span{byte})"/> writes.</summary>
    public const int MaxLength = 32;

    /// <summary>Magnitudes from here on are printed in scientific notation (<c>1.0E7</c>).</summary>
    private const double PlainLimit = 1e7;

    /// <summary>Magnitudes below this are printed in scientific notation (<c>9.99E-4</c>).</summary>
    private const double PlainFloor = 1e-3;

    /// <summary>Writes Java's <c>Double.toString</c> of a finite value as ASCII.</summary>
    /// <param name="value">A finite double.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values have a JSON number form.");
        }

        if (value == 0)
        {
            return WriteZero(double.IsNegative(value), destination);
        }

        if (Math.Abs(value) < PlainLimit && value == Math.Truncate(value))
        {
            // A whole number Java prints plainly is the integer and ".0" (5.0, 1234567.0): no digit search needed,
            // and it skips the one-digit case below, which formats and parses the value a second time.
            ((long)value).TryFormat(destination, out var integerLength, default, CultureInfo.InvariantCulture);
            ".0"u8.CopyTo(destination[integerLength..]);
            return integerLength + 2;
        }

        var shortest = ShortestDigits.Compute(value, out var lastDigitExponent);
        Span<byte> digits = stackalloc byte[20];
        shortest.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);
        var exponent = lastDigitExponent + digitCount - 1;
        while (digitCount > 1 && digits[digitCount - 1] == (byte)'0')
        {
            digitCount--;
        }

        // With one shortest digit Java also considers two digits (see the general path).
        return digitCount == 1 ? FormatByDigitSearch(value, destination) : Render(value < 0, digits[..digitCount], exponent, destination);
    }

    /// <summary>
    /// <see cref="Format(double, Span{byte})"/> for a non-zero, finite value that is not a whole number, through
    /// .NET's shortest round-trip text: the general path, which the faster ones must agree with.
    /// </summary>
    /// <param name="value">A finite, non-zero double.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    internal static int FormatByDigitSearch(double value, Span<byte> destination)
    {
        if (Math.Abs(value) is >= PlainFloor and < PlainLimit
            && value.TryFormat(destination, out var plainLength, "R", CultureInfo.InvariantCulture)
            && HasFractionAndTwoDigits(destination[..plainLength]))
        {
            // In Java's plain range .NET's shortest text is Java's, once it has a fraction and more than one digit
            // (the one-digit case may differ, see below).
            return plainLength;
        }

        Span<char> text = stackalloc char[MaxLength];
        value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[20];
        var (digitCount, exponent) = Decompose(text[..written], digits);
        if (digitCount == 1)
        {
            // With one shortest digit Java also considers two digits and takes the decimal closest to the value.
            value.TryFormat(text, out written, "E1", CultureInfo.InvariantCulture);
            if (text[2] != '0' && double.Parse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture) == value)
            {
                (digitCount, exponent) = Decompose(text[..written], digits);
            }
        }

        return Render(value < 0, digits[..digitCount], exponent, destination);
    }

    /// <summary>Writes Java's <c>Float.toString</c> of a finite value as ASCII.</summary>
    /// <param name="value">A finite float.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(float value, Span<byte> destination)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values have a JSON number form.");
        }

        if (value == 0)
        {
            return WriteZero(float.IsNegative(value), destination);
        }

        Span<char> text = stackalloc char[MaxLength];
        value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[20];
        var (digitCount, exponent) = Decompose(text[..written], digits);
        if (digitCount == 1)
        {
            value.TryFormat(text, out written, "E1", CultureInfo.InvariantCulture);
            if (text[2] != '0' && float.Parse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture) == value)
            {
                (digitCount, exponent) = Decompose(text[..written], digits);
            }
        }

        return Render(value < 0, digits[..digitCount], exponent, destination);
    }

    /// <summary>Java's <c>BigDecimal.toString</c> of an unscaled value and a non-negative scale.</summary>
    /// <param name="unscaled">The unscaled value.</param>
    /// <param name="scale">The scale, 0 or more.</param>
    /// <returns>The text, e.g. <c>1.56</c>, <c>1E-8</c> or <c>0E-8</c>.</returns>
    public static string BigDecimalToString(BigInteger unscaled, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        var coefficient = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(coefficient.Length + 8);
        if (unscaled.Sign < 0)
        {
            text.Append('-');
        }

        long adjusted = -(long)scale + (coefficient.Length - 1);
        if (scale == 0)
        {
            text.Append(coefficient);
        }
        else if (adjusted >= -6)
        {
            var pointAt = coefficient.Length - scale;
            if (pointAt > 0)
            {
                text.Append(coefficient, 0, pointAt).Append('.').Append(coefficient, pointAt, scale);
            }
            else
            {
                text.Append("0.").Append('0', -pointAt).Append(coefficient);
            }
        }
        else
        {
            text.Append(coefficient[0]);
            if (coefficient.Length > 1)
            {
                text.Append('.').Append(coefficient, 1, coefficient.Length - 1);
            }

            text.Append('E').Append(adjusted.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// Whether .NET's round-trip text of a value in [10^-3, 10^7) is plain notation with a decimal point and at least two
    /// significant digits, which is then exactly what Java prints.
    /// </summary>
    private static bool HasFractionAndTwoDigits(ReadOnlySpan<byte> text)
    {
        var hasPoint = false;
        var significant = 0;
        foreach (var c in text)
        {
            if (c == (byte)'.')
            {
                hasPoint = true;
            }
            else if (c is >= (byte)'1' and <= (byte)'9' || (c == (byte)'0' && significant > 0))
            {
                significant++;
            }
            else if (c is not ((byte)'0' or (byte)'-'))
            {
                return false;
            }
        }

        return hasPoint && significant >= 2;
    }

    private static int WriteZero(bool negative, Span<byte> destination)
    {
        var text = negative ? "-0.0"u8 : "0.0"u8;
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>Splits .NET's number text into significant digits and the power of ten of the first digit.</summary>
    private static (int DigitCount, int Exponent) Decompose(ReadOnlySpan<char> text, Span<byte> digits)
    {
        var exponentAt = text.IndexOfAny('E', 'e');
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (mantissa.Length > 0 && mantissa[0] == '-')
        {
            mantissa = mantissa[1..];
        }

        var pointAt = mantissa.IndexOf('.');
        var integerDigits = pointAt < 0 ? mantissa.Length : pointAt;
        var count = 0;
        var leadingZeros = 0;
        foreach (var c in mantissa)
        {
            if (c == '.')
            {
                continue;
            }

            if (count == 0 && c == '0')
            {
                leadingZeros++;
                continue;
            }

            digits[count++] = (byte)c;
        }

        while (count > 1 && digits[count - 1] == '0')
        {
            count--;
        }

        return (count, integerDigits - 1 - leadingZeros + exponent);
    }

    private static int Render(bool negative, ReadOnlySpan<byte> digits, int exponent, Span<byte> destination)
    {
        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        if (exponent is >= -3 and < 7)
        {
            if (exponent >= 0)
            {
                for (var i = 0; i <= exponent; i++)
                {
                    destination[at++] = i < digits.Length ? digits[i] : (byte)'0';
                }

                destination[at++] = (byte)'.';
                if (digits.Length > exponent + 1)
                {
                    digits[(exponent + 1)..].CopyTo(destination[at..]);
                    at += digits.Length - exponent - 1;
                }
                else
                {
                    destination[at++] = (byte)'0';
                }
            }
            else
            {
                destination[at++] = (byte)'0';
                destination[at++] = (byte)'.';
                for (var i = -1; i > exponent; i--)
                {
                    destination[at++] = (byte)'0';
                }

                digits.CopyTo(destination[at..]);
                at += digits.Length;
            }

            return at;
        }

        destination[at++] = digits[0];
        destination[at++] = (byte)'.';
        if (digits.Length > 1)
        {
            digits[1..].CopyTo(destination[at..]);
            at += digits.Length - 1;
        }
        else
        {
            destination[at++] = (byte)'0';
        }

        destination[at++] = (byte)'E';
        exponent.TryFormat(destination[at..], out var exponentLength, default, CultureInfo.InvariantCulture);
        return at + exponentLength;
    }
}
