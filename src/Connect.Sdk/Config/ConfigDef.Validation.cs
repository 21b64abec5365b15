using System.Collections.ObjectModel;

namespace Connect.Sdk.Config;

public sealed partial class ConfigDef
{
    /// <summary>
    /// Validates configuration properties without throwing, as Kafka Connect's <c>config/validate</c> does: returns
    /// one <see cref="ConfigValue"/> per defined key with its parsed value, its errors (a missing required key,
    /// a value that cannot be parsed, a validator's rejection), and the recommender's suggestions and visibility.
    /// </summary>
    /// <param name="props">The properties, as an operator supplies them.</param>
    /// <returns>The results in definition order, followed by one per dependent that is named but not defined.</returns>
    /// <remarks>
    /// A key whose value is missing or cannot be parsed reports that one error and is not passed to its validator,
    /// and each error is reported once even when a key is the dependent of several others.
    /// </remarks>
    public IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props) => [.. ValidateAll(props).Values];

    /// <summary>Validates configuration properties without throwing; see <see cref="Validate"/>.</summary>
    /// <param name="props">The properties, as an operator supplies them.</param>
    /// <returns>The results by key name.</returns>
    public IReadOnlyDictionary<string, ConfigValue> ValidateAll(IReadOnlyDictionary<string, string> props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var results = new OrderedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (ConfigKey key in _configKeys.Values)
        {
            ConfigValue result = ParseForValidate(key, props);
            results.Add(key.Name, result);
            parsed[key.Name] = result.Value;
        }

        foreach (string undefined in UndefinedDependents())
        {
            var result = new ConfigValue(undefined) { Visible = false };
            result.AddErrorMessage(undefined + " is referred in the dependents, but not defined.");
            results.Add(undefined, result);
        }

        // Recommenders see every parsed value, so the order of this pass does not matter.
        var parsedView = new ReadOnlyDictionary<string, object?>(parsed);
        foreach (ConfigKey key in _configKeys.Values)
        {
            if (key.Recommender is not { } recommender)
            {
                continue;
            }

            ConfigValue result = results[key.Name];
            try
            {
                result.RecommendedValues = recommender.ValidValues(key.Name, parsedView);
                result.Visible = recommender.IsVisible(key.Name, parsedView);
            }
            catch (ConfigException e)
            {
                result.AddErrorMessage(e.Message);
            }
        }

        return new ReadOnlyDictionary<string, ConfigValue>(results);
    }

    private static ConfigValue ParseForValidate(ConfigKey key, IReadOnlyDictionary<string, string> props)
    {
        var result = new ConfigValue(key.Name);
        object? value;
        if (props.TryGetValue(key.Name, out string? supplied))
        {
            try
            {
                value = ParseType(key.Name, supplied, key.Type);
            }
            catch (ConfigException e)
            {
                result.AddErrorMessage(e.Message);
                return result;
            }
        }
        else if (!key.HasDefault)
        {
            result.AddErrorMessage(MissingRequiredMessage(key.Name));
            return result;
        }
        else
        {
            value = key.DefaultValue;
        }

        result.Value = value;
        try
        {
            key.Validator?.EnsureValid(key.Name, value);
        }
        catch (ConfigException e)
        {
            result.AddErrorMessage(e.Message);
        }

        return result;
    }
}
