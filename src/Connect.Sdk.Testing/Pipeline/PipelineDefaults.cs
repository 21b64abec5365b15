using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;

namespace Connect.Sdk.Testing.Pipeline;

/// <summary>What the pipeline harnesses fill in: the plugins of the test process, and the keys a worker would
/// supply (a name, and the worker's default converters).</summary>
internal static class PipelineDefaults
{
    private static readonly Lazy<PluginRegistry> ApplicationPlugins = new(PluginRegistry.FromApplication);

    /// <summary>The plugins found in the test process, scanned once.</summary>
    public static PluginRegistry Plugins => ApplicationPlugins.Value;

    /// <summary>Copies a connector configuration, adding <c>name</c>, <c>connector.class</c> and the worker's default
    /// converters where it has none.</summary>
    public static Dictionary<string, string> Complete(IReadOnlyDictionary<string, string> config, Type? connectorType)
    {
        var result = new Dictionary<string, string>(config, StringComparer.Ordinal);
        if (connectorType is not null)
        {
            result.TryAdd(ConnectorConfig.ConnectorClassConfig, connectorType.FullName!);
        }

        var fallbackName = connectorType?.Name ?? "pipeline";
        result.TryAdd(ConnectorConfig.NameConfig, fallbackName);
        var worker = new WorkerConfig(new Dictionary<string, string>());
        foreach (var key in new[] { ConnectorConfig.KeyConverterConfig, ConnectorConfig.ValueConverterConfig, ConnectorConfig.HeaderConverterConfig })
        {
            if (!result.TryGetValue(key, out var name) || string.IsNullOrWhiteSpace(name))
            {
                result[key] = worker.GetClass(key)!;
            }
        }

        return result;
    }
}
