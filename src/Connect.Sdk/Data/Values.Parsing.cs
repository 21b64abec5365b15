using System.Globalization;
using System.Numerics;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

public static partial class Values
{
    private const string QuoteDelimiter = "\"";
    private const string CommaDelimiter = ",";
    private const string EntryDelimiter = ":";
    private const string ArrayBeginDelimiter = "[";
    private const string ArrayEndDelimiter = "]";
    private const string MapBeginDelimiter = "{";
    private const string MapEndDelimiter = "}";
    private const int DateLength = 10;
    private const int TimeLength = 13;
    private const int TimestampLength = 24;

    private static readonly SchemaAndValue TrueValue = new(Schema.Boolean, true);
    private static readonly SchemaAndValue FalseValue = new(Schema.Boolean, false);

    // Kafka's arrayOfNull/mapOfNull: array and map schemas without element schemas. They take part in merging element
    // schemas (only their type matters there) and never leave the parser: ParseString drops any schema holding one.
    private static readonly Schema UntypedArray = new(SchemaType.Array, false, null, null, null, null, null, null, null, null);
    private static readonly Schema UntypedMap = new(SchemaType.Map, false, null, null, null, null, null, null, null, null);

    private static readonly object[] DatePattern =
        [TemporalField.Year, '-', TemporalField.Month, '-', TemporalField.Day];

    private static readonly object[] TimePattern =
        [TemporalField.Hour, ':', TemporalField.Minute, ':', TemporalField.Second, '.', TemporalField.Millisecond, 'Z'];

    private static readonly object[] TimestampPattern =
    [
        TemporalField.Year, '-', TemporalField.Month, '-', TemporalField.Day, 'T',
        TemporalField.Hour, ':', TemporalField.Minute, ':', TemporalField.Second, '.', TemporalField.Millisecond, 'Z',
    ];

    /// <summary>
    /// Parses the text form of a value (as <see cref="ConvertToString"/> writes it) into a value and an inferred
    /// schema, exactly as Kafka's <c>Values.parseString</c> reads it.
    /// </summary>
    /// <param name="value">The text; may be <see langword="null"/>.</param>
    /// <returns>
    /// <list type="bullet">
    /// <item><see cref="SchemaAndValue.Null"/> for <see langword="null"/> and for <c>null</c> (Kafka returns no
    /// <c>SchemaAndValue</c> at all for the latter); <c>(String, "")</c> for the empty string.</item>
    /// <item><c>true</c>/<c>false</c> as booleans, when they are the whole text (surrounding whitespace allowed).</item>
    /// <item>Whole numbers (<c>42</c>, <c>-7</c>, <c>1.0</c>, <c>1e2</c>) in the smallest of Int8, Int16, Int32 and
    /// Int64 that holds them; other numbers as Float32 when finite in a float and written with a fraction or exponent
    /// (so <c>1.5</c> is a float), else Float64 when finite in a double, else a Decimal of the text's scale (whole
    /// numbers beyond Int64).</item>
    /// <item><c>yyyy-MM-dd</c> as a Date, <c>HH:mm:ss.SSS'Z'</c> as a Time, <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c> as a
    /// Timestamp (colons may be escaped as <c>\:</c>; out-of-range fields roll over as Java's lenient parser does).</item>
    /// <item>Arrays <c>[1,2,3]</c> and maps <c>{"a":1}</c>, nested, with quoted strings (backslash escapes are kept
    /// as written, as in Kafka) and elements converted to their common numeric type: <c>[1, 2, 300]</c> is an array of
    /// Int16.</item>
    /// <item>Anything else, including malformed structures such as <c>[1, 2</c>, <c>[foo]</c> or <c>{6:9 4:20}</c>,
    /// as the original string.</item>
    /// </list>
    /// </returns>
    /// <remarks>
    /// <para>
    /// Where Kafka gives an array or map schema without an element schema (no elements, only nulls, or elements of
    /// different types such as <c>[1, 2, "three"]</c>, and maps whose keys or values have no common type), this
    /// returns the list or dictionary with a <see langword="null"/> schema: a .NET <see cref="Schema"/> always has
    /// its element schemas.
    /// </para>
    /// <para>
    /// Other differences forced by .NET types: a Decimal that does not fit <see cref="decimal"/> (more than 28-29
    /// digits, or a value beyond double range) is returned as the original string (or makes the enclosing array or
    /// map fall back to a string); dates must fall in the years 1 to 9999; only ASCII digits are read. As in Kafka, a
    /// leading number followed by delimiters is read as that number (<c>1:2</c> is the Int8 1).
    /// </para>
    /// </remarks>
    public static SchemaAndValue ParseString(string? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        if (value.Length == 0)
        {
            return new SchemaAndValue(Schema.String, value);
        }

        if (new ValueParser(new Tokenizer(value)).Parse(embedded: false) is not { } parsed)
        {
            return SchemaAndValue.Null;
        }

        return parsed.Schema is not null && IsUntyped(parsed.Schema) ? new SchemaAndValue(null, parsed.Value) : parsed;
    }

