using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// String escaping as Jackson's UTF-8 generator does it by default: <c>"</c> and <c>\</c> escaped with a backslash,
/// the control characters U+0000 to U+001F as <c>\b</c>, <c>\t</c>, <c>\n</c>, <c>\f</c>, <c>\r</c> or <c>\u00XX</c>
/// (upper-case hex), every UTF-16 surrogate (so characters outside the BMP, and unpaired surrogates) as its own
/// <c>\uXXXX</c>, and everything else, including DEL, <c>&lt;&gt;&amp;'/</c> and non-ASCII text, as raw UTF-8.
/// </summary>
internal static class JacksonText
{
    private static readonly SearchValues<char> CharsToEscape = SearchValues.Create(BuildCharsToEscape());

    // UTF-8 bytes that start an escape: control characters, quote, backslash and the lead byte of a 4-byte sequence
    // (a character outside the BMP, written as a surrogate pair of escapes).
    private static readonly SearchValues<byte> BytesToEscape = SearchValues.Create(BuildBytesToEscape());

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoder to give <see cref="Utf8JsonWriter"/> so property names and strings are escaped like Jackson's.</summary>
    public static JavaScriptEncoder Encoder { get; } = new JacksonEncoder();

    /// <summary>Whether a string has a surrogate, which <see cref="Utf8JsonWriter"/> cannot write like Jackson when unpaired.</summary>
    /// <param name="value">The string.</param>
    /// <returns><see langword="true"/> when <see cref="WriteQuoted"/> must be used.</returns>
    public static bool HasSurrogate(ReadOnlySpan<char> value) => value.ContainsAnyInRange('\uD800', '\uDFFF');

    /// <summary>Writes a string value, escaped like Jackson, unpaired surrogates included.</summary>
    /// <param name="writer">A writer using <see cref="Encoder"/>.</param>
    /// <param name="value">The string.</param>
    public static void WriteString(Utf8JsonWriter writer, string value)
    {
        if (!HasSurrogate(value))
        {
            writer.WriteStringValue(value);
            return;
        }

        using var quoted = new PooledBufferWriter((value.Length * 6) + 2);
        WriteQuoted(value, quoted);
        writer.WriteRawValue(quoted.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Writes a string as a quoted, escaped JSON string into a buffer.</summary>
    /// <param name="value">The string; unpaired surrogates are allowed.</param>
    /// <param name="output">Where to write the UTF-8 bytes.</param>
    public static void WriteQuoted(ReadOnlySpan<char> value, PooledBufferWriter output)
    {
        var span = output.GetSpan((value.Length * 6) + 2);
        var at = 0;
        span[at++] = (byte)'"';
        while (!value.IsEmpty)
        {
            var next = value.IndexOfAny(CharsToEscape);
            var plain = next < 0 ? value : value[..next];
            if (!plain.IsEmpty)
            {
                at += Encoding.UTF8.GetBytes(plain, span[at..]);
            }

            if (next < 0)
            {
                break;
            }

            at += WriteEscape(value[next], span[at..]);
            value = value[(next + 1)..];
        }

        span[at++] = (byte)'"';
        output.Advance(at);
    }

    /// <summary>Decodes the escaped UTF-8 text of a JSON string (without quotes), keeping unpaired surrogate escapes as Jackson does.</summary>
    /// <param name="escaped">The raw string content.</param>
    /// <returns>The string.</returns>
    /// <exception cref="JsonException">The text is not valid UTF-8 or has a malformed escape.</exception>
    public static string UnescapeLenient(ReadOnlySpan<byte> escaped)
    {
        var result = new StringBuilder(escaped.Length);
        while (!escaped.IsEmpty)
        {
            var slash = escaped.IndexOf((byte)'\\');
            var plain = slash < 0 ? escaped : escaped[..slash];
            if (!plain.IsEmpty)
            {
                try
                {
                    result.Append(StrictUtf8.GetString(plain));
                }
                catch (DecoderFallbackException e)
                {
                    throw new JsonException("Invalid UTF-8 in a JSON string.", e);
                }
            }

            if (slash < 0)
            {
                break;
            }

            if (slash + 1 >= escaped.Length)
            {
                throw new JsonException("Unterminated escape in a JSON string.");
            }

            var kind = escaped[slash + 1];
            var consumed = 2;
            switch (kind)
            {
                case (byte)'"': result.Append('"'); break;
                case (byte)'\\': result.Append('\\'); break;
                case (byte)'/': result.Append('/'); break;
                case (byte)'b': result.Append('\b'); break;
                case (byte)'f': result.Append('\f'); break;
                case (byte)'n': result.Append('\n'); break;
                case (byte)'r': result.Append('\r'); break;
                case (byte)'t': result.Append('\t'); break;
                case (byte)'u' when slash + 6 <= escaped.Length
                    && ushort.TryParse(escaped.Slice(slash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    result.Append((char)code);
                    consumed = 6;
                    break;
                default:
                    throw new JsonException($"Invalid escape '\\{(char)kind}' in a JSON string.");
            }

            escaped = escaped[(slash + consumed)..];
        }

        return result.ToString();
    }

    private static int WriteEscape(char c, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        byte shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\t' => (byte)'t',
            '\n' => (byte)'n',
            '\f' => (byte)'f',
            '\r' => (byte)'r',
            _ => 0,
        };
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }

        destination[1] = (byte)'u';
        ((int)c).TryFormat(destination[2..], out _, "X4", CultureInfo.InvariantCulture);
        return 6;
    }

    private static string BuildCharsToEscape()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        chars.Append('"').Append('\\');
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }

    private static byte[] BuildBytesToEscape()
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 0x20; b++)
        {
            bytes.Add((byte)b);
        }

