using System.Collections;
using System.Globalization;
using Connect.Sdk.Data;
using Connect.Sdk.Testing.Records;

namespace Connect.Sdk.Testing.Assertions;

/// <summary>Describes values for failure messages and compares actual with expected values.</summary>
internal static class AssertionText
{
    /// <summary>Text that FluentAssertions prints as it is, without quotes; passing text as an argument also keeps
    /// braces in it from being read as placeholders.</summary>
    public static object Raw(string text) => new RawText(text);

    /// <summary>A value with its .NET type, e.g. <c>42 (Int32)</c> or <c>"abc" (String)</c>.</summary>
    public static object Describe(object? value) => Raw(DescribeText(value));

    public static string DescribeText(object? value) => value switch
    {
        null => "<null>",
        string s => $"\"{s}\" (String)",
        byte[] bytes => $"0x{Convert.ToHexString(bytes)} (Byte[])",
        Struct s => s.ToString(),
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => $"{value} ({value.GetType().Name})",
    };

    /// <summary>Whether an actual Connect value matches an expected one: equal as Connect values, or, when the actual
    /// value is a struct and the expected one an anonymous object or dictionary, field by field.</summary>
    public static bool Matches(object? actual, object? expected)
    {
        if (ConnectValueComparer.Instance.Equals(actual, expected))
        {
            return true;
        }

        if (actual is Struct actualStruct && expected is not null and not Struct and not string and not IEnumerable)
        {
            return MatchesStruct(actualStruct, expected);
        }

        if (actual is Struct actualFromMap && expected is IDictionary)
        {
            return MatchesStruct(actualFromMap, expected);
        }

        return false;
    }

    private static bool MatchesStruct(Struct actual, object expected)
    {
        Struct? inferred;
        try
        {
            inferred = RecordBuilder.Infer(expected).Value as Struct;
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (inferred is null || inferred.Schema.Fields.Count != actual.Schema.Fields.Count)
        {
            return false;
        }

        foreach (var field in inferred.Schema.Fields)
        {
            if (actual.Schema.FindField(field.Name) is not { } actualField || !Matches(actual.Get(actualField), inferred.Get(field)))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class RawText(string text)
    {
        public override string ToString() => text;
    }
}
