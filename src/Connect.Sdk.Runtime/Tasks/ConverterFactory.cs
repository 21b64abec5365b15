using Connect.Sdk.Converters;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>A converter's class name and its settings (the keys after its prefix, e.g. <c>value.converter.</c>).</summary>
/// <param name="Name">The converter's class name or alias.</param>
/// <param name="Props">Its settings, without the prefix.</param>
internal sealed record ConverterSettings(string Name, IReadOnlyDictionary<string, string> Props);

/// <summary>
/// Creates a connector's key, value and header converters as Kafka Connect does: a converter named in the connector
/// configuration (<c>key.converter</c>, …) takes its settings from the connector's <c>key.converter.*</c> keys;
/// otherwise a default applies (the worker's converter and settings). Each converter is told its role through
/// <c>converter.type</c> (<c>key</c>, <c>value</c> or <c>header</c>). Shared by the worker and the embedded engine.
/// </summary>
internal static class ConverterFactory
{
    /// <summary>The settings of the converter a connector configuration names for a role, or null when it names none.</summary>
    /// <param name="connectorConfig">The connector configuration (placeholders resolved).</param>
    /// <param name="key"><c>key.converter</c>, <c>value.converter</c> or <c>header.converter</c>.</param>
    /// <returns>The settings, or <see langword="null"/>.</returns>
    public static ConverterSettings? FromConnectorConfig(IReadOnlyDictionary<string, string> connectorConfig, string key)
    {
        ArgumentNullException.ThrowIfNull(connectorConfig);
        if (!connectorConfig.TryGetValue(key, out var name) || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var prefix = key + ".";
        return new ConverterSettings(
            name,
            connectorConfig.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>Creates all three converters, each from the connector configuration or else from the default.</summary>
    /// <param name="plugins">Resolves converter names.</param>
    /// <param name="connectorConfig">The connector configuration (placeholders resolved).</param>
    /// <param name="defaults">The default settings of a role (<c>key.converter</c>, …) the connector does not set.</param>
    /// <returns>The configured converters.</returns>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">A converter name cannot be resolved or instantiated.</exception>
    public static RecordConverters Create(
        PluginRegistry plugins,
        IReadOnlyDictionary<string, string> connectorConfig,
        Func<string, ConverterSettings> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ConverterSettings Settings(string key) => FromConnectorConfig(connectorConfig, key) ?? defaults(key);
        return new RecordConverters(
            CreateConverter(plugins, Settings(ConnectorConfig.KeyConverterConfig), isKey: true),
            CreateConverter(plugins, Settings(ConnectorConfig.ValueConverterConfig), isKey: false),
            CreateHeaderConverter(plugins, Settings(ConnectorConfig.HeaderConverterConfig)));
    }

    /// <summary>Creates and configures a key or value converter.</summary>
    /// <param name="plugins">Resolves the name.</param>
    /// <param name="settings">The name and settings.</param>
    /// <param name="isKey">Whether it converts keys.</param>
    /// <returns>The converter.</returns>
    public static IConverter CreateConverter(PluginRegistry plugins, ConverterSettings settings, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(settings);
        var converter = plugins.CreateInstance<IConverter>(settings.Name, PluginType.Converter);
        converter.Configure(WithType(settings.Props, isKey ? "key" : "value"), isKey);
        return converter;
    }

    /// <summary>Creates and configures a header converter.</summary>
    /// <param name="plugins">Resolves the name.</param>
    /// <param name="settings">The name and settings.</param>
    /// <returns>The converter.</returns>
    public static IHeaderConverter CreateHeaderConverter(PluginRegistry plugins, ConverterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(settings);
        var converter = plugins.CreateInstance<IHeaderConverter>(settings.Name, PluginType.HeaderConverter);
        converter.Configure(WithType(settings.Props, "header"));
        return converter;
    }

    private static Dictionary<string, string> WithType(IReadOnlyDictionary<string, string> props, string type) =>
        new(props, StringComparer.Ordinal) { ["converter.type"] = type };
}
