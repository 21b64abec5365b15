using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Runtime.Herder;

/// <summary>
/// Validates a connector configuration as Kafka Connect's herder does: the common connector keys (plus sink keys for
/// sinks) and the connector's own <see cref="Connector.Validate"/>, into one <see cref="ConfigInfos"/> result.
/// </summary>
public static class ConnectorConfigValidator
{
    /// <summary>
    /// What a herder stores for a connector created or updated under <paramref name="name"/>: the configuration with
    /// <c>name</c> set, once it is valid.
    /// </summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="config">The configuration given.</param>
    /// <param name="plugins">The plugins to resolve <c>connector.class</c> with.</param>
    /// <param name="transformer">Resolves placeholders before the connector sees the values.</param>
    /// <returns>A copy of the configuration with the name.</returns>
    /// <exception cref="InvalidConnectorConfigException">The configuration has errors; the exception lists them.</exception>
    internal static Dictionary<string, string> RequireValid(
        string name,
        IReadOnlyDictionary<string, string> config,
        PluginRegistry plugins,
        ConfigTransformer transformer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(config);
        var withName = new Dictionary<string, string>(config, StringComparer.Ordinal) { [ConnectorConfig.NameConfig] = name };
        var validation = Validate(withName, plugins, transformer);
        return validation.ErrorCount > 0 ? throw new InvalidConnectorConfigException(validation) : withName;
    }

    /// <summary>Validates a configuration.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="plugins">The plugins to resolve <c>connector.class</c> with.</param>
    /// <param name="transformer">Resolves placeholders before the connector sees the values.</param>
    /// <returns>The results; <see cref="ConfigInfos.ErrorCount"/> is zero when the configuration is valid.</returns>
    public static ConfigInfos Validate(IReadOnlyDictionary<string, string> config, PluginRegistry plugins, ConfigTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(transformer);
        if (!config.TryGetValue(ConnectorConfig.ConnectorClassConfig, out var connectorClass) || string.IsNullOrWhiteSpace(connectorClass))
        {
            var missing = ConnectorConfig.CommonDefinition.Validate(config);
            return ToInfos("null", ConnectorConfig.CommonDefinition, missing);
        }

        PluginDescriptor descriptor;
        try
        {
            descriptor = plugins.Resolve(connectorClass, PluginType.Source, PluginType.Sink);
        }
        catch (ConnectException e)
        {
            var values = ConnectorConfig.CommonDefinition.Validate(config).ToList();
            values.Single(v => v.Name == ConnectorConfig.ConnectorClassConfig).AddErrorMessage(e.Message);
            return ToInfos(connectorClass, ConnectorConfig.CommonDefinition, values);
        }

        var isSink = descriptor.Kind == PluginType.Sink;
        var common = isSink ? ConnectorConfig.SinkDefinition : ConnectorConfig.CommonDefinition;
        IReadOnlyDictionary<string, string> resolved;
        try
        {
            resolved = transformer.Transform(config);
        }
        catch (ConnectException e)
        {
            var values = common.Validate(config).ToList();
            values[0].AddErrorMessage(e.Message);
            return ToInfos(descriptor.ClassName, common, values);
        }

        // Kafka's ConnectorConfig.enrich: each transform's and predicate's own keys, under transforms.<alias>.*.
        var factory = TransformationChains.Factory(plugins);
        common = isSink
            ? factory.CreateConfigDef<SinkRecord>(resolved, common)
            : factory.CreateConfigDef<SourceRecord>(resolved, common);
        var commonValues = common.Validate(resolved).ToList();
        if (isSink)
        {
            CheckTopics(resolved, commonValues);
        }

        CheckConverters(resolved, plugins, commonValues);
        var connector = PluginRegistry.Instantiate<Connector>(descriptor.Type);
        var connectorDef = connector.Config;
        var connectorValues = connector.Validate(resolved)
            .Where(v => !common.ConfigKeys.ContainsKey(v.Name))
            .ToList();
        var combined = new ConfigDef(common);
        foreach (var key in connectorDef.ConfigKeys.Values.Where(k => !common.ConfigKeys.ContainsKey(k.Name)))
        {
            combined.Define(key);
        }

        return ToInfos(descriptor.ClassName, combined, [.. commonValues, .. connectorValues]);
    }