    private static bool IsUntyped(Schema schema)
    {
        if (ReferenceEquals(schema, UntypedArray) || ReferenceEquals(schema, UntypedMap))
        {
            return true;
        }

        return schema.Type switch
        {
            SchemaType.Array => IsUntyped(schema.ValueSchema),
            SchemaType.Map => IsUntyped(schema.KeySchema) || IsUntyped(schema.ValueSchema),
            _ => false,
        };
    }

    /// <summary>Parses a Date, Time or Timestamp text, after unescaping <c>\:</c>, by its length.</summary>
    private static SchemaAndValue? ParseAsTemporal(string token)
    {
        token = token.Replace("\\:", ":", StringComparison.Ordinal);
        return token.Length switch
        {
            TimeLength => ParseTemporal(token, ConnectTime.Schema, TimePattern),
            TimestampLength => ParseTemporal(token, ConnectTimestamp.Schema, TimestampPattern),
            DateLength => ParseTemporal(token, ConnectDate.Schema, DatePattern),
            _ => null,
        };
    }

    /// <summary>
    /// Reads text with a pattern of numeric fields and literal characters the way Java's lenient
    /// <c>SimpleDateFormat.parse(String, ParsePosition)</c> does: spaces and tabs before a field are skipped, a field
    /// takes all the digits there are (with an optional minus), out-of-range fields roll over into the next larger
    /// unit, and text after the pattern is ignored.
    /// </summary>
    private static SchemaAndValue? ParseTemporal(string text, Schema schema, object[] pattern)
    {
        long year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
        var position = 0;
        foreach (var element in pattern)
        {
            if (element is char literal)
            {
                if (position >= text.Length || text[position] != literal)
                {
                    return null;
                }

                position++;
                continue;
            }

            while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
            {
                position++;
            }

            var negative = position < text.Length && text[position] == '-';
            if (negative)
            {
                position++;
            }

            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == digitsStart || position - digitsStart > 9)
            {
                return null;
            }

            var number = long.Parse(text.AsSpan(digitsStart, position - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture);
            number = negative ? -number : number;
            switch ((TemporalField)element)
            {
                case TemporalField.Year: year = number; break;
                case TemporalField.Month: month = number; break;
                case TemporalField.Day: day = number; break;
                case TemporalField.Hour: hour = number; break;
                case TemporalField.Minute: minute = number; break;
                case TemporalField.Second: second = number; break;
                default: millisecond = number; break;
            }
        }

        if (year is < 1 or > 9999)
        {
            return null;
        }

        try
        {
            var result = new DateTime((int)year, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                .AddMonths((int)(month - 1))
                .AddDays(day - 1)
                .AddHours(hour)
                .AddMinutes(minute)
                .AddSeconds(second)
                .AddMilliseconds(millisecond);
            return new SchemaAndValue(schema, result);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Parses a number as Kafka does: smallest integer type, then float, double, or Decimal.</summary>
    private static SchemaAndValue? ParseAsNumber(string token)
    {
        if (!JavaText.TryParseBigDecimal(token, out var unscaled, out var scale))
        {
            return null;
        }

        if (TryExactInteger(unscaled, scale, out var integral))
        {
            if (integral is >= sbyte.MinValue and <= sbyte.MaxValue)
            {
                return new SchemaAndValue(Schema.Int8, (sbyte)integral);
            }

            if (integral is >= short.MinValue and <= short.MaxValue)
            {
                return new SchemaAndValue(Schema.Int16, (short)integral);
            }

            if (integral is >= int.MinValue and <= int.MaxValue)
            {
                return new SchemaAndValue(Schema.Int32, (int)integral);
            }

            return new SchemaAndValue(Schema.Int64, integral);
        }

        var single = JavaText.ToSingle(unscaled, scale);
        if (!float.IsInfinity(single) && scale != 0)
        {
            return new SchemaAndValue(Schema.Float32, single);
        }

        var wide = JavaText.ToDouble(unscaled, scale);
        if (!double.IsInfinity(wide) && scale != 0)
        {
            return new SchemaAndValue(Schema.Float64, wide);
        }

        if (scale is >= 0 and <= ConnectDecimal.MaxScale && JavaText.TryToDecimal(unscaled, scale, out var exact))
        {
            return new SchemaAndValue(ConnectDecimal.Schema(scale), exact);
        }

        return null;
    }

    /// <summary>Whether the number is whole and within <see cref="long"/> (Kafka's <c>parseAsExactDecimal</c>).</summary>
    private static bool TryExactInteger(BigInteger unscaled, int scale, out long integral)
    {
        integral = 0;
        if (unscaled.IsZero)
        {
            return true;
        }

        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length;
        var adjusted = digits - 1 - (long)scale;
        if (adjusted is < 0 or > 18)
        {
            return false;
        }

        while (scale > 0 && (unscaled % 10).IsZero)
        {
            unscaled /= 10;
            scale--;
        }

        if (scale > 0)
        {
            return false;
        }

        var value = unscaled * BigInteger.Pow(10, -scale);
        if (value < long.MinValue || value > long.MaxValue)
        {
            return false;
        }

        integral = (long)value;
        return true;
    }

    /// <summary>Kafka's <c>mergeSchemas</c>: the schema of values of both schemas, or <see langword="null"/>.</summary>
    private static Schema? MergeSchemas(Schema previous, Schema next)
    {
        if (previous.Type != next.Type)
        {
            return NumericRank(previous.Type) is { } previousRank && NumericRank(next.Type) is { } nextRank
                ? nextRank > previousRank ? next : previous
                : null;
        }

        if (previous.IsOptional == next.IsOptional)
        {
            return previous.IsOptional ? previous : next;
        }

        return previous.Equals(next) ? previous : null;
    }

    private static int? NumericRank(SchemaType type) => type switch
    {
        SchemaType.Int8 => 0,
        SchemaType.Int16 => 1,
        SchemaType.Int32 => 2,
        SchemaType.Int64 => 3,
        SchemaType.Float32 => 4,
        SchemaType.Float64 => 5,
        _ => null,
    };

    private enum TemporalField
    {
        Year,
        Month,
        Day,
        Hour,
        Minute,
        Second,
        Millisecond,
    }

    /// <summary>
    /// Splits text into tokens the way Kafka's <c>Values.Parser</c> does: each unescaped delimiter
    /// (<c>: , { } [ ] "</c>) is a token of its own, the text between delimiters is a token (whitespace kept), and a
    /// backslash escapes the next character (the backslash stays in the token).
    /// </summary>
    internal sealed class Tokenizer(string original)
    {
        private int _index;
        private string? _nextToken;

        /// <summary>The whole text.</summary>
        public string Original => original;

        /// <summary>The position after the last token read.</summary>
        public int Position => _index;

        /// <summary>The last token returned by <see cref="Next()"/>, or <see langword="null"/> after a rewind.</summary>
        public string? Previous { get; private set; }

        /// <summary>Whether a token remains.</summary>
        public bool HasNext => _nextToken is not null || _index < original.Length;

        /// <summary>The position of the next unread token, to rewind to.</summary>
        public int Mark() => _index - (_nextToken?.Length ?? 0);

        /// <summary>Goes back to a position from <see cref="Mark"/>.</summary>
        public void RewindTo(int position)
        {
            _index = position;
            _nextToken = null;
            Previous = null;
        }

        /// <summary>Reads the next token.</summary>
        public string Next()
        {
            if (_nextToken is not null)
            {
                Previous = _nextToken;
                _nextToken = null;
            }
            else
            {
                Previous = ConsumeNextToken();
            }

            return Previous;
        }

        /// <summary>Reads the next <paramref name="count"/> tokens and returns the text they span, or
        /// <see langword="null"/> (reading nothing) when fewer remain.</summary>
        public string? Next(int count)
        {
            var start = Mark();
            for (var i = 0; i < count; i++)
            {
                if (!HasNext)
                {
                    RewindTo(start);
                    return null;
                }

                Next();
            }

            return original[start.._index];
        }

        /// <summary>Consumes the next token if it is <paramref name="expected"/>, skipping blank tokens and comparing
        /// trimmed text unless <paramref name="ignoreWhitespace"/> is <see langword="false"/>.</summary>
        public bool CanConsume(string expected, bool ignoreWhitespace = true)
        {
            if (_nextToken is null)
            {
                if (!HasNext)
                {
                    return false;
                }

                _nextToken = ConsumeNextToken();
            }

            if (ignoreWhitespace)
            {
                while (JavaText.IsBlank(_nextToken) && _index < original.Length)
                {
                    _nextToken = ConsumeNextToken();
                }
            }

            var matches = ignoreWhitespace ? JavaText.Trim(_nextToken) == expected : _nextToken == expected;
            if (matches)
            {
                _nextToken = null;
            }

            return matches;
        }

        private string ConsumeNextToken()
        {
            var escaped = false;
            var start = _index;
            while (_index < original.Length)
            {
                switch (original[_index])
                {
                    case '\\':
                        escaped = !escaped;
                        break;
                    case ':' or ',' or '{' or '}' or '[' or ']' or '"':
                        if (!escaped)
                        {
                            if (start < _index)
                            {
                                return original[start.._index];
                            }

                            _index++;
                            return original.Substring(start, 1);
                        }

                        escaped = false;
                        break;
                    default:
                        escaped = false;
                        break;
                }

                _index++;
            }

            return original[start.._index];
        }
    }

    /// <summary>Kafka's <c>Values.ValueParser</c>: recursive descent over the tokens.</summary>
    private sealed class ValueParser(Tokenizer parser)
    {
        public SchemaAndValue? Parse(bool embedded)
        {
            if (!parser.HasNext)
            {
                return null;
            }

            if (embedded && parser.CanConsume(QuoteDelimiter))
            {
                return ParseQuotedString();
            }

            if (CanParseSingleTokenLiteral(embedded, "null"))
            {
                return null;
            }

            if (CanParseSingleTokenLiteral(embedded, "true"))
            {
                return TrueValue;
            }

            if (CanParseSingleTokenLiteral(embedded, "false"))
            {
                return FalseValue;
            }

            var start = parser.Mark();
            try
            {
                if (parser.CanConsume(ArrayBeginDelimiter))
                {
                    return ParseArray();
                }

                if (parser.CanConsume(MapBeginDelimiter))
                {
                    return ParseMap();
                }
            }
            catch (DataException)
            {
                // Not a well-formed array or map: read it as a plain token (and so, at the top level, a string).
                parser.RewindTo(start);
            }

            var token = parser.Next();
            return JavaText.IsBlank(token)
                ? new SchemaAndValue(Schema.String, token)
                : ParseNextToken(embedded, JavaText.Trim(token));
        }

        /// <summary>A literal counts only embedded or as the whole text: <c>true}</c> is a string.</summary>
        private bool CanParseSingleTokenLiteral(bool embedded, string literal)
        {
            var start = parser.Mark();
            if (parser.CanConsume(literal) && (embedded || !parser.HasNext))
            {
                return true;
            }

            parser.RewindTo(start);
            return false;
        }

        private SchemaAndValue ParseNextToken(bool embedded, string token)
        {
            var first = token[0];
            var firstIsDigit = char.IsDigit(first);
            if (firstIsDigit && ParseMultipleTokensAsTemporal(token) is { } temporal)
            {
                return temporal;
            }

            if ((firstIsDigit || first == '+' || first == '-') && ParseAsNumber(token) is { } number)
            {
                return number;
            }

            if (embedded)
            {
                throw new DataException("Failed to parse embedded value");
            }

            return new SchemaAndValue(Schema.String, parser.Original);
        }

        /// <summary>Unescaped colons split a time or timestamp into five tokens; try those first.</summary>
        private SchemaAndValue? ParseMultipleTokensAsTemporal(string token)
        {
            var position = parser.Mark();
            var remainder = parser.Next(4);
            if (remainder is not null && ParseAsTemporal(token + remainder) is { } temporal)
            {
                return temporal;
            }

            parser.RewindTo(position);
            return ParseAsTemporal(token);
        }

        private SchemaAndValue ParseQuotedString()
        {
            var content = new System.Text.StringBuilder();
            while (parser.HasNext)
            {
                if (parser.CanConsume(QuoteDelimiter))
                {
                    break;
                }

                content.Append(parser.Next());
            }

            var text = content.ToString();
            return ParseAsTemporal(text) ?? new SchemaAndValue(Schema.String, text);
        }

        private SchemaAndValue ParseArray()
        {
            var result = new List<object?>();
            var elementSchema = new SchemaMerger();
            while (parser.HasNext)
            {
                if (parser.CanConsume(ArrayEndDelimiter))
                {
                    if (elementSchema.Schema is { } common)
                    {
                        var listSchema = SchemaBuilder.Array(common).Build();
                        return new SchemaAndValue(listSchema, result.ConvertAll(element => ConvertTo(common, null, element)));
                    }

                    return new SchemaAndValue(UntypedArray, result);
                }

                if (parser.CanConsume(CommaDelimiter))
                {
                    throw new DataException($"Unable to parse an empty array element: {parser.Original}");
                }

                var element = Parse(embedded: true);
                elementSchema.Merge(element);
                result.Add(element?.Value);

                var position = parser.Mark();
                if (parser.CanConsume(ArrayEndDelimiter))
                {
                    parser.RewindTo(position);
                }
                else if (!parser.CanConsume(CommaDelimiter))
                {
                    throw new DataException($"Array elements missing '{CommaDelimiter}' delimiter");
                }
            }

            if (parser.Previous == CommaDelimiter)
            {
                throw new DataException($"Array is missing element after ',': {parser.Original}");
            }

            throw new DataException($"Array is missing terminating ']': {parser.Original}");
        }

        private SchemaAndValue ParseMap()
        {
            var result = new Dictionary<object, object?>();
            var keySchema = new SchemaMerger();
            var valueSchema = new SchemaMerger();
            while (parser.HasNext)
            {
                if (parser.CanConsume(MapEndDelimiter))
                {
                    if (keySchema.Schema is { } commonKey)
                    {
                        var commonValue = valueSchema.Schema;
                        var aligned = new Dictionary<object, object?>(result.Count);
                        foreach (var (key, value) in result)
                        {
                            aligned[ConvertTo(commonKey, null, key)!] = commonValue is null ? value : ConvertTo(commonValue, null, value);
                        }

                        return commonValue is null
                            ? new SchemaAndValue(UntypedMap, aligned)
                            : new SchemaAndValue(SchemaBuilder.Map(commonKey, commonValue).Build(), aligned);
                    }

                    return new SchemaAndValue(UntypedMap, result);
                }

                if (parser.CanConsume(CommaDelimiter))
                {
                    throw new DataException($"Unable to parse a map entry with no key or value: {parser.Original}");
                }

                if (Parse(embedded: true) is not { Value: { } entryKeyValue } entryKey)
                {
                    throw new DataException($"Map entry may not have a null key: {parser.Original}");
                }

                if (!parser.CanConsume(EntryDelimiter))
                {
                    throw new DataException($"Map entry is missing '{EntryDelimiter}' at {parser.Position} in {parser.Original}");
                }

                var entryValue = Parse(embedded: true);
                result[entryKeyValue] = entryValue?.Value;
                parser.CanConsume(CommaDelimiter);
                keySchema.Merge(entryKey);
                valueSchema.Merge(entryValue);
            }

            if (parser.Previous == CommaDelimiter)
            {
                throw new DataException($"Map is missing element after ',': {parser.Original}");
            }

            throw new DataException($"Map is missing terminating '}}': {parser.Original}");
        }
    }

    /// <summary>Kafka's <c>SchemaMerger</c>: the common schema of parsed values, if any.</summary>
    private sealed class SchemaMerger
    {
        private bool _compatible = true;

        /// <summary>The common schema, or <see langword="null"/> when no value had a schema or they had none in common.</summary>
        public Schema? Schema { get; private set; }

        public void Merge(SchemaAndValue? latest)
        {
            if (latest?.Schema is not { } latestSchema || !_compatible)
            {
                return;
            }

            if (Schema is null)
            {
                Schema = latestSchema;
                return;
            }

            Schema = MergeSchemas(Schema, latestSchema);
            _compatible = Schema is not null;
        }
    }
}
