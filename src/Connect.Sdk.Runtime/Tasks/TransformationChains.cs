using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>Builds a task's transformation stage from the connector's <c>transforms</c> and <c>predicates</c> settings,
/// resolving names among the built-in transforms, Kafka's Java class names and the worker's plugins.</summary>
internal static class TransformationChains
{
    public static TransformationChainFactory Factory(PluginRegistry plugins) => new(name =>
        TransformationChainFactory.ResolveDefault(name) ?? TryResolvePlugin(plugins, name));

    public static TransformationStage<TRecord> Create<TRecord>(IReadOnlyDictionary<string, string> connectorConfig, PluginRegistry plugins)
        where TRecord : ConnectRecord<TRecord>
    {
        var chain = Factory(plugins).Create<TRecord>(connectorConfig);
        return chain.Stages.Count == 0
            ? TransformationStage<TRecord>.Identity
            : new TransformationStage<TRecord>(chain.Apply, typeof(TransformationChain<TRecord>), chain.Dispose);
    }

    private static Type? TryResolvePlugin(PluginRegistry plugins, string name)
    {
        try
        {
            return plugins.Resolve(name, PluginType.Transformation, PluginType.Predicate).Type;
        }
        catch (ConnectException)
        {
            return null;
        }
    }
}
