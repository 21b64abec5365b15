using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>How the worker's and the embedded engine's source loops call <see cref="SourceTask.PollAsync"/>.</summary>
internal static class SourceTaskPolling
{
    /// <summary>
    /// Polls the task once. A <see cref="RetriableException"/> is logged and gives no records, so the loop polls again,
    /// as does a cancellation while stopping; any other exception is the task's failure and propagates.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="id">The task's id, for the log.</param>
    /// <param name="logger">The loop's logger.</param>
    /// <param name="stopping">Cancelled when the task is stopping.</param>
    /// <returns>The records, or <see langword="null"/> for none this time.</returns>
    public static async Task<IReadOnlyList<SourceRecord>?> PollAsync(SourceTask task, ConnectorTaskId id, ILogger logger, CancellationToken stopping)
    {
        try
        {
            return await task.PollAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (RetriableException e)
        {
            logger.LogWarning(e, "{Task} failed to poll records from SourceTask. Will retry operation.", id);
            return null;
        }
    }
}
