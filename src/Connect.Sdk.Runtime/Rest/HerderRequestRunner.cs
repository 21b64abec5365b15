using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>
/// Runs herder operations for requests with Kafka Connect's request timeout: the request waits at most
/// <see cref="ConnectRestOptions.RequestTimeout"/>, then fails with 500 and a message naming what the worker is busy
/// with (the oldest operation still running). The operation is not abandoned: it goes on and takes effect when it
/// completes, as a timed-out request does in Kafka Connect.
/// </summary>
internal sealed class HerderRequestRunner(TimeSpan timeout, TimeProvider time, ILogger logger)
{
    private readonly object _gate = new();
    private readonly LinkedList<Operation> _running = new();

    public TimeSpan Timeout => timeout;

    public async Task<T> RunAsync<T>(string description, Func<Task<T>> operation)
    {
        var entry = new Operation(description, time.GetUtcNow());
        LinkedListNode<Operation> node;
        lock (_gate)
        {
            node = _running.AddLast(entry);
        }

        // Herder methods may do their work synchronously before their first await (a connector's Start, for
        // example): run them off the request thread so the timeout below always applies.
        var task = Task.Run(operation);
        _ = task.ContinueWith(
            finished =>
            {
                lock (_gate)
                {
                    _running.Remove(node);
                }

                if (finished.Exception is { } error)
                {
                    logger.LogDebug(error.GetBaseException(), "Herder operation '{Operation}' failed", description);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(timeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var message = TimeoutMessage();
            logger.LogWarning("REST request for '{Operation}' timed out after {Timeout}: {Message}", description, timeout, message);
            throw new ConnectRestException(StatusCodes.Status500InternalServerError, message);
        }
    }

    public Task RunAsync(string description, Func<Task> operation) =>
        RunAsync(description, async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        });

    /// <summary>The operation running longer than the request timeout, if any (the worker is stuck on it).</summary>
    public string? Stalled()
    {
        var oldest = Oldest();
        return oldest is not null && time.GetUtcNow() - oldest.Started >= timeout ? Describe(oldest) : null;
    }

    private string TimeoutMessage() =>
        Oldest() is { } oldest ? "Request timed out. " + Describe(oldest) : "Request timed out";

    private Operation? Oldest()
    {
        lock (_gate)
        {
            return _running.First?.Value;
        }
    }

    private static string Describe(Operation operation) =>
        $"The worker is currently {operation.Description}, which began at {operation.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}";

    private sealed record Operation(string Description, DateTimeOffset Started);
}
