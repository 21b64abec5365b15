using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// Converts Connect values from one form to another (<c>org.apache.kafka.connect.data.Values</c>): numbers between
/// widths, text to numbers, booleans, temporal values and structures, any value to text, and text back to a value with
/// an inferred schema. Header values written by <c>SimpleHeaderConverter</c> use these text forms.
/// </summary>
/// <remarks>
/// <para>
/// The behaviour follows Kafka 4.x's <c>Values</c>. A caller that expects, say, an <see cref="SchemaType.Int64"/>
/// header that may hold the text <c>"42"</c> writes <c>Values.ConvertToLong(header.Schema, header.Value)</c>.
/// </para>
/// <para>
/// Where .NET types force or invite a difference, it is listed on the member. The general ones: a narrowing conversion
/// whose value does not fit the target (300 to <see cref="SchemaType.Int8"/>, 1e30 to <see cref="SchemaType.Int64"/>,
/// NaN to an integer, a finite double beyond <see cref="float.MaxValue"/> to <see cref="SchemaType.Float32"/>) throws
/// <see cref="DataException"/>, where Java silently wraps or saturates; fractions are still truncated toward zero as in
/// Java. Temporal values are <see cref="DateTime"/>s read and written in UTC (Kafka uses the JVM's default time zone,
/// which Connect workers normally run as UTC) in the proleptic Gregorian calendar (Java uses the Julian calendar
/// before 1582-10-15), between the years 1 and 9999.
/// </para>
/// </remarks>
public static partial class Values
{
    private const long MillisPerDay = 24L * 60 * 60 * 1000;
    private const string NullValueMessage = "Unable to convert a null value to a schema that requires a value";
    private const string ArraySelector = "Schema{ARRAY}";
    private const string MapSelector = "Schema{MAP}";
    private const string StructSelector = "Schema{STRUCT}";
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm:ss.fff'Z'";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly long MinEpochDay = (long)Math.Floor((DateTime.MinValue - DateTime.UnixEpoch).TotalDays);
    private static readonly long MaxEpochDay = (long)Math.Floor((DateTime.MaxValue - DateTime.UnixEpoch).TotalDays);