    /// <summary>The ConfigInfos of a plugin's own definition, for <c>GET /connector-plugins/{plugin}/config</c>.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The key definitions.</returns>
    public static IReadOnlyList<ConfigKeyInfo> Describe(ConfigDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.ConfigKeys.Values.Select(KeyInfo).ToList();
    }

    private static void CheckTopics(IReadOnlyDictionary<string, string> config, List<ConfigValue> values)
    {
        var hasTopics = config.TryGetValue(ConnectorConfig.TopicsConfig, out var topics) && !string.IsNullOrWhiteSpace(topics);
        var hasRegex = config.TryGetValue(ConnectorConfig.TopicsRegexConfig, out var regex) && !string.IsNullOrWhiteSpace(regex);
        if (hasTopics == hasRegex)
        {
            var message = hasTopics
                ? "topics and topics.regex are mutually exclusive options, but both are set."
                : "Must configure one of topics or topics.regex";
            values.Single(v => v.Name == ConnectorConfig.TopicsConfig).AddErrorMessage(message);
            values.Single(v => v.Name == ConnectorConfig.TopicsRegexConfig).AddErrorMessage(message);
        }

        if (hasTopics && config.TryGetValue(ConnectorConfig.DlqTopicNameConfig, out var dlq) && !string.IsNullOrWhiteSpace(dlq)
            && topics!.Split(',', StringSplitOptions.TrimEntries).Contains(dlq.Trim(), StringComparer.Ordinal))
        {
            values.Single(v => v.Name == ConnectorConfig.DlqTopicNameConfig)
                .AddErrorMessage($"The DLQ topic '{dlq}' may not be included in the list of topics ('topics=...') consumed by the connector");
        }
    }

    private static void CheckConverters(IReadOnlyDictionary<string, string> config, PluginRegistry plugins, List<ConfigValue> values)
    {
        foreach (var (key, kind) in new[]
        {
            (ConnectorConfig.KeyConverterConfig, PluginType.Converter),
            (ConnectorConfig.ValueConverterConfig, PluginType.Converter),
            (ConnectorConfig.HeaderConverterConfig, PluginType.HeaderConverter),
        })
        {
            if (config.TryGetValue(key, out var name) && !string.IsNullOrWhiteSpace(name))
            {
                try
                {
                    plugins.Resolve(name, kind);
                }
                catch (ConnectException e)
                {
                    values.Single(v => v.Name == key).AddErrorMessage($"Invalid value {name} for configuration {key}: {e.Message}");
                }
            }
        }
    }

    private static ConfigInfos ToInfos(string name, ConfigDef definition, IReadOnlyList<ConfigValue> values)
    {
        var infos = new List<ConfigInfo>();
        var errorCount = 0;
        foreach (var value in values)
        {
            var key = definition.ConfigKeys.GetValueOrDefault(value.Name);
            errorCount += value.ErrorMessages.Count;
            infos.Add(new ConfigInfo(
                key is null ? new ConfigKeyInfo(value.Name, "STRING", false, null, "LOW", string.Empty, null, -1, "NONE", value.Name, []) : KeyInfo(key),
                new ConfigValueInfo(
                    value.Name,
                    value.Value is Password ? Password.HiddenText : ConfigDef.ConvertToString(value.Value, key?.Type),
                    value.RecommendedValues.Select(v => ConfigDef.ConvertToString(v, key?.Type) ?? string.Empty).ToList(),
                    value.ErrorMessages,
                    value.Visible)));
        }

        return new ConfigInfos(name, errorCount, definition.Groups, infos);
    }

    private static ConfigKeyInfo KeyInfo(ConfigKey key) => new(
        key.Name,
        key.Type.ToString().ToUpperInvariant(),
        !key.HasDefault,
        !key.HasDefault ? null : key.Type == ConfigType.Password && key.DefaultValue is not null ? Password.HiddenText : ConfigDef.ConvertToString(key.DefaultValue, key.Type),
        key.Importance.ToString().ToUpperInvariant(),
        key.Documentation ?? string.Empty,
        key.Group,
        key.OrderInGroup,
        key.Width.ToString().ToUpperInvariant(),
        key.DisplayName,
        key.Dependents);
}
