using System.Text.Json.Nodes;

namespace Connect.Sdk.Runtime.Rest.Tests.Support;

/// <summary>
/// Compares the shape of two JSON bodies: the same property names at every level, objects where objects are and
/// arrays where arrays are. Scalar values may differ (and <c>null</c> matches anything); empty arrays match any array.
/// Paths listed as maps (configurations, offsets, maps keyed by connector name) are data: only their values' shapes
/// are compared. Paths are written <c>$.tasks[].id</c>, with <c>*</c> for a map's values. Properties Kafka leaves out
/// when they have no value (<c>trace</c> of a state without failure, <c>version</c> of an unversioned plugin) may be
/// present on one side only.
/// </summary>
public static class JsonShape
{
    private static readonly HashSet<string> OmittedWhenEmpty = new(StringComparer.Ordinal) { "trace", "version" };

    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, params string[] mapPaths)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", new HashSet<string>(mapPaths, StringComparer.Ordinal), differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, HashSet<string> maps, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            return;
        }

        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                if (maps.Contains(path))
                {
                    var sample = expectedObject.Select(p => p.Value).FirstOrDefault(v => v is not null);
                    foreach (var (_, value) in actualObject)
                    {
                        Compare(sample, value, path + ".*", maps, differences);
                    }

                    return;
                }

                var expectedKeys = expectedObject.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                var actualKeys = actualObject.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var missing in expectedKeys.Except(actualKeys).Where(k => !OmittedWhenEmpty.Contains(k)).Order(StringComparer.Ordinal))
                {
                    differences.Add($"{path}: missing property \"{missing}\"");
                }

                foreach (var extra in actualKeys.Except(expectedKeys).Where(k => !OmittedWhenEmpty.Contains(k)).Order(StringComparer.Ordinal))
                {
                    differences.Add($"{path}: unexpected property \"{extra}\"");
                }

                foreach (var key in expectedKeys.Intersect(actualKeys))
                {
                    Compare(expectedObject[key], actualObject[key], $"{path}.{key}", maps, differences);
                }

                return;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count == 0 || actualArray.Count == 0)
                {
                    return;
                }

                foreach (var element in actualArray)
                {
                    Compare(expectedArray[0], element, path + "[]", maps, differences);
                }

                return;
            case JsonValue when actual is JsonValue:
                return;
            default:
                differences.Add($"{path}: expected {Kind(expected)}, found {Kind(actual)}");
                return;
        }
    }

    private static string Kind(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => "a value",
    };
}