    /// <summary>Converts a value to a boolean.</summary>
    /// <param name="schema">The value's schema, needed only for logical types; may be <see langword="null"/>.</param>
    /// <param name="value">The value; may be <see langword="null"/>.</param>
    /// <returns>
    /// The boolean; <see langword="null"/> for a null value. Text that parses as <c>true</c>/<c>false</c> gives that
    /// boolean; a number (or numeric text) gives <see langword="false"/> when its integer part is zero.
    /// </returns>
    /// <exception cref="DataException">The value is neither a boolean nor a number (<c>"green"</c>).</exception>
    public static bool? ConvertToBoolean(Schema? schema, object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case bool flag:
                return flag;
            case string text when ParseString(text).Value is bool parsed:
                return parsed;
            case string text when JavaText.TryParseBigDecimal(text, out var unscaled, out var scale):
                return HasIntegerPart(unscaled, scale);
            case float number:
                return !float.IsNaN(number) && MathF.Truncate(number) != 0;
            case double number:
                return !double.IsNaN(number) && Math.Truncate(number) != 0;
            case decimal number:
                return decimal.Truncate(number) != 0;
            case ulong number:
                return number != 0;
            case BigInteger number:
                return !number.IsZero;
            default:
                return AsLong(value, schema, SchemaType.Boolean) != 0;
        }
    }

    /// <summary>Converts a value to an <see cref="SchemaType.Int8"/> (<see cref="sbyte"/>).</summary>
    /// <param name="schema">The value's schema, needed only for logical types; may be <see langword="null"/>.</param>
    /// <param name="value">The value: a number, numeric text, or a Date/Time/Timestamp with its schema; may be <see langword="null"/>.</param>
    /// <returns>The number, fractions truncated toward zero; <see langword="null"/> for a null value.</returns>
    /// <exception cref="DataException">The value is not numeric, or is outside the range of <see cref="sbyte"/> (Java wraps it).</exception>
    public static sbyte? ConvertToByte(Schema? schema, object? value) => value switch
    {
        null => null,
        sbyte number => number,
        _ => (sbyte)Narrow(AsLong(value, schema, SchemaType.Int8), value, SchemaType.Int8, sbyte.MinValue, sbyte.MaxValue),
    };

    /// <summary>Converts a value to an <see cref="SchemaType.Int16"/> (<see cref="short"/>).</summary>
    /// <param name="schema">The value's schema, needed only for logical types; may be <see langword="null"/>.</param>
    /// <param name="value">The value: a number, numeric text, or a Date/Time/Timestamp with its schema; may be <see langword="null"/>.</param>
    /// <returns>The number, fractions truncated toward zero; <see langword="null"/> for a null value.</returns>
    /// <exception cref="DataException">The value is not numeric, or is outside the range of <see cref="short"/> (Java wraps it).</exception>
    public static short? ConvertToShort(Schema? schema, object? value) => value switch
    {
        null => null,
        short number => number,
        _ => (short)Narrow(AsLong(value, schema, SchemaType.Int16), value, SchemaType.Int16, short.MinValue, short.MaxValue),
    };

    /// <summary>Converts a value to an <see cref="SchemaType.Int32"/> (<see cref="int"/>).</summary>
    /// <param name="schema">The value's schema, needed only for logical types; may be <see langword="null"/>.</param>
    /// <param name="value">The value: a number, numeric text, or a Date/Time/Timestamp with its schema; may be <see langword="null"/>.</param>
    /// <returns>The number, fractions truncated toward zero; <see langword="null"/> for a null value.</returns>
    /// <exception cref="DataException">The value is not numeric, or is outside the range of <see cref="int"/> (Java wraps it).</exception>
    public static int? ConvertToInteger(Schema? schema, object? value) => value switch
    {
        null => null,
        int number => number,
        _ => (int)Narrow(AsLong(value, schema, SchemaType.Int32), value, SchemaType.Int32, int.MinValue, int.MaxValue),
    };

    /// <summary>Converts a value to an <see cref="SchemaType.Int64"/> (<see cref="long"/>).</summary>
    /// <param name="schema">The value's schema, needed only for logical types (a Timestamp gives its epoch milliseconds); may be <see langword="null"/>.</param>
    /// <param name="value">The value: a number, numeric text, or a Date/Time/Timestamp with its schema; may be <see langword="null"/>.</param>
    /// <returns>The number, fractions truncated toward zero; <see langword="null"/> for a null value.</returns>
    /// <exception cref="DataException">The value is not numeric, or is outside the range of <see cref="long"/> (Java saturates or wraps it).</exception>
    public static long? ConvertToLong(Schema? schema, object? value) => value switch
    {
        null => null,
        long number => number,
        _ => AsLong(value, schema, SchemaType.Int64),
    };

    /// <summary>Converts a value to a <see cref="SchemaType.Float32"/> (<see cref="float"/>).</summary>
    /// <param name="schema">The value's schema, needed only for logical types; may be <see langword="null"/>.</param>
    /// <param name="value">The value: a number, numeric text, or a Date/Time/Timestamp with its schema; may be <see langword="null"/>.</param>
    /// <returns>The nearest float (rounded through a double, as Kafka does); <see langword="null"/> for a null value.</returns>
    /// <exception cref="DataException">The value is not numeric, or is finite but beyond the range of <see cref="float"/> (Java gives infinity).</exception>
    public static float? ConvertToFloat(Schema? schema, object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case float number:
                return number;
        }

        var wide = AsDouble(value, schema, SchemaType.Float32);
        var narrow = (float)wide;
        if (float.IsInfinity(narrow) && double.IsFinite(wide))
        {
            throw OutOfRange(value, SchemaType.Float32);
        }

        return narrow;
    }

    /// <summary>Converts a value to a <see cref="SchemaType.Float64"/> (<see cref="double"/>).</summary>
    /// <param name="schema">The value's schema, needed only for logical types; may be <see langword="null"/>.</param>
    /// <param name="value">The value: a number, numeric text, or a Date/Time/Timestamp with its schema; may be <see langword="null"/>.</param>
    /// <returns>The nearest double; <see langword="null"/> for a null value.</returns>
    /// <exception cref="DataException">The value is not numeric.</exception>
    public static double? ConvertToDouble(Schema? schema, object? value) => value switch
    {
        null => null,
        double number => number,
        _ => AsDouble(value, schema, SchemaType.Float64),
    };

    /// <summary>
    /// Converts a value to its text form, the one <see cref="ParseString"/> reads back: numbers as Java prints them
    /// (<c>1</c>, <c>1.0</c>, <c>1.0E10</c>, <c>NaN</c>), <c>true</c>, bytes in base64, arrays <c>[1,2]</c>, maps
    /// <c>{"a":1}</c>, structs <c>{"id":1,"name":"x"}</c> (strings inside them quoted, with <c>\</c> and <c>"</c>
    /// escaped), and <see cref="DateTime"/>s as ISO 8601 in UTC.
    /// </summary>
    /// <param name="schema">The value's schema; not used (as in Kafka), so a temporal value is formatted by its value alone.</param>
    /// <param name="value">The value; may be <see langword="null"/>.</param>
    /// <returns>
    /// The text; <see langword="null"/> for a null value. A <see cref="DateTime"/> before 1970-01-02 (midnight UTC)
    /// prints as a time <c>HH:mm:ss.SSSZ</c>, one at midnight UTC as a date <c>yyyy-MM-dd</c>, and any other as a
    /// timestamp <c>yyyy-MM-ddTHH:mm:ss.SSSZ</c>, exactly Kafka's rule; sub-millisecond ticks are dropped.
    /// </returns>
    /// <exception cref="DataException">The value (or a nested one) is not a Connect value, e.g. a <see cref="Guid"/>.</exception>
    public static string? ConvertToString(Schema? schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(text, value, embedded: false);
        return text.ToString();
    }

    /// <summary>Converts a value to an array: a list is returned as it is, and text is parsed with <see cref="ParseString"/>.</summary>
    /// <param name="schema">The value's schema; not used.</param>
    /// <param name="value">The value.</param>
    /// <returns>The list (parsed text gives a <see cref="List{T}"/> of <see cref="object"/>).</returns>
    /// <exception cref="DataException">The value is null, or is neither a list nor text of one (<c>[1, 2, 3,,,]</c>).</exception>
    public static IList ConvertToList(Schema? schema, object? value)
    {
        var converted = ParseIfText(value, ArraySelector);
        return converted is IList list and not byte[] ? list : throw JavaText.Unconvertible(converted, ArraySelector);
    }

    /// <summary>Converts a value to a map: a dictionary is returned as it is, and text is parsed with <see cref="ParseString"/>.</summary>
    /// <param name="schema">The value's schema; not used.</param>
    /// <param name="value">The value.</param>
    /// <returns>The dictionary (parsed text gives a <see cref="Dictionary{TKey, TValue}"/> of objects, in the text's order).</returns>
    /// <exception cref="DataException">The value is null, or is neither a dictionary nor text of one.</exception>
    public static IDictionary ConvertToMap(Schema? schema, object? value)
    {
        var converted = ParseIfText(value, MapSelector);
        return converted is IDictionary map ? map : throw JavaText.Unconvertible(converted, MapSelector);
    }

    /// <summary>Returns a struct value; structs cannot be parsed from text because that has no schema.</summary>
    /// <param name="schema">The value's schema; not used.</param>
    /// <param name="value">The value.</param>
    /// <returns>The struct.</returns>
    /// <exception cref="DataException">The value is null or not a <see cref="Struct"/>.</exception>
    public static Struct ConvertToStruct(Schema? schema, object? value) => value switch
    {
        null => throw new DataException(NullValueMessage),
        Struct structValue => structValue,
        _ => throw JavaText.Unconvertible(value, StructSelector),
    };

    /// <summary>Converts a value to a Time (a <see cref="DateTime"/> on 1970-01-01 UTC).</summary>
    /// <param name="schema">The value's schema: with a Timestamp schema only the time of day is kept; with none a
    /// <see cref="DateTime"/> is returned as it is.</param>
    /// <param name="value">A <see cref="DateTime"/>, milliseconds since midnight (number or numeric text), or text
    /// such as <c>14:34:54.346Z</c>.</param>
    /// <returns>The time.</returns>
    /// <remarks>Text is parsed with <see cref="ParseString"/> and converted according to the parsed schema (so
    /// <c>(Schema.String, "14:34:54.346Z")</c> works and a timestamp text keeps only its time of day); Kafka keeps
    /// the caller's schema and rejects the first.</remarks>
    /// <exception cref="DataException">The value is null or cannot be read as a time.</exception>
    public static DateTime ConvertToTime(Schema? schema, object? value) =>
        value is null ? throw new DataException(NullValueMessage) : ConvertToTime(ConnectTime.Schema, schema, value);

    /// <summary>Converts a value to a Date (a <see cref="DateTime"/> at midnight UTC).</summary>
    /// <param name="schema">The value's schema: with a Timestamp schema the instant's UTC date is kept (Kafka truncates
    /// the epoch days toward zero, which gives the next day for instants before 1970); with none a
    /// <see cref="DateTime"/> is returned as it is.</param>
    /// <param name="value">A <see cref="DateTime"/>, days since the epoch (number or numeric text), or text such as <c>2019-08-23</c>.</param>
    /// <returns>The date.</returns>
    /// <remarks>Text is parsed with <see cref="ParseString"/> and converted according to the parsed schema.</remarks>
    /// <exception cref="DataException">The value is null or cannot be read as a date.</exception>
    public static DateTime ConvertToDate(Schema? schema, object? value) =>
        value is null ? throw new DataException(NullValueMessage) : ConvertToDate(ConnectDate.Schema, schema, value);

    /// <summary>Converts a value to a Timestamp (a <see cref="DateTime"/> in UTC).</summary>
    /// <param name="schema">The value's schema: a Date or Time schema gives the matching instant; with none a
    /// <see cref="DateTime"/> is returned as it is.</param>
    /// <param name="value">A <see cref="DateTime"/>, milliseconds since the epoch (number or numeric text), or text
    /// such as <c>2019-08-23T14:34:54.346Z</c>.</param>
    /// <returns>The instant.</returns>
    /// <remarks>Text is parsed with <see cref="ParseString"/> and converted according to the parsed schema.</remarks>
    /// <exception cref="DataException">The value is null or cannot be read as a timestamp.</exception>
    public static DateTime ConvertToTimestamp(Schema? schema, object? value) =>
        value is null ? throw new DataException(NullValueMessage) : ConvertToTimestamp(ConnectTimestamp.Schema, schema, value);

    /// <summary>Converts a value to a Decimal.</summary>
    /// <param name="schema">The value's schema; not used.</param>
    /// <param name="value">
    /// A <see cref="decimal"/> (returned as it is), the unscaled two's complement bytes of a Decimal with
    /// <paramref name="scale"/>, a number (converted through its Java <c>Double.toString</c> text, so 5 becomes 5.0
    /// and 0.1f becomes 0.10000000149011612, as Kafka's <c>BigDecimal.valueOf(double)</c> does), or decimal text.
    /// </param>
    /// <param name="scale">The scale, used only to decode bytes; 0 to <see cref="ConnectDecimal.MaxScale"/>.</param>
    /// <returns>The decimal. Its scale is the one the value has, not <paramref name="scale"/>, as in Kafka; where a
    /// <see cref="decimal"/> cannot hold Java's scale (1E+3) the same number is returned with scale 0.</returns>
    /// <exception cref="DataException">The value is null, not numeric (Java throws <c>NumberFormatException</c> for
    /// bad text or NaN), or does not fit a <see cref="decimal"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is negative or above 28.</exception>
    public static decimal ConvertToDecimal(Schema? schema, object? value, int scale) =>
        value is null ? throw new DataException(NullValueMessage) : ConvertToDecimal(ConnectDecimal.Schema(scale), value);

    /// <summary>Infers a schema for a value.</summary>
    /// <param name="value">The value; may be <see langword="null"/>.</param>
    /// <returns>
    /// The required schema of a primitive value (<see cref="sbyte"/> gives <see cref="Schema.Int8"/>, a byte array
    /// <see cref="Schema.Bytes"/>), a struct's own schema, an array or map schema whose element schemas are those of
    /// the (non-null) elements, made optional when some elements are null; or <see langword="null"/> for null, for an
    /// empty list or map, for elements of different types, and for values with no Connect type of their own (such as
    /// <see cref="decimal"/> and <see cref="DateTime"/>, as in Kafka).
    /// </returns>
    /// <remarks>Kafka gives nested arrays, maps and structs a schema without element schema or fields; here nested
    /// values must all have one equal schema (and no nulls), otherwise no schema is inferred.</remarks>
    public static Schema? InferSchema(object? value) => value switch
    {
        string => Schema.String,
        bool => Schema.Boolean,
        sbyte => Schema.Int8,
        short => Schema.Int16,
        int => Schema.Int32,
        long => Schema.Int64,
        float => Schema.Float32,
        double => Schema.Float64,
        byte[] or ReadOnlyMemory<byte> => Schema.Bytes,
        Struct structValue => structValue.Schema,
        IDictionary map => InferMapSchema(map),
        IList list => InferListSchema(list),
        _ => null,
    };

    /// <summary>Converts a value to the type of a schema, as Kafka's <c>Values.convertTo</c> does; used to align parsed elements.</summary>
    internal static object? ConvertTo(Schema toSchema, Schema? fromSchema, object? value)
    {
        if (value is null)
        {
            return toSchema.IsOptional ? null : throw new DataException(NullValueMessage);
        }

        // The object cast keeps each arm's own boxed type (a switch expression can otherwise widen numeric arms).
        return toSchema.Type switch
        {
            SchemaType.Bytes when toSchema.Name == ConnectDecimal.LogicalName => (object?)ConvertToDecimal(toSchema, value),
            SchemaType.Bytes => ConvertToBytes(toSchema, value),
            SchemaType.String => ConvertToString(fromSchema, value),
            SchemaType.Boolean => ConvertToBoolean(fromSchema, value),
            SchemaType.Int8 => ConvertToByte(fromSchema, value),
            SchemaType.Int16 => ConvertToShort(fromSchema, value),
            SchemaType.Int32 when toSchema.Name == ConnectDate.LogicalName => ConvertToDate(toSchema, fromSchema, value),
            SchemaType.Int32 when toSchema.Name == ConnectTime.LogicalName => ConvertToTime(toSchema, fromSchema, value),
            SchemaType.Int32 => ConvertToInteger(fromSchema, value),
            SchemaType.Int64 when toSchema.Name == ConnectTimestamp.LogicalName => ConvertToTimestamp(toSchema, fromSchema, value),
            SchemaType.Int64 => ConvertToLong(fromSchema, value),
            SchemaType.Float32 => ConvertToFloat(fromSchema, value),
            SchemaType.Float64 => ConvertToDouble(fromSchema, value),
            SchemaType.Array => ConvertToList(fromSchema, value),
            SchemaType.Map => ConvertToMap(fromSchema, value),
            SchemaType.Struct => ConvertToStruct(fromSchema, value),
            _ => throw JavaText.Unconvertible(value, JavaText.Describe(toSchema)),
        };
    }

    /// <summary>Escapes <c>\</c> and <c>"</c> with a backslash, as strings inside arrays, maps and structs are written.</summary>
    internal static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static void Append(StringBuilder text, object? value, bool embedded)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                if (embedded)
                {
                    text.Append('"').Append(Escape(s)).Append('"');
                }
                else
                {
                    text.Append(s);
                }

                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger or float or double or decimal:
                text.Append(JavaText.ToJavaString(value));
                break;
            case byte[] or ReadOnlyMemory<byte>:
                ConnectValueComparer.TryGetBytes(value, out var bytes);
                var base64 = Convert.ToBase64String(bytes.Span);
                if (embedded)
                {
                    text.Append('"').Append(base64).Append('"');
                }
                else
                {
                    text.Append(base64);
                }

                break;
            case IDictionary map:
                text.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    if (!firstEntry)
                    {
                        text.Append(',');
                    }

                    firstEntry = false;
                    Append(text, entry.Key, embedded: true);
                    text.Append(':');
                    Append(text, entry.Value, embedded: true);
                }

                text.Append('}');
                break;
            case IList list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Append(text, list[i], embedded: true);
                }

                text.Append(']');
                break;
            case Struct structValue:
                text.Append('{');
                var firstField = true;
                foreach (var field in structValue.Schema.Fields)
                {
                    if (!firstField)
                    {
                        text.Append(',');
                    }

                    firstField = false;
                    Append(text, field.Name, embedded: true);
                    text.Append(':');
                    Append(text, structValue.Get(field), embedded: true);
                }

                text.Append('}');
                break;
            case DateTime instant:
                text.Append(FormatInstant(instant));
                break;
            default:
                throw new DataException(
                    $"Failed to serialize unexpected value type {value.GetType().FullName}: {JavaText.ToJavaString(value)}");
        }
    }

    private static string FormatInstant(DateTime value)
    {
        var millis = LogicalTime.ToEpochMillis(value);
        var format = millis < MillisPerDay ? TimeFormat : millis % MillisPerDay == 0 ? DateFormat : TimestampFormat;
        return LogicalTime.FromEpochMillis(millis).ToString(format, CultureInfo.InvariantCulture);
    }

    private static Schema? InferListSchema(IList list)
    {
        if (list.Count == 0)
        {
            return null;
        }

        var detector = new SchemaDetector();
        foreach (var element in list)
        {
            if (!detector.CanDetect(element))
            {
                return null;
            }
        }

        var elementSchema = detector.Schema;
        return elementSchema is null ? null : SchemaBuilder.Array(elementSchema).Build();
    }

    private static Schema? InferMapSchema(IDictionary map)
    {
        if (map.Count == 0)
        {
            return null;
        }

        var keys = new SchemaDetector();
        var values = new SchemaDetector();
        foreach (DictionaryEntry entry in map)
        {
            if (!keys.CanDetect(entry.Key) || !values.CanDetect(entry.Value))
            {
                return null;
            }
        }

        var keySchema = keys.Schema;
        var valueSchema = values.Schema;
        return keySchema is null || valueSchema is null ? null : SchemaBuilder.Map(keySchema, valueSchema).Build();
    }

    private static object ParseIfText(object? value, string target)
    {
        switch (value)
        {
            case null:
                throw new DataException(NullValueMessage);
            case string text:
                return ParseString(text).Value ?? throw JavaText.Unconvertible(text, target);
            default:
                return value;
        }
    }

    private static (Schema? Schema, object Value) ParseIfText(Schema? schema, object value, Schema toSchema)
    {
        if (value is not string text)
        {
            return (schema, value);
        }

        var parsed = ParseString(text);
        return (parsed.Schema, parsed.Value ?? throw JavaText.Unconvertible(text, JavaText.Describe(toSchema)));
    }

    private static decimal ConvertToDecimal(Schema toSchema, object value)
    {
        switch (value)
        {
            case byte[] bytes:
                return ConnectDecimal.ToLogical(toSchema, bytes);
            case ReadOnlyMemory<byte> memory:
                return ConnectDecimal.ToLogical(toSchema, memory.Span);
            case decimal number:
                return number;
            case string text:
                if (JavaText.TryParseBigDecimal(text, out var unscaled, out var scale)
                    && JavaText.TryToDecimalValue(unscaled, scale, out var parsed))
                {
                    return parsed;
                }

                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger or float or double:
                // As Kafka's BigDecimal.valueOf(double): the decimal of the double's Java text.
                var javaText = JavaText.FormatDouble(AsDouble(value, null, SchemaType.Bytes));
                if (JavaText.TryParseBigDecimal(javaText, out var unscaledDouble, out var doubleScale)
                    && JavaText.TryToDecimalValue(unscaledDouble, doubleScale, out var converted))
                {
                    return converted;
                }

                break;
        }

        throw JavaText.Unconvertible(value, JavaText.Describe(toSchema));
    }

    private static byte[] ConvertToBytes(Schema toSchema, object value) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        decimal number => ConnectDecimal.FromLogical(toSchema, number),
        _ => throw JavaText.Unconvertible(value, JavaText.Describe(toSchema)),
    };

    private static DateTime ConvertToDate(Schema toSchema, Schema? fromSchema, object value)
    {
        (fromSchema, value) = ParseIfText(fromSchema, value, toSchema);
        if (value is DateTime instant)
        {
            if (fromSchema is null || fromSchema.Name == ConnectDate.LogicalName)
            {
                return instant;
            }

            if (fromSchema.Name == ConnectTimestamp.LogicalName)
            {
                return DateOfEpochDay(toSchema, FloorDiv(LogicalTime.ToEpochMillis(instant), MillisPerDay));
            }
        }

        var days = Narrow(AsLong(value, fromSchema, SchemaType.Int32), value, SchemaType.Int32, int.MinValue, int.MaxValue);
        return DateOfEpochDay(toSchema, days);
    }

    private static DateTime ConvertToTime(Schema toSchema, Schema? fromSchema, object value)
    {
        (fromSchema, value) = ParseIfText(fromSchema, value, toSchema);
        if (value is DateTime instant)
        {
            if (fromSchema is null || fromSchema.Name == ConnectTime.LogicalName)
            {
                return instant;
            }

            if (fromSchema.Name == ConnectTimestamp.LogicalName)
            {
                var millis = LogicalTime.ToEpochMillis(instant);
                return ConnectTime.ToLogical(toSchema, (int)(millis - (FloorDiv(millis, MillisPerDay) * MillisPerDay)));
            }
        }

        var millisOfDay = Narrow(AsLong(value, fromSchema, SchemaType.Int32), value, SchemaType.Int32, int.MinValue, int.MaxValue);
        return ConnectTime.ToLogical(toSchema, (int)millisOfDay);
    }

    private static DateTime ConvertToTimestamp(Schema toSchema, Schema? fromSchema, object value)
    {
        (fromSchema, value) = ParseIfText(fromSchema, value, toSchema);
        if (value is DateTime instant)
        {
            if (fromSchema is null || fromSchema.Name == ConnectTimestamp.LogicalName)
            {
                return instant;
            }

            if (fromSchema.Name == ConnectDate.LogicalName)
            {
                return ConnectTimestamp.ToLogical(toSchema, ConnectDate.FromLogical(fromSchema, instant) * MillisPerDay);
            }

            if (fromSchema.Name == ConnectTime.LogicalName)
            {
                return ConnectTimestamp.ToLogical(toSchema, ConnectTime.FromLogical(fromSchema, instant));
            }
        }

        return ConnectTimestamp.ToLogical(toSchema, AsLong(value, fromSchema, SchemaType.Int64));
    }

    private static DateTime DateOfEpochDay(Schema toSchema, long days)
    {
        if (days < MinEpochDay || days > MaxEpochDay)
        {
            throw new DataException(
                $"Date {days} days since the epoch is outside the range of System.DateTime (years 0001 to 9999).");
        }

        return ConnectDate.ToLogical(toSchema, (int)days);
    }

    /// <summary>Kafka's <c>asLong</c>: the integral value of a number or numeric text (truncated toward zero), or the
    /// encoded value of a Date/Time/Timestamp given its schema.</summary>
    private static long AsLong(object value, Schema? fromSchema, SchemaType target)
    {
        Exception? cause = null;
        switch (value)
        {
            case sbyte number:
                return number;
            case byte number:
                return number;
            case short number:
                return number;
            case ushort number:
                return number;
            case int number:
                return number;
            case uint number:
                return number;
            case long number:
                return number;
            case ulong number:
                return number <= long.MaxValue ? (long)number : throw OutOfRange(value, target);
            case float number:
                return TruncateToLong(number, value, target);
            case double number:
                return TruncateToLong(number, value, target);
            case decimal number:
                var truncated = decimal.Truncate(number);
                return truncated is >= long.MinValue and <= long.MaxValue ? (long)truncated : throw OutOfRange(value, target);
            case BigInteger number:
                return number >= long.MinValue && number <= long.MaxValue ? (long)number : throw OutOfRange(value, target);
            case string text:
                if (JavaText.TryParseBigDecimal(text, out var unscaled, out var scale))
                {
                    return TruncateToLong(unscaled, scale, value, target);
                }

                cause = new FormatException($"\"{text}\" is not a decimal number.");
                break;
        }

        if (fromSchema is not null)
        {
            if (value is DateTime instant)
            {
                switch (fromSchema.Name)
                {
                    case ConnectDate.LogicalName:
                        return ConnectDate.FromLogical(fromSchema, instant);
                    case ConnectTime.LogicalName:
                        return ConnectTime.FromLogical(fromSchema, instant);
                    case ConnectTimestamp.LogicalName:
                        return ConnectTimestamp.FromLogical(fromSchema, instant);
                }
            }

            throw JavaText.Unconvertible(value, JavaText.Describe(fromSchema), cause);
        }

        throw JavaText.Unconvertible(value, "a number", cause);
    }

    /// <summary>Kafka's <c>asDouble</c>: the double of a number or numeric text, else <see cref="AsLong"/>.</summary>
    private static double AsDouble(object value, Schema? fromSchema, SchemaType target) => value switch
    {
        sbyte number => number,
        byte number => number,
        short number => number,
        ushort number => number,
        int number => number,
        uint number => number,
        long number => number,
        ulong number => number,
        float number => number,
        double number => number,
        decimal number => double.Parse(number.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
        BigInteger number => JavaText.ToDouble(number, 0),
        string text when JavaText.TryParseBigDecimal(text, out var unscaled, out var scale) => JavaText.ToDouble(unscaled, scale),
        _ => AsLong(value, fromSchema, target),
    };

    private static long TruncateToLong(double number, object value, SchemaType target) =>
        !double.IsNaN(number) && number >= -9.2233720368547758E18 && number < 9.2233720368547758E18
            ? (long)number
            : throw OutOfRange(value, target);

    private static long TruncateToLong(BigInteger unscaled, int scale, object value, SchemaType target)
    {
        if (unscaled.IsZero)
        {
            return 0;
        }

        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length;
        BigInteger integral;
        if (scale <= 0)
        {
            if (digits - (long)scale > 19)
            {
                throw OutOfRange(value, target);
            }

            integral = unscaled * BigInteger.Pow(10, -scale);
        }
        else
        {
            integral = scale >= digits ? BigInteger.Zero : BigInteger.Divide(unscaled, BigInteger.Pow(10, scale));
        }

        return integral >= long.MinValue && integral <= long.MaxValue ? (long)integral : throw OutOfRange(value, target);
    }

    private static bool HasIntegerPart(BigInteger unscaled, int scale) =>
        !unscaled.IsZero && BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length - 1 - (long)scale >= 0;

    private static long Narrow(long number, object value, SchemaType target, long min, long max) =>
        number >= min && number <= max ? number : throw OutOfRange(value, target);

    private static DataException OutOfRange(object value, SchemaType target) =>
        new($"Unable to convert {JavaText.ToJavaString(value)} ({value.GetType()}) to {JavaText.TypeName(target)}: the value is out of range");

    private static long FloorDiv(long x, long y)
    {
        var quotient = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
    }

    /// <summary>Kafka's <c>SchemaDetector</c>: one type for all non-null values, optional when nulls appear.</summary>
    private sealed class SchemaDetector
    {
        private Schema? _known;
        private bool _optional;

        public Schema? Schema
        {
            get
            {
                if (_known is null)
                {
                    return null;
                }

                if (_known.Type.IsPrimitive())
                {
                    return Data.Schema.ForType(_known.Type, _optional);
                }

                return _optional ? null : _known;
            }
        }

        public bool CanDetect(object? value)
        {
            if (value is null)
            {
                _optional = true;
                return true;
            }

            var schema = InferSchema(value);
            if (schema is null)
            {
                return false;
            }

            if (_known is null)
            {
                _known = schema;
                return true;
            }

            return _known.Type == schema.Type && (schema.Type.IsPrimitive() || _known.Equals(schema));
        }
    }
}
