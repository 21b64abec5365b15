using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Runtime.Herder;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>A running worker, standalone or distributed: its herder and, in development, its in-process cluster.</summary>
public interface IConnectRuntime : IAsyncDisposable
{
    /// <summary>The herder: create, change and inspect connectors.</summary>
    IHerder Herder { get; }

    /// <summary>The in-process development cluster, when the worker started one.</summary>
    DevKafkaCluster? DevCluster { get; }
}
