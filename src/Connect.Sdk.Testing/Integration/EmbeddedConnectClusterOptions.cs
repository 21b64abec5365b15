using System.Reflection;
using Connect.Sdk.Runtime.Plugins;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Testing.Integration;

/// <summary>Settings of an <see cref="EmbeddedConnectCluster"/>.</summary>
public sealed class EmbeddedConnectClusterOptions
{
    /// <summary>A Kafka cluster to run against, which the Connect cluster then does not stop.</summary>
    /// <value>The default is <see langword="null"/>: a new <see cref="EmbeddedKafkaCluster"/> with
    /// <see cref="Brokers"/> brokers, stopped with the Connect cluster.</value>
    public EmbeddedKafkaCluster? Kafka { get; set; }

    /// <summary>The number of brokers of a new Kafka cluster.</summary>
    /// <value>The default is 1.</value>
    public int Brokers { get; set; } = 1;

    /// <summary>Worker settings that override or add to the defaults (Kafka Connect's keys, as in worker.properties).
    /// The defaults are the cluster's <c>bootstrap.servers</c>, an offsets file in a temporary folder,
    /// <c>offset.flush.interval.ms=1000</c>, <c>task.shutdown.graceful.timeout.ms=5000</c>, and short consumer
    /// session and reconnect times; converters are Kafka's defaults (<c>JsonConverter</c>).</summary>
    public IDictionary<string, string> WorkerProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Connector, converter and transform types to register in addition to those found in the test
    /// process, for example connectors defined in the test project.</summary>
    public IList<Type> PluginTypes { get; } = [];

    /// <summary>Assemblies whose plugins are registered in addition to those found in the test process.</summary>
    public IList<Assembly> PluginAssemblies { get; } = [];

    /// <summary>Where the worker logs.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>How long the await helpers wait when no timeout is given.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The plugins, replacing the scan of the test process (<see cref="PluginTypes"/> and
    /// <see cref="PluginAssemblies"/> are still added).</summary>
    /// <value>The default is <see langword="null"/>: the plugins found in the test process.</value>
    public PluginRegistry? Plugins { get; set; }
}
