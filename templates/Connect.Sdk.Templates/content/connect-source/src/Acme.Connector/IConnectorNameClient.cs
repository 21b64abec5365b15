namespace Acme.Connector;

/// <summary>
/// The source system as the task sees it. <see cref="SimulatedConnectorNameClient"/> is a stand-in that runs
/// anywhere; replace it with a client of your system's API (HTTP, SDK, database…) and keep the contract: messages of
/// a stream come in sequence order, and failures are <see cref="ConnectorNameClientException"/>s that say whether
/// retrying can help.
/// </summary>
public interface IConnectorNameClient : IDisposable
{
    /// <summary>Reads the messages of a stream from a sequence number on.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="fromSequence">The sequence number of the first message to return.</param>
    /// <param name="maxMessages">The most messages to return.</param>
    /// <param name="cancellationToken">Cancelled when the task stops.</param>
    /// <returns>Up to <paramref name="maxMessages"/> messages in sequence order; none when there are no new ones.</returns>
    /// <exception cref="ConnectorNameClientException">The source system failed or refused the request.</exception>
    ValueTask<IReadOnlyList<ConnectorNameMessage>> FetchAsync(string stream, long fromSequence, int maxMessages, CancellationToken cancellationToken);
}

/// <summary>A message of the source system.</summary>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="Sequence">Its position in the stream, from 0.</param>
/// <param name="Text">Its text.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record ConnectorNameMessage(string Stream, long Sequence, string Text, DateTimeOffset CreatedAt);

/// <summary>The source system failed or refused a request.</summary>
public sealed class ConnectorNameClientException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorNameClientException"/> class.</summary>
    public ConnectorNameClientException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameClientException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public ConnectorNameClientException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameClientException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorNameClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorNameClientException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="isTransient">Whether the same request may succeed later.</param>
    public ConnectorNameClientException(string message, bool isTransient)
        : base(message)
    {
        IsTransient = isTransient;
    }

    /// <summary>Gets a value indicating whether the same request may succeed later (a timeout, HTTP 429 or 5xx), as
    /// opposed to a failure retrying cannot fix (rejected credentials, HTTP 401/403, a stream that does not exist).</summary>
    public bool IsTransient { get; }
}
