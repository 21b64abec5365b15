using System.Globalization;
using System.Text;
using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// Infers a schema and value from a literal string, following Kafka's <c>Values.parseString</c> as InsertHeader's
/// <c>value.literal</c> uses it: <c>true</c>/<c>false</c> are booleans; integral numbers take the narrowest of int8,
/// int16, int32 and int64 (so <c>1</c> is an int8 and <c>1.0</c> too); other numbers are float32 when that is finite,
/// else float64; <c>2024-01-31</c>, <c>12:30:00.000Z</c> and <c>2024-01-31T12:30:00.000Z</c> are Date, Time and
/// Timestamp; <c>[…]</c> and <c>{…}</c> are arrays and maps of such literals (with <c>null</c> and quoted strings as
/// elements); anything else is a string.
/// </summary>
internal static class ValueLiterals
{
    private static readonly JavaDateFormat IsoDate = JavaDateFormat.Create("yyyy-MM-dd");
    private static readonly JavaDateFormat IsoTime = JavaDateFormat.Create("HH:mm:ss.SSS'Z'");
    private static readonly JavaDateFormat IsoTimestamp = JavaDateFormat.Create("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    public static SchemaAndValue Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return new SchemaAndValue(Schema.String, value);
        }

        return ParseToken(value.Trim(), embedded: false) ?? new SchemaAndValue(Schema.String, value);
    }

    private static SchemaAndValue? ParseToken(string token, bool embedded)
    {
        if (token.Length == 0)
        {
            return new SchemaAndValue(Schema.String, token);
        }

        if (embedded && token == "null")
        {
            return SchemaAndValue.Null;
        }

        if (embedded && token.Length >= 2 && token[0] == '"' && token[^1] == '"')
        {
            return new SchemaAndValue(Schema.String, Unquote(token));
        }

        if (token.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new SchemaAndValue(Schema.Boolean, true);
        }

        if (token.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return new SchemaAndValue(Schema.Boolean, false);
        }

        if (token[0] == '[' && token[^1] == ']')
        {
            return ParseArray(token[1..^1]) ?? (embedded ? null : new SchemaAndValue(Schema.String, token));
        }

        if (token[0] == '{' && token[^1] == '}')
        {
            return ParseMap(token[1..^1]) ?? (embedded ? null : new SchemaAndValue(Schema.String, token));
        }

        if (char.IsAsciiDigit(token[0]) && ParseTemporal(token) is { } temporal)
        {
            return temporal;
        }

        if ((char.IsAsciiDigit(token[0]) || token[0] is '+' or '-') && ParseNumber(token) is { } number)
        {
            return number;
        }

        return embedded ? null : new SchemaAndValue(Schema.String, token);
    }

    private static SchemaAndValue? ParseTemporal(string token)
    {
        if (token.Length == 10 && IsoDate.TryParse(token, out var date))
        {
            return new SchemaAndValue(ConnectDate.Schema, date);
        }

        if (token.Length == 13 && IsoTime.TryParse(token, out var time) && time < DateTime.UnixEpoch.AddDays(1))
        {
            return new SchemaAndValue(ConnectTime.Schema, time);
        }

        if (token.Length == 24 && IsoTimestamp.TryParse(token, out var timestamp))
        {
            return new SchemaAndValue(ConnectTimestamp.Schema, timestamp);
        }

        return null;
    }

    private static SchemaAndValue? ParseNumber(string token)
    {
        if (decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (decimal.Truncate(number) == number)
            {
                if (number is >= sbyte.MinValue and <= sbyte.MaxValue)
                {
                    return new SchemaAndValue(Schema.Int8, (sbyte)number);
                }

                if (number is >= short.MinValue and <= short.MaxValue)
                {
                    return new SchemaAndValue(Schema.Int16, (short)number);
                }

                if (number is >= int.MinValue and <= int.MaxValue)
                {
                    return new SchemaAndValue(Schema.Int32, (int)number);
                }

                if (number is >= long.MinValue and <= long.MaxValue)
                {
                    return new SchemaAndValue(Schema.Int64, (long)number);
                }

                return new SchemaAndValue(ConnectDecimal.Schema(number.Scale), number);
            }

            var single = (float)number;
            return float.IsFinite(single)
                ? new SchemaAndValue(Schema.Float32, single)
                : new SchemaAndValue(Schema.Float64, (double)number);
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var large) && double.IsFinite(large))
        {
            var single = (float)large;
            return float.IsFinite(single) ? new SchemaAndValue(Schema.Float32, single) : new SchemaAndValue(Schema.Float64, large);
        }

        return null;
    }

    private static SchemaAndValue? ParseArray(string content)
    {
        var elements = new List<object?>();
        Schema? common = null;
        var mixed = false;
        foreach (var part in SplitTopLevel(content, ','))
        {
            if (ParseToken(part.Trim(), embedded: true) is not { } element)
            {
                return null;
            }

            elements.Add(element.Value);
            Merge(ref common, ref mixed, element.Schema);
        }

        var schema = common is null || mixed ? null : SchemaBuilder.Array(common).Build();
        return new SchemaAndValue(schema, elements);
    }

    private static SchemaAndValue? ParseMap(string content)
    {
        var entries = new Dictionary<object, object?>();
        Schema? keySchema = null;
        Schema? valueSchema = null;
        bool mixedKeys = false, mixedValues = false;
        foreach (var part in SplitTopLevel(content, ','))
        {
            var pair = SplitTopLevel(part, ':');
            if (pair.Count != 2
                || ParseToken(pair[0].Trim(), embedded: true) is not { Value: { } key } keyResult
                || ParseToken(pair[1].Trim(), embedded: true) is not { } valueResult)
            {
                return null;
            }

            entries[key] = valueResult.Value;
            Merge(ref keySchema, ref mixedKeys, keyResult.Schema);
            Merge(ref valueSchema, ref mixedValues, valueResult.Schema);
        }

        var schema = keySchema is null || valueSchema is null || mixedKeys || mixedValues
            ? null
            : SchemaBuilder.Map(keySchema, valueSchema).Build();
        return new SchemaAndValue(schema, entries);
    }

    private static void Merge(ref Schema? common, ref bool mixed, Schema? next)
    {
        if (next is null)
        {
            return;
        }

        if (common is null)
        {
            common = next;
        }
        else if (!common.Equals(next))
        {
            mixed = true;
        }
    }

    private static List<string> SplitTopLevel(string content, char separator)
    {
        var parts = new List<string>();
        if (content.Trim().Length == 0)
        {
            return parts;
        }

        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '[' or '{')
            {
                depth++;
            }
            else if (!quoted && c is ']' or '}')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == separator)
            {
                parts.Add(content[start..i]);
                start = i + 1;
            }
        }

        parts.Add(content[start..]);
        return parts;
    }

    private static string Unquote(string token)
    {
        var text = new StringBuilder(token.Length);
        for (var i = 1; i < token.Length - 1; i++)
        {
            if (token[i] == '\\' && i + 1 < token.Length - 1)
            {
                i++;
            }

            text.Append(token[i]);
        }

        return text.ToString();
    }
}
