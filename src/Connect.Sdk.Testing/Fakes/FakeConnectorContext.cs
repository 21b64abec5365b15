using System.Collections.Concurrent;
using Connect.Sdk.Connectors;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Testing.Fakes;

/// <summary>An <see cref="IConnectorContext"/> that records what the connector asks of the runtime.</summary>
/// <remarks>Thread-safe: connectors often call it from a monitoring thread.</remarks>
public class FakeConnectorContext : IConnectorContext
{
    private readonly ConcurrentQueue<Exception> _errors = new();
    private int _reconfigurationRequests;

    /// <summary>How many times the connector called <see cref="RequestTaskReconfiguration"/>.</summary>
    public int ReconfigurationRequests => Volatile.Read(ref _reconfigurationRequests);

    /// <summary>The errors the connector raised with <see cref="RaiseError"/>, in order.</summary>
    public IReadOnlyList<Exception> RaisedErrors => [.. _errors];

    /// <inheritdoc />
    public void RequestTaskReconfiguration() => Interlocked.Increment(ref _reconfigurationRequests);

    /// <inheritdoc />
    public void RaiseError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _errors.Enqueue(error);
    }
}

/// <summary>An <see cref="ISourceConnectorContext"/> for tests, with an offset reader.</summary>
public sealed class FakeSourceConnectorContext : FakeConnectorContext, ISourceConnectorContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="offsetStorageReader">The committed offsets; <see langword="null"/> uses a new, empty <see cref="InMemoryOffsetStore"/>.</param>
    public FakeSourceConnectorContext(IOffsetStorageReader? offsetStorageReader = null)
    {
        OffsetStorageReader = offsetStorageReader ?? new InMemoryOffsetStore();
    }

    /// <inheritdoc />
    public IOffsetStorageReader OffsetStorageReader { get; }
}

/// <summary>An <see cref="ISinkConnectorContext"/> for tests.</summary>
public sealed class FakeSinkConnectorContext : FakeConnectorContext, ISinkConnectorContext
{
}
