using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>Builds a task's transformation stage from the connector's <c>transforms</c> settings.</summary>
internal static class TransformationChains
{
    public static TransformationStage<TRecord> Create<TRecord>(IReadOnlyDictionary<string, string> connectorConfig, PluginRegistry plugins)
        where TRecord : ConnectRecord<TRecord>
    {
        if (!connectorConfig.TryGetValue(ConnectorConfig.TransformsConfig, out var transforms) || string.IsNullOrWhiteSpace(transforms))
        {
            return TransformationStage<TRecord>.Identity;
        }

        throw new ConfigException(ConnectorConfig.TransformsConfig, transforms, "Transformations are not available in this build.");
    }
}
