using System.Globalization;
using System.Text;

namespace Connect.Sdk.Transforms;

/// <summary>
/// A date pattern in the syntax of Java's <c>java.text.SimpleDateFormat</c>, formatted and parsed with its semantics in
/// UTC and with US English names, as Kafka's TimestampConverter and TimestampRouter use it. Patterns such as
/// <c>yyyyMMdd</c>, <c>YYYYMM</c>, <c>HH:mm:ss.SSS</c> or <c>yyyy-MM-dd'T'HH:mm:ss.SSSXXX</c> therefore mean what they mean in a
/// Kafka Connect config rather than what they would mean to <see cref="DateTime.ToString(string)"/>.
/// </summary>
/// <remarks>
/// <para>Every SimpleDateFormat letter is supported:</para>
/// <list type="table">
/// <listheader><term>Letter</term><description>Meaning (formatting)</description></listheader>
/// <item><term><c>G</c></term><description>era, <c>AD</c>.</description></item>
/// <item><term><c>y</c></term><description>year; <c>yy</c> is the last two digits, any other count pads the full year.</description></item>
/// <item><term><c>Y</c></term><description>week year, as <c>y</c>. Weeks follow the US convention of a JVM with an en-US default
/// locale: they start on Sunday and week 1 is the week that contains 1 January, so 2024-12-29 is in week year 2025
/// and <c>YYYYMM</c> formats it as <c>202512</c>, exactly as Kafka does.</description></item>
/// <item><term><c>M</c>, <c>L</c></term><description>month: number for one or two letters, <c>Jan</c> for three, <c>January</c> for four or more.</description></item>
/// <item><term><c>w</c>, <c>W</c></term><description>week in year, week in month (US weeks as for <c>Y</c>).</description></item>
/// <item><term><c>D</c>, <c>d</c>, <c>F</c>, <c>u</c></term><description>day in year, day in month, day of week in month, day number of week (1 = Monday).</description></item>
/// <item><term><c>E</c></term><description>day name: <c>Mon</c> for up to three letters, <c>Monday</c> for four or more.</description></item>
/// <item><term><c>a</c></term><description><c>AM</c> or <c>PM</c>.</description></item>
/// <item><term><c>H</c>, <c>k</c>, <c>K</c>, <c>h</c></term><description>hour 0-23, 1-24, 0-11, 1-12.</description></item>
/// <item><term><c>m</c>, <c>s</c></term><description>minute, second.</description></item>
/// <item><term><c>S</c></term><description>milliseconds, zero-padded to the letter count (so <c>SSSSSS</c> gives <c>000123</c>, not microseconds).</description></item>
/// <item><term><c>z</c></term><description>time zone: <c>UTC</c>, or <c>Coordinated Universal Time</c> for four or more letters.</description></item>
/// <item><term><c>Z</c></term><description>RFC 822 offset, <c>+0000</c>.</description></item>
/// <item><term><c>X</c></term><description>ISO 8601 offset (one to three letters), <c>Z</c> in UTC.</description></item>
/// </list>
/// <para>
/// Text in single quotes is literal (<c>'T'</c>), <c>''</c> is a single quote, and any character that is not an ASCII
/// letter is literal. Other ASCII letters are rejected, as SimpleDateFormat rejects them:
/// <c>Illegal pattern character 'q'</c>.
/// </para>
/// <para>
/// Parsing is lenient, as SimpleDateFormat's is by default: out-of-range values roll over (<c>2017-13-01</c> is
/// 1 January 2018), leading spaces before a field are skipped, text after the last field is ignored, numeric fields that
/// directly follow one another (<c>yyyyMMdd</c>) take exactly as many digits as their letter count, and a two-digit year
/// for <c>yy</c> is put within 80 years before and 20 years after today. Zones are read as <c>Z</c>, <c>UTC</c>,
/// <c>GMT</c>, <c>GMT+hh:mm</c> and numeric offsets; other zone names are not understood. Week-based fields (<c>Y</c>,
/// <c>w</c>, <c>u</c>, <c>E</c>) give the date only when the pattern has no calendar year; <c>W</c> and <c>F</c> are
/// read but do not change the date. Dates are in the proleptic Gregorian calendar (Java switches to the Julian calendar
/// before 15 October 1582).
/// </para>
/// </remarks>
public sealed class JavaDateFormat
{
    private const string PatternLetters = "GyMdkHmsSEDFwWahKzZYuXL";

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] ShortMonthNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];
    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;
    private static readonly string[] ShortDayNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames;

    private readonly Token[] _tokens;

    private JavaDateFormat(string pattern, Token[] tokens)
    {
        Pattern = pattern;
        _tokens = tokens;
    }

    /// <summary>Gets the pattern, as given.</summary>
    /// <value>The SimpleDateFormat pattern.</value>
    public string Pattern { get; }

    /// <summary>Compiles a SimpleDateFormat pattern.</summary>
    /// <param name="pattern">The pattern, e.g. <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</param>
    /// <returns>The compiled format.</returns>
    /// <exception cref="ArgumentException">
    /// The pattern is not valid for SimpleDateFormat; the message is Java's, e.g. <c>Illegal pattern character 'q'</c>
    /// or <c>Unterminated quote</c>.
    /// </exception>
    public static JavaDateFormat Create(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new JavaDateFormat(pattern, Compile(pattern));
    }

    /// <summary>Formats an instant in UTC.</summary>
    /// <param name="value">The instant; a local time is converted to UTC and an unspecified kind is taken as UTC.</param>
    /// <returns>The formatted text.</returns>
    public string Format(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var text = new StringBuilder(Pattern.Length + 8);
        foreach (var token in _tokens)
        {
            if (token.Literal is not null)
            {
                text.Append(token.Literal);
            }
            else
            {
                AppendField(text, token.Letter, token.Count, utc);
            }
        }

        return text.ToString();
    }

    /// <summary>Parses text that starts with a date in this format.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant, in UTC.</returns>
    /// <exception cref="FormatException">The start of the text does not match the pattern.</exception>
    public DateTime Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"Unparseable date: \"{text}\" does not match the pattern \"{Pattern}\".");

    /// <summary>Parses text that starts with a date in this format.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant, in UTC, when parsing succeeds.</param>
    /// <returns>Whether the start of the text matched the pattern.</returns>
    public bool TryParse(string? text, out DateTime value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var fields = new ParsedFields();
        var position = 0;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            if (token.Literal is not null)
            {
                if (position + token.Literal.Length > text.Length
                    || string.CompareOrdinal(text, position, token.Literal, 0, token.Literal.Length) != 0)
                {
                    return false;
                }

                position += token.Literal.Length;
                continue;
            }

            while (position < text.Length && text[position] is ' ' or '\t')
            {
                position++;
            }

            if (position >= text.Length)
            {
                return false;
            }

            var abutting = i + 1 < _tokens.Length && _tokens[i + 1].IsNumeric;
            if (!ParseField(text, ref position, token, abutting, ref fields))
            {
                return false;
            }
        }

        return fields.TryResolve(out value);
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;

    private static Token[] Compile(string pattern)
    {
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i += 2;
                    continue;
                }

                var closed = false;
                i++;
                while (i < pattern.Length)
                {
                    if (pattern[i] == '\'')
                    {
                        if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                        {
                            literal.Append('\'');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    literal.Append(pattern[i]);
                    i++;
                }

                if (!closed)
                {
                    throw new ArgumentException("Unterminated quote", nameof(pattern));
                }

                continue;
            }

            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                if (!PatternLetters.Contains(c, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Illegal pattern character '{c}'", nameof(pattern));
                }

                var count = 1;
                while (i + count < pattern.Length && pattern[i + count] == c)
                {
                    count++;
                }

                if (c == 'X' && count > 3)
                {
                    throw new ArgumentException($"invalid ISO 8601 format: length={count}", nameof(pattern));
                }

                if (literal.Length > 0)
                {
                    tokens.Add(Token.ForLiteral(literal.ToString()));
                    literal.Clear();
                }

                tokens.Add(Token.ForField(c, count));
                i += count;
                continue;
            }

            literal.Append(c);
            i++;
        }

        if (literal.Length > 0)
        {
            tokens.Add(Token.ForLiteral(literal.ToString()));
        }

        return [.. tokens];
    }

    private static void AppendField(StringBuilder text, char letter, int count, DateTime value)
    {
        switch (letter)
        {
            case 'G':
                text.Append("AD");
                break;
            case 'y':
                AppendYear(text, value.Year, count);
                break;
            case 'Y':
                AppendYear(text, UsWeek(value).WeekYear, count);
                break;
            case 'M':
            case 'L':
                if (count >= 4)
                {
                    text.Append(MonthNames[value.Month - 1]);
                }
                else if (count == 3)
                {
                    text.Append(ShortMonthNames[value.Month - 1]);
                }
                else
                {
                    AppendNumber(text, value.Month, count);
                }

                break;
            case 'w':
                AppendNumber(text, UsWeek(value).Week, count);
                break;
            case 'W':
                AppendNumber(text, ((value.Day - 1 + (int)new DateTime(value.Year, value.Month, 1).DayOfWeek) / 7) + 1, count);
                break;
            case 'D':
                AppendNumber(text, value.DayOfYear, count);
                break;
            case 'd':
                AppendNumber(text, value.Day, count);
                break;
            case 'F':
                AppendNumber(text, ((value.Day - 1) / 7) + 1, count);
                break;
            case 'E':
                text.Append(count >= 4 ? DayNames[(int)value.DayOfWeek] : ShortDayNames[(int)value.DayOfWeek]);
                break;
            case 'u':
                AppendNumber(text, value.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)value.DayOfWeek, count);
                break;
            case 'a':
                text.Append(value.Hour < 12 ? "AM" : "PM");
                break;
            case 'H':
                AppendNumber(text, value.Hour, count);
                break;
            case 'k':
                AppendNumber(text, value.Hour == 0 ? 24 : value.Hour, count);
                break;
            case 'K':
                AppendNumber(text, value.Hour % 12, count);
                break;
            case 'h':
                AppendNumber(text, value.Hour % 12 == 0 ? 12 : value.Hour % 12, count);
                break;
            case 'm':
                AppendNumber(text, value.Minute, count);
                break;
            case 's':
                AppendNumber(text, value.Second, count);
                break;
            case 'S':
                AppendNumber(text, value.Millisecond, count);
                break;
            case 'z':
                text.Append(count >= 4 ? "Coordinated Universal Time" : "UTC");
                break;
            case 'Z':
                text.Append("+0000");
                break;
            case 'X':
                text.Append('Z');
                break;
        }
    }

    private static void AppendYear(StringBuilder text, int year, int count)
    {
        if (count == 2)
        {
            AppendNumber(text, year % 100, 2);
        }
        else
        {
            AppendNumber(text, year, count);
        }
    }

    private static void AppendNumber(StringBuilder text, int value, int minDigits)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        if (digits.Length < minDigits)
        {
            text.Append('0', minDigits - digits.Length);
        }

        text.Append(digits);
    }

    /// <summary>The week year and week of year with weeks starting on Sunday and week 1 holding 1 January.</summary>
    private static (int WeekYear, int Week) UsWeek(DateTime value)
    {
        var day = DateOnly.FromDateTime(value).DayNumber;
        var year = value.Year;
        if (year < 9999 && day >= StartOfWeekOne(year + 1))
        {
            return (year + 1, 1);
        }

        return (year, ((day - StartOfWeekOne(year)) / 7) + 1);
    }

    /// <summary>The day number of the Sunday on or before 1 January of a year (may precede day 0).</summary>
    private static int StartOfWeekOne(int year)
    {
        var january1 = new DateOnly(year, 1, 1);
        return january1.DayNumber - (int)january1.DayOfWeek;
    }

    private static bool ParseField(string text, ref int position, Token token, bool abutting, ref ParsedFields fields)
    {
        var letter = token.Letter;
        var count = token.Count;
        switch (letter)
        {
            case 'G':
                return MatchAny(text, ref position, ["AD", "BC"], out _);
            case 'M' or 'L' when count >= 3:
                if (MatchAny(text, ref position, MonthNames, out var month) || MatchAny(text, ref position, ShortMonthNames, out month))
                {
                    fields.Month = month + 1;
                    return true;
                }

                return false;
            case 'E':
                if (MatchAny(text, ref position, DayNames, out var day) || MatchAny(text, ref position, ShortDayNames, out day))
                {
                    fields.DayOfWeek = day;
                    return true;
                }

                return false;
            case 'a':
                if (MatchAny(text, ref position, ["AM", "PM"], out var amPm))
                {
                    fields.Pm = amPm == 1;
                    return true;
                }

                return false;
            case 'z' or 'Z' or 'X':
                if (ParseZone(text, ref position, out var offset))
                {
                    fields.OffsetMinutes = offset;
                    return true;
                }

                return false;
        }

        var start = position;
        if (!ParseNumber(text, ref position, abutting ? count : int.MaxValue, out var number))
        {
            return false;
        }

        switch (letter)
        {
            case 'y':
                if (count <= 2 && position - start == 2 && char.IsAsciiDigit(text[start]) && char.IsAsciiDigit(text[start + 1]))
                {
                    number = ResolveTwoDigitYear((int)number);
                }

                fields.Year = number;
                break;
            case 'Y':
                fields.WeekYear = number;
                break;
            case 'M' or 'L':
                fields.Month = number;
                break;
            case 'w':
                fields.WeekOfYear = number;
                break;
            case 'D':
                fields.DayOfYear = number;
                break;
            case 'd':
                fields.Day = number;
                break;
            case 'u':
                fields.DayOfWeek = (int)(number % 7);
                break;
            case 'H':
                fields.HourOfDay = number;
                break;
            case 'k':
                fields.HourOfDay = number == 24 ? 0 : number;
                break;
            case 'K':
                fields.Hour = number;
                break;
            case 'h':
                fields.Hour = number == 12 ? 0 : number;
                break;
            case 'm':
                fields.Minute = number;
                break;
            case 's':
                fields.Second = number;
                break;
            case 'S':
                fields.Millisecond = number;
                break;
        }

        return true;
    }

    private static int ResolveTwoDigitYear(int twoDigits)
    {
        var centuryStart = DateTime.UtcNow.Year - 80;
        var ambiguous = centuryStart % 100;
        return twoDigits + (centuryStart / 100 * 100) + (twoDigits < ambiguous ? 100 : 0);
    }

    private static bool ParseNumber(string text, ref int position, int maxDigits, out long value)
    {
        value = 0;
        var i = position;
        var negative = false;
        if (maxDigits == int.MaxValue && i < text.Length && text[i] is '-' or '+')
        {
            negative = text[i] == '-';
            i++;
        }

        var digitsStart = i;
        while (i < text.Length && i - digitsStart < maxDigits && char.IsAsciiDigit(text[i]))
        {
            if (i - digitsStart >= 18)
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
            i++;
        }

        if (i == digitsStart)
        {
            return false;
        }

        value = negative ? -value : value;
        position = i;
        return true;
    }

    private static bool MatchAny(string text, ref int position, string[] candidates, out int index)
    {
        // The longest match wins, so "May" is not taken for a prefix of another name.
        index = -1;
        var best = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = candidates[i];
            if (candidate.Length > best && position + candidate.Length <= text.Length
                && string.Compare(text, position, candidate, 0, candidate.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                index = i;
                best = candidate.Length;
            }
        }

        if (index < 0)
        {
            return false;
        }

        position += best;
        return true;
    }

    private static bool ParseZone(string text, ref int position, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (MatchAny(text, ref position, ["Coordinated Universal Time", "UTC", "GMT"], out _))
        {
            // "GMT+05:30" style: an optional offset follows the name.
            var afterName = position;
            if (ParseOffset(text, ref afterName, out var offset))
            {
                position = afterName;
                offsetMinutes = offset;
            }

            return true;
        }

        if (position < text.Length && text[position] == 'Z')
        {
            position++;
            return true;
        }

        return ParseOffset(text, ref position, out offsetMinutes);
    }

    /// <summary>Reads <c>+hh</c>, <c>+hhmm</c>, <c>+hh:mm</c> or <c>+h:mm</c>.</summary>
    private static bool ParseOffset(string text, ref int position, out int offsetMinutes)
    {
        offsetMinutes = 0;
        var i = position;
        if (i >= text.Length || text[i] is not ('+' or '-'))
        {
            return false;
        }

        var sign = text[i] == '-' ? -1 : 1;
        i++;
        var digitsStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - digitsStart < 4)
        {
            i++;
        }

        var digits = text[digitsStart..i];
        int hours;
        var minutes = 0;
        switch (digits.Length)
        {
            case 1 or 2:
                hours = int.Parse(digits, CultureInfo.InvariantCulture);
                if (i + 3 <= text.Length && text[i] == ':' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]))
                {
                    minutes = int.Parse(text.AsSpan(i + 1, 2), CultureInfo.InvariantCulture);
                    i += 3;
                }

                break;
            case 4:
                hours = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
                minutes = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
                break;
            default:
                return false;
        }

        if (hours > 23 || minutes > 59)
        {
            return false;
        }

        offsetMinutes = sign * ((hours * 60) + minutes);
        position = i;
        return true;
    }

    private readonly record struct Token(string? Literal, char Letter, int Count)
    {
        public bool IsNumeric => Literal is null && Letter switch
        {
            'M' or 'L' => Count <= 2,
            'y' or 'Y' or 'd' or 'D' or 'H' or 'k' or 'K' or 'h' or 'm' or 's' or 'S' or 'w' or 'W' or 'F' or 'u' => true,
            _ => false,
        };

        public static Token ForLiteral(string text) => new(text, '\0', 0);

        public static Token ForField(char letter, int count) => new(null, letter, count);
    }

    private struct ParsedFields
    {
        public long? Year;
        public long? WeekYear;
        public long? Month;
        public long? Day;
        public long? DayOfYear;
        public long? WeekOfYear;
        public int? DayOfWeek;
        public long? HourOfDay;
        public long? Hour;
        public bool? Pm;
        public long? Minute;
        public long? Second;
        public long? Millisecond;
        public int? OffsetMinutes;

        public readonly bool TryResolve(out DateTime value)
        {
            value = default;
            try
            {
                DateTime date;
                if (Year is null && WeekYear is { } weekYear)
                {
                    // A week date: Sunday-based weeks, week 1 holding 1 January.
                    var start = DateOnly.FromDayNumber(StartOfWeekOne(checked((int)weekYear)));
                    date = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                        .AddDays(((WeekOfYear ?? 1) - 1) * 7)
                        .AddDays(DayOfWeek ?? 0);
                }
                else
                {
                    date = new DateTime(checked((int)(Year ?? 1970)), 1, 1, 0, 0, 0, DateTimeKind.Utc);
                    if (Month is null && Day is null && DayOfYear is { } dayOfYear)
                    {
                        date = date.AddDays(dayOfYear - 1);
                    }
                    else
                    {
                        date = date.AddMonths(checked((int)((Month ?? 1) - 1))).AddDays((Day ?? 1) - 1);
                    }
                }

                long hours = Hour is { } hour ? hour + (Pm == true ? 12 : 0) : HourOfDay ?? (Pm == true ? 12 : 0);
                date = date
                    .AddHours(hours)
                    .AddMinutes(Minute ?? 0)
                    .AddSeconds(Second ?? 0)
                    .AddMilliseconds(Millisecond ?? 0)
                    .AddMinutes(-(OffsetMinutes ?? 0));
                value = DateTime.SpecifyKind(date, DateTimeKind.Utc);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
    }
}
