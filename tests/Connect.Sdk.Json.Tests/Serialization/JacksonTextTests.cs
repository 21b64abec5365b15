using System.Text;
using System.Text.Json;
using Connect.Sdk.Json.Serialization;

namespace Connect.Sdk.Json.Tests.Serialization;

public class JacksonTextTests
{
    // Expected bytes were produced by Jackson 2.14 (ObjectMapper.writeValueAsBytes of an ObjectNode holding the
    // same strings), the writer Kafka's JsonSerializer uses.
    private const string JacksonAscii =
        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012"
        + "\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F !\\\"#$%&'()*+,-./0123456789:;<=>?@"
        + "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\"";

    private static string AllAscii()
    {
        var text = new StringBuilder();
        for (var c = '\0'; c < 0x80; c++)
        {
            text.Append(c);
        }

        return text.ToString();
    }

    private static string WriteWithUtf8JsonWriter(Action<Utf8JsonWriter> write)
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriterLease.Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void WriteString_Ascii_EscapesLikeJackson() =>
        WriteWithUtf8JsonWriter(w => JacksonText.WriteString(w, AllAscii())).Should().Be(JacksonAscii);

    [Fact]
    public void WriteQuoted_Ascii_EscapesLikeJackson()
    {
        using var buffer = new PooledBufferWriter();
        JacksonText.WriteQuoted(AllAscii(), buffer);
        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(JacksonAscii);
    }

    [Theory]
    [InlineData("\u00e9\u20ac\u2028\u2029\ufeff\u0085\u00a0", "\"\u00e9\u20ac\u2028\u2029\ufeff\u0085\u00a0\"")]
    [InlineData("\ud83d\ude00", "\"\\uD83D\\uDE00\"")]
    [InlineData("<>&'/", "\"<>&'/\"")]
    [InlineData("\ufffd", "\"\ufffd\"")]
    public void WriteString_NonAsciiAndSurrogates_EscapesLikeJackson(string value, string expected) =>
        WriteWithUtf8JsonWriter(w => JacksonText.WriteString(w, value)).Should().Be(expected);

    [Fact]
    public void WriteString_UnpairedSurrogates_EscapesEachLikeJackson()
    {
        // Built in code: xunit cannot carry unpaired surrogates through theory data.
        var value = "a" + (char)0xD800 + "b" + (char)0xDC00 + "c";
        WriteWithUtf8JsonWriter(w => JacksonText.WriteString(w, value)).Should().Be("\"a\\uD800b\\uDC00c\"");
    }

    [Fact]
    public void UnescapeLenient_UnpairedSurrogateEscape_KeepsTheSurrogate() =>
        JacksonText.UnescapeLenient("x\\uD800y"u8).Should().Be("x" + (char)0xD800 + "y");

    [Fact]
    public void PropertyName_WithQuoteControlAndEmoji_EscapesLikeJackson() =>
        WriteWithUtf8JsonWriter(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("k\"ey\n\u0001\ud83d\ude00", 1);
            w.WriteEndObject();
        }).Should().Be("{\"k\\\"ey\\n\\u0001\\uD83D\\uDE00\":1}");

    [Fact]
    public void Base64_UsesStandardAlphabetWithPadding() =>
        WriteWithUtf8JsonWriter(w => w.WriteBase64StringValue(new byte[] { 0, 0x9c, 0xfb, 0xff, 0xbf }))
            .Should().Be("\"AJz7/78=\"");

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t", "a\"b\\c/d\b\f\n\r\t")]
    [InlineData("\\uD83D\\uDE00", "\ud83d\ude00")]
    [InlineData("\u00e9", "\u00e9")]
    public void UnescapeLenient_DecodesJsonEscapes(string escaped, string expected) =>
        JacksonText.UnescapeLenient(Encoding.UTF8.GetBytes(escaped)).Should().Be(expected);
}
