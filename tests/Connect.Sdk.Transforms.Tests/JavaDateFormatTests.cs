namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// SimpleDateFormat semantics. The formatting examples are the ones in the java.text.SimpleDateFormat documentation
/// (2001-07-04 12:08:56.235 PDT), evaluated in UTC as Kafka's transforms do.
/// </summary>
public class JavaDateFormatTests
{
    private static readonly DateTime JavaDocInstant = new(2001, 7, 4, 19, 8, 56, 235, DateTimeKind.Utc);

    [Theory]
    [InlineData("yyyy.MM.dd G 'at' HH:mm:ss z", "2001.07.04 AD at 19:08:56 UTC")]
    [InlineData("EEE, MMM d, ''yy", "Wed, Jul 4, '01")]
    [InlineData("h:mm a", "7:08 PM")]
    [InlineData("hh 'o''clock' a, zzzz", "07 o'clock PM, Coordinated Universal Time")]
    [InlineData("K:mm a, z", "7:08 PM, UTC")]
    [InlineData("yyyyy.MMMMM.dd GGG hh:mm aaa", "02001.July.04 AD 07:08 PM")]
    [InlineData("EEE, d MMM yyyy HH:mm:ss Z", "Wed, 4 Jul 2001 19:08:56 +0000")]
    [InlineData("yyMMddHHmmssZ", "010704190856+0000")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2001-07-04T19:08:56.235+0000")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2001-07-04T19:08:56.235Z")]
    [InlineData("YYYY-'W'ww-u", "2001-W27-3")]
    [InlineData("yyyyMMdd", "20010704")]
    [InlineData("HH:mm:ss.SSS", "19:08:56.235")]
    [InlineData("D F W k", "185 1 1 19")]
    [InlineData("S SSSS SSSSSS", "235 0235 000235")]
    [InlineData("EEEE MMMM", "Wednesday July")]
    [InlineData("'literal' - + : / ,", "literal - + : / ,")]
    public void Format_JavaDocExamples_MatchSimpleDateFormat(string pattern, string expected)
    {
        JavaDateFormat.Create(pattern).Format(JavaDocInstant).Should().Be(expected);
    }

    // YYYY is the week year (US weeks: Sunday first, week 1 holds 1 January), the classic SimpleDateFormat surprise
    // that Kafka's TimestampRouter inherits: 2024-12-29 is a Sunday in the week that holds 2025-01-01.
    [Theory]
    [InlineData(2024, 12, 28, "YYYYMM", "202412")]
    [InlineData(2024, 12, 29, "YYYYMM", "202512")]
    [InlineData(2024, 12, 29, "yyyyMM", "202412")]
    [InlineData(2021, 1, 1, "YYYY ww", "2021 01")]
    [InlineData(2020, 12, 31, "YYYY ww", "2021 01")]
    [InlineData(2016, 1, 2, "YYYY ww", "2016 01")]
    [InlineData(2016, 1, 3, "YYYY ww", "2016 02")]
    public void Format_WeekYear_UsesUsWeeks(int year, int month, int day, string pattern, string expected)
    {
        JavaDateFormat.Create(pattern).Format(new DateTime(year, month, day, 12, 0, 0, DateTimeKind.Utc)).Should().Be(expected);
    }

    [Theory]
    [InlineData(0, "12 AM 0 24")]
    [InlineData(12, "12 PM 0 12")]
    [InlineData(23, "11 PM 11 23")]
    public void Format_HourFields_FollowJava(int hour, string expected)
    {
        JavaDateFormat.Create("h a K k").Format(new DateTime(2020, 1, 1, hour, 0, 0, DateTimeKind.Utc)).Should().Be(expected);
    }

    [Fact]
    public void Format_LocalTime_IsConvertedToUtc()
    {
        var local = new DateTime(2001, 7, 4, 19, 8, 56, 235, DateTimeKind.Utc).ToLocalTime();

        JavaDateFormat.Create("yyyy-MM-dd HH:mm").Format(local).Should().Be("2001-07-04 19:08");
    }

    // SimpleDateFormat's constructor: IllegalArgumentException("Illegal pattern character 'q'"), ("Unterminated quote").
    [Theory]
    [InlineData("yyyy-qq", "Illegal pattern character 'q'")]
    [InlineData("bad-format", "Illegal pattern character 'b'")]
    [InlineData("yyyy'T", "Unterminated quote")]
    [InlineData("XXXX", "invalid ISO 8601 format: length=4")]
    public void Create_InvalidPattern_ThrowsJavaMessage(string pattern, string message)
    {
        var act = () => JavaDateFormat.Create(pattern);

        act.Should().Throw<ArgumentException>().Where(e => e.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("yyyyMMdd", "20240305", "2024-03-05T00:00:00.000")]
    [InlineData("yyyy-MM-dd HH:mm:ss.SSS", "2024-03-05 14:07:09.042", "2024-03-05T14:07:09.042")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-03-05T14:07:09.042+0100", "2024-03-05T13:07:09.042")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ssXXX", "2024-03-05T14:07:09-05:30", "2024-03-05T19:37:09.000")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ssX", "2024-03-05T14:07:09Z", "2024-03-05T14:07:09.000")]
    [InlineData("yyyy MM dd HH mm ss SSS z", "1970 01 02 00 00 01 234 UTC", "1970-01-02T00:00:01.234")]
    [InlineData("d MMM yyyy", "5 mar 2024", "2024-03-05T00:00:00.000")]
    [InlineData("EEE, d MMMM yyyy h:mm a", "Tue, 5 March 2024 2:07 PM", "2024-03-05T14:07:00.000")]
    [InlineData("yyyy-MM-dd", "2017-13-01", "2018-01-01T00:00:00.000")]
    [InlineData("yyyy-MM-dd", "2024-02-30", "2024-03-01T00:00:00.000")]
    [InlineData("yyyy-MM-dd", "2024-03-05 trailing text", "2024-03-05T00:00:00.000")]
    [InlineData("yyyy-MM-dd", "2024-3-5", "2024-03-05T00:00:00.000")]
    [InlineData("HH:mm", "  7:05", "1970-01-01T07:05:00.000")]
    [InlineData("yyyy D", "2024 60", "2024-02-29T00:00:00.000")]
    [InlineData("YYYY-'W'ww-u", "2001-W27-3", "2001-07-04T00:00:00.000")]
    public void TryParse_LenientLikeSimpleDateFormat(string pattern, string text, string expectedUtc)
    {
        JavaDateFormat.Create(pattern).TryParse(text, out var parsed).Should().BeTrue();

        parsed.Kind.Should().Be(DateTimeKind.Utc);
        parsed.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expectedUtc);
    }

    [Fact]
    public void TryParse_TwoDigitYear_IsWithinEightyYearsBeforeAndTwentyAfter()
    {
        var now = DateTime.UtcNow.Year;
        var format = JavaDateFormat.Create("yy-MM-dd");

        format.TryParse(((now + 10) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-01-01", out var soon).Should().BeTrue();
        format.TryParse(((now - 50) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-01-01", out var past).Should().BeTrue();

        soon.Year.Should().Be(now + 10);
        past.Year.Should().Be(now - 50);
    }

    [Theory]
    [InlineData("yyyy-MM-dd", "2024/03/05")]
    [InlineData("yyyy-MM-dd", "")]
    [InlineData("yyyy-MM-dd", "abcd-01-01")]
    [InlineData("HH:mm Z", "12:00 +2500")]
    [InlineData("MMM", "Foo")]
    public void TryParse_Mismatch_Fails(string pattern, string text)
    {
        JavaDateFormat.Create(pattern).TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_Mismatch_ThrowsFormatException()
    {
        var act = () => JavaDateFormat.Create("yyyy").Parse("x");

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void FormatThenParse_RoundTrips()
    {
        var format = JavaDateFormat.Create("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        var instant = new DateTime(1999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc);

        format.Parse(format.Format(instant)).Should().Be(instant);
        format.Pattern.Should().Be("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        format.ToString().Should().Be(format.Pattern);
    }
}
