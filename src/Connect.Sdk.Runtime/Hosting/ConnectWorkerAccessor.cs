using Connect.Sdk.Runtime.Herder;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>Gives application code the running worker's herder (available once the host has started).</summary>
public sealed class ConnectWorkerAccessor
{
    /// <summary>The running worker, or <see langword="null"/> before start and after stop.</summary>
    public StandaloneRuntime? Runtime { get; internal set; }

    /// <summary>The herder of the running worker.</summary>
    /// <exception cref="InvalidOperationException">The host has not started the worker.</exception>
    public IHerder Herder => Runtime?.Herder ?? throw new InvalidOperationException("The Connect worker has not started yet; it starts with the host.");
}
