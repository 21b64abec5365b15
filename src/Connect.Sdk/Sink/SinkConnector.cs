using Connect.Sdk.Connectors;

namespace Connect.Sdk.Sink;

/// <summary>A connector that exports data from Kafka topics to an external system with <see cref="SinkTask"/>s.</summary>
public abstract class SinkConnector : Connector
{
    /// <summary>The configuration key that lists the topics to consume.</summary>
    public const string TopicsConfig = SinkTask.TopicsConfig;

    /// <summary>The context the runtime gave the connector.</summary>
    protected new ISinkConnectorContext Context => (ISinkConnectorContext)base.Context;

    /// <summary>Called when an operator changes or resets the connector's consumer offsets through the REST API.</summary>
    /// <param name="config">The connector configuration.</param>
    /// <param name="offsets">The new offsets; a <see langword="null"/> offset means reset.</param>
    /// <returns><see langword="true"/> when the connector handled the change; <see langword="false"/> (the default) otherwise.</returns>
    /// <exception cref="Errors.ConnectException">The offsets are invalid for this connector.</exception>
    public virtual bool AlterOffsets(
        IReadOnlyDictionary<string, string> config,
        IReadOnlyDictionary<TopicPartition, long?> offsets) => false;
}
