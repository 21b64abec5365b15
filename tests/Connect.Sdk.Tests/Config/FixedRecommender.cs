using Connect.Sdk.Config;

namespace Connect.Sdk.Tests.Config;

/// <summary>Recommends fixed values and records the parsed configuration it was shown.</summary>
internal sealed class FixedRecommender(IReadOnlyList<object> values, bool visible) : IRecommender
{
    public IReadOnlyDictionary<string, object?>? LastParsedConfig { get; private set; }

    public string? LastName { get; private set; }

    public IReadOnlyList<object> ValidValues(string name, IReadOnlyDictionary<string, object?> parsedConfig)
    {
        LastName = name;
        LastParsedConfig = parsedConfig.ToDictionary(e => e.Key, e => e.Value);
        return values;
    }

    public bool IsVisible(string name, IReadOnlyDictionary<string, object?> parsedConfig) => visible;
}
