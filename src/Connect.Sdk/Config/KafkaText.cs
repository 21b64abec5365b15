using System.Collections;
using System.Globalization;
using System.Text;

namespace Connect.Sdk.Config;

/// <summary>
/// Renders values and names the way Kafka prints them, so that messages, documentation and REST answers read the
/// same as Kafka Connect's: booleans in lower case, doubles with a fractional part (<c>1.0</c>), lists as
/// <c>[a, b]</c>, type names in upper case (<c>INT</c>) and passwords as <c>[hidden]</c>.
/// </summary>
internal static class KafkaText
{
    /// <summary>The characters Java's <c>\s</c> matches.</summary>
    private static readonly char[] JavaWhitespace = [' ', '\t', '\n', '\v', '\f', '\r'];

    public static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => FormatDouble(number),
        float number => FormatDouble(number),
        Password password => password.ToString(),
        Type type => type.FullName ?? type.Name,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Formats a double as Java's <c>Double.toString</c> does.</summary>
    public static string FormatDouble(double value) => Data.JavaText.FormatDouble(value);

    /// <summary>Trims as Java's <c>String.trim</c> does: every character up to and including the space.</summary>
    public static string Trim(string value)
    {
        int start = 0;
        int end = value.Length;
        while (start < end && value[start] <= ' ')
        {
            start++;
        }

        while (end > start && value[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>Splits a trimmed, non-empty list value on commas and the whitespace around them.</summary>
    public static string[] SplitList(string trimmed)
    {
        string[] entries = trimmed.Split(',');
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = entries[i].Trim(JavaWhitespace);
        }

        return entries;
    }

    /// <summary>The upper-case name Kafka uses for a type in messages and REST answers, e.g. <c>INT</c>.</summary>
    public static string UpperName(ConfigType type) => type switch
    {
        ConfigType.Boolean => "BOOLEAN",
        ConfigType.String => "STRING",
        ConfigType.Int => "INT",
        ConfigType.Short => "SHORT",
        ConfigType.Long => "LONG",
        ConfigType.Double => "DOUBLE",
        ConfigType.List => "LIST",
        ConfigType.Class => "CLASS",
        ConfigType.Password => "PASSWORD",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown configuration type."),
    };

    /// <summary>The lower-case name Kafka uses for a type in documentation, e.g. <c>int</c>.</summary>
    public static string LowerName(ConfigType type) => type switch
    {
        ConfigType.Boolean => "boolean",
        ConfigType.String => "string",
        ConfigType.Int => "int",
        ConfigType.Short => "short",
        ConfigType.Long => "long",
        ConfigType.Double => "double",
        ConfigType.List => "list",
        ConfigType.Class => "class",
        ConfigType.Password => "password",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown configuration type."),
    };

    /// <summary>The lower-case name Kafka uses for an importance in documentation, e.g. <c>high</c>.</summary>
    public static string LowerName(Importance importance) => importance switch
    {
        Importance.High => "high",
        Importance.Medium => "medium",
        Importance.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(importance), importance, "Unknown importance."),
    };
}
