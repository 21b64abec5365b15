using System.Globalization;

namespace Acme.Connector.Tests;

/// <summary>An in-memory source system for tests: streams hold the messages a test appends, and the system can be
/// made unavailable (a transient failure) or made to reject the credentials (a permanent one).</summary>
public sealed class FakeConnectorNameClient : IConnectorNameClient
{
    private static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ConnectorNameMessage>> _streams = new(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether requests fail as with HTTP 503 (transient).</summary>
    public bool Unavailable { get; set; }

    /// <summary>Gets or sets a value indicating whether requests fail as with HTTP 401 (permanent).</summary>
    public bool RejectCredentials { get; set; }

    /// <summary>Adds messages to the end of a stream.</summary>
    public void Append(string stream, int count)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var messages))
            {
                _streams[stream] = messages = [];
            }

            for (var i = 0; i < count; i++)
            {
                var sequence = messages.Count;
                messages.Add(new ConnectorNameMessage(
                    stream,
                    sequence,
                    string.Create(CultureInfo.InvariantCulture, $"{stream} message {sequence}"),
                    Origin.AddMinutes(sequence)));
            }
        }
    }

    public ValueTask<IReadOnlyList<ConnectorNameMessage>> FetchAsync(string stream, long fromSequence, int maxMessages, CancellationToken cancellationToken)
    {
        if (RejectCredentials)
        {
            throw new ConnectorNameClientException("401 Unauthorized: the API key is not valid", isTransient: false);
        }

        if (Unavailable)
        {
            throw new ConnectorNameClientException("503 Service Unavailable", isTransient: true);
        }

        lock (_gate)
        {
            IReadOnlyList<ConnectorNameMessage> page = _streams.TryGetValue(stream, out var messages)
                ? messages.Skip((int)fromSequence).Take(maxMessages).ToList()
                : [];
            return ValueTask.FromResult(page);
        }
    }

    public void Dispose()
    {
        // The messages outlive a task: a restarted task reads the same system.
    }
}
