using System.Reflection;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>
/// Settings of a worker hosted with <c>AddConnectWorker</c>. Bind them from configuration, e.g. a
/// <c>"ConnectWorker"</c> section with <c>"Worker": { "bootstrap.servers": "…" }</c> and
/// <c>"Connectors": { "orders": { "connector.class": "…", … } }</c>.
/// </summary>
public sealed class ConnectWorkerOptions
{
    /// <summary>The worker settings, with Kafka Connect's keys (as in worker.properties).</summary>
    public Dictionary<string, string> Worker { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The connectors to create at start, by name; each holds Kafka Connect connector settings.</summary>
    public Dictionary<string, Dictionary<string, string>> Connectors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Assemblies whose connectors, converters and transforms are registered in addition to those found
    /// in the application's loaded assemblies and <c>plugin.path</c>.</summary>
    public List<Assembly> PluginAssemblies { get; } = [];

    /// <summary>Adds a connector configuration.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="config">The connector settings.</param>
    /// <returns>These options.</returns>
    public ConnectWorkerOptions AddConnector(string name, IReadOnlyDictionary<string, string> config)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(config);
        Connectors[name] = new Dictionary<string, string>(config, StringComparer.Ordinal);
        return this;
    }
}
