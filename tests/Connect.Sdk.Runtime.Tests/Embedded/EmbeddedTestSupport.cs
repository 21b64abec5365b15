using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Runtime.Tests.Embedded;

/// <summary>Plugins and configurations shared by the embedded engine and sink pipeline tests.</summary>
internal static class EmbeddedTestSupport
{
    private static readonly Lazy<PluginRegistry> SharedPlugins = new(() => PluginRegistry.FromApplication()
        .AddType(typeof(CountingSourceConnector))
        .AddType(typeof(CollectingSinkConnector))
        .AddType(typeof(FailOnValue<>)));

    public static PluginRegistry Plugins => SharedPlugins.Value;

    /// <summary>A counting source with a unique name (its progress is tracked per name).</summary>
    public static Dictionary<string, string> CountingSource(params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "embedded-" + Guid.NewGuid().ToString("N")[..8],
            ["connector.class"] = typeof(CountingSourceConnector).FullName!,
            ["topic"] = "numbers",
            ["total.records"] = "20",
            ["batch.size"] = "5",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    /// <summary>A collecting sink with a unique name (what it receives is logged per name).</summary>
    public static Dictionary<string, string> CollectingSink(params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "embedded-sink-" + Guid.NewGuid().ToString("N")[..8],
            ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
            ["topics"] = "numbers",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }
}

/// <summary>A transform that throws for records whose value is <c>value</c>, to exercise errors.tolerance.</summary>
public sealed class FailOnValue<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    private string _value = string.Empty;

    public ConfigDef Config { get; } = new ConfigDef().Define("value", ConfigType.String, Importance.High, "The value to fail on.");

    public void Configure(IReadOnlyDictionary<string, string> configs) => _value = configs["value"];

    public TRecord? Apply(TRecord record) =>
        Equals(record.Value, _value) ? throw new InvalidOperationException($"Cannot transform {_value}") : record;

    public void Dispose()
    {
    }
}
