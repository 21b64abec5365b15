using System.Globalization;

namespace Acme.Connector;

/// <summary>
/// A stand-in source system so the connector runs out of the box: every stream is an endless ticker whose message
/// <c>n</c> is always the same (text <c>"&lt;stream&gt; tick n"</c>, created <c>n</c> seconds after 2024-01-01 UTC).
/// Replace it with a client of your system.
/// </summary>
public sealed class SimulatedConnectorNameClient : IConnectorNameClient
{
    private static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Initializes a new instance of the <see cref="SimulatedConnectorNameClient"/> class.</summary>
    /// <param name="apiKey">The credential; a real client sends it with each request.</param>
    /// <exception cref="ConnectorNameClientException">The credential is empty (not transient).</exception>
    public SimulatedConnectorNameClient(string apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ConnectorNameClientException("The API key is empty.", isTransient: false);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ConnectorNameMessage>> FetchAsync(string stream, long fromSequence, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        var messages = new ConnectorNameMessage[maxMessages];
        for (var i = 0; i < maxMessages; i++)
        {
            var sequence = fromSequence + i;
            messages[i] = new ConnectorNameMessage(
                stream,
                sequence,
                string.Create(CultureInfo.InvariantCulture, $"{stream} tick {sequence}"),
                Origin.AddSeconds(sequence));
        }

        return ValueTask.FromResult<IReadOnlyList<ConnectorNameMessage>>(messages);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release; a real client closes its connections here.
    }
}
