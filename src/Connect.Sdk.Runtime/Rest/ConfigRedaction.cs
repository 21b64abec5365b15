using System.Collections.Concurrent;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Plugins;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>
/// Keeps secrets out of responses: values of keys the connector defines as <see cref="ConfigType.Password"/> are
/// returned as <c>[hidden]</c>, unless the stored value is a config provider placeholder such as
/// <c>${file:/secrets.properties:db.password}</c> (which is returned as stored). A create or update that sends
/// <c>[hidden]</c> for such a key keeps the stored value, so a configuration read from the API can be sent back.
/// </summary>
internal sealed class ConfigRedaction
{
    private readonly ConcurrentDictionary<Type, IReadOnlySet<string>> _passwordKeys = new();

    public IReadOnlyDictionary<string, string> Redact(PluginRegistry plugins, IReadOnlyDictionary<string, string> config)
    {
        var keys = PasswordKeys(plugins, config);
        if (keys.Count == 0 || !config.Keys.Any(keys.Contains))
        {
            return config;
        }

        var redacted = new Dictionary<string, string>(config.Count, StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            redacted[key] = keys.Contains(key) && !IsPlaceholder(value) ? Password.HiddenText : value;
        }

        return redacted;
    }

    /// <summary>Replaces <c>[hidden]</c> password values by the stored ones.</summary>
    public void RestoreHidden(PluginRegistry plugins, IDictionary<string, string> config, IReadOnlyDictionary<string, string>? stored)
    {
        if (stored is null)
        {
            return;
        }

        var keys = PasswordKeys(plugins, new Dictionary<string, string>(config, StringComparer.Ordinal));
        foreach (var key in keys)
        {
            if (config.TryGetValue(key, out var value) && value == Password.HiddenText && stored.TryGetValue(key, out var original))
            {
                config[key] = original;
            }
        }
    }

    private IReadOnlySet<string> PasswordKeys(PluginRegistry plugins, IReadOnlyDictionary<string, string> config)
    {
        if (!config.TryGetValue(ConnectorConfig.ConnectorClassConfig, out var connectorClass) || string.IsNullOrWhiteSpace(connectorClass))
        {
            return CommonPasswordKeys;
        }

        Type type;
        try
        {
            type = plugins.Resolve(connectorClass, PluginType.Source, PluginType.Sink).Type;
        }
        catch (ConnectException)
        {
            return CommonPasswordKeys;
        }

        return _passwordKeys.GetOrAdd(type, static connectorType =>
        {
            var keys = new HashSet<string>(CommonPasswordKeys, StringComparer.Ordinal);
            try
            {
                foreach (var key in PluginRegistry.Instantiate<Connector>(connectorType).Config.ConfigKeys.Values)
                {
                    if (key.Type == ConfigType.Password)
                    {
                        keys.Add(key.Name);
                    }
                }
            }
            catch (ConnectException)
            {
                // A connector that cannot be created has no definition to consult; only the common keys apply.
            }

            return keys;
        });
    }

    private static readonly IReadOnlySet<string> CommonPasswordKeys = ConnectorConfig.SinkDefinition.ConfigKeys.Values
        .Where(k => k.Type == ConfigType.Password)
        .Select(k => k.Name)
        .ToHashSet(StringComparer.Ordinal);

    private static bool IsPlaceholder(string value) =>
        value.Length > 3 && value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}')
        && value.IndexOf('}', StringComparison.Ordinal) == value.Length - 1;
}
