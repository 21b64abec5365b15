using System.Collections;
using Connect.Sdk.Config;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>Validators and key definitions several transforms share, with Kafka's wording.</summary>
internal static class ConfigSupport
{
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";

    public const string ReplaceNullWithDefaultDoc =
        "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.";

    /// <summary>Kafka's <c>NonEmptyListValidator</c>: <c>Invalid value [] for configuration fields: Empty list</c>.</summary>
    public static IConfigValidator NonEmptyList { get; } = LambdaValidator.With(
        (name, value) =>
        {
            if (value is not ICollection { Count: > 0 })
            {
                throw new ConfigException(name, value, "Empty list");
            }
        },
        () => "non-empty list");

    /// <summary>Kafka's <c>RegexValidator</c>: <c>Invalid value ( for configuration regex: Invalid regex: …</c>.</summary>
    public static IConfigValidator Regex { get; } = LambdaValidator.With(
        (name, value) =>
        {
            if (value is string pattern)
            {
                try
                {
                    JavaRegex.Compile(pattern);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException(name, value, "Invalid regex: " + e.Message);
                }
            }
        },
        () => "valid regex");

    /// <summary>Adds <c>replace.null.with.default</c> (boolean, default true).</summary>
    public static ConfigDef DefineReplaceNullWithDefault(this ConfigDef definition) =>
        definition.Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, Importance.Medium, ReplaceNullWithDefaultDoc);

    /// <summary>Parses the settings against a definition.</summary>
    public static SimpleConfig Parse(ConfigDef definition, IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        return new SimpleConfig(definition, configs);
    }

    /// <summary>The value of a nullable integer key.</summary>
    public static int? GetNullableInt(this AbstractConfig config, string key) => (int?)config.Get(key);
}