        bytes.Add((byte)'"');
        bytes.Add((byte)'\\');
        for (var b = 0xF0; b <= 0xFF; b++)
        {
            bytes.Add((byte)b);
        }

        return [.. bytes];
    }

    /// <summary>
    /// Teaches <see cref="Utf8JsonWriter"/> Jackson's escaping. The writer hands it whole scalars, so a character
    /// outside the BMP arrives as one value and is written as two escapes; an unpaired surrogate arrives as U+FFFD,
    /// which is why strings with surrogates are written with <see cref="WriteQuoted"/> instead.
    /// </summary>
    private sealed class JacksonEncoder : JavaScriptEncoder
    {
        public override int MaxOutputCharactersPerInputCharacter => 12;

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
            new ReadOnlySpan<char>(text, textLength).IndexOfAny(CharsToEscape);

        public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text) => utf8Text.IndexOfAny(BytesToEscape);

        public override bool WillEncode(int unicodeScalar) =>
            unicodeScalar is < 0x20 or '"' or '\\' or (>= 0xD800 and <= 0xDFFF) or > 0xFFFF;

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            var destination = new Span<char>(buffer, bufferLength);
            if (unicodeScalar > 0xFFFF)
            {
                Span<char> pair = stackalloc char[2];
                new Rune(unicodeScalar).EncodeToUtf16(pair);
                if (destination.Length < 12)
                {
                    numberOfCharactersWritten = 0;
                    return false;
                }

                WriteUnicodeEscape(pair[0], destination);
                WriteUnicodeEscape(pair[1], destination[6..]);
                numberOfCharactersWritten = 12;
                return true;
            }

            if (!WillEncode(unicodeScalar))
            {
                if (destination.IsEmpty)
                {
                    numberOfCharactersWritten = 0;
                    return false;
                }

                destination[0] = (char)unicodeScalar;
                numberOfCharactersWritten = 1;
                return true;
            }

            Span<byte> escape = stackalloc byte[6];
            var length = WriteEscape((char)unicodeScalar, escape);
            if (length > destination.Length)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                destination[i] = (char)escape[i];
            }

            numberOfCharactersWritten = length;
            return true;
        }

        private static void WriteUnicodeEscape(char c, Span<char> destination)
        {
            destination[0] = '\\';
            destination[1] = 'u';
            ((int)c).TryFormat(destination[2..], out _, "X4", CultureInfo.InvariantCulture);
        }
    }
}
