using Connect.Sdk.Data;

namespace Connect.Sdk.Tests.Data;

/// <summary>Deep, type-exact comparison of Connect values (an Int8 1 is not an Int32 1).</summary>
internal static class ValueAssertions
{
    public static void ShouldBeValue(this object? actual, object? expected)
    {
        if (!ConnectValueComparer.Instance.Equals(actual, expected))
        {
            throw new Xunit.Sdk.XunitException(
                $"Expected {Describe(expected)} but found {Describe(actual)}.");
        }
    }

    private static IEnumerable<System.Collections.DictionaryEntry> Entries(System.Collections.IDictionary map)
    {
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            yield return entry;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        System.Collections.IDictionary map => "{" + string.Join(", ", Entries(map).Select(e => Describe(e.Key) + "=" + Describe(e.Value))) + "}",
        System.Collections.IList list and not byte[] => "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]",
        _ => $"{JavaText.ToJavaString(value)} ({value.GetType().Name})",
    };
}
