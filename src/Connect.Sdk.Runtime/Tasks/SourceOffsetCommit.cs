using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>How the worker's and the embedded engine's source loops commit offsets.</summary>
internal static class SourceOffsetCommit
{
    /// <summary>
    /// Writes the offsets of every record acknowledged in order since the last commit to the offset store, then calls
    /// <see cref="SourceTask.CommitAsync"/>. A failed write is logged and skips the task's commit (the offsets stay
    /// pending for the next one); an exception from the task's commit is logged.
    /// </summary>
    /// <param name="submitted">The loop's submitted records.</param>
    /// <param name="task">The task.</param>
    /// <param name="store">The offset store.</param>
    /// <param name="id">The task's id: its connector names the offsets, and it appears in the log.</param>
    /// <param name="logger">The loop's logger.</param>
    /// <param name="stopping">Cancelled when the task is stopping.</param>
    /// <param name="onWrite">Called with the write's outcome (<see langword="true"/> for success) around the store write, for metrics.</param>
    /// <returns>A task that completes when the commit is done.</returns>
    public static async Task CommitAsync(
        SubmittedRecords submitted,
        SourceTask task,
        IOffsetBackingStore store,
        ConnectorTaskId id,
        ILogger logger,
        CancellationToken stopping,
        Action<bool>? onWrite = null)
    {
        var committable = submitted.TakeCommittable();
        if (committable.Offsets.Count > 0)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (partition, offset) in committable.Offsets)
            {
                values[OffsetCodec.SerializeKey(id.Connector, partition)] = offset is null ? null : OffsetCodec.SerializeOffset(offset);
            }

            try
            {
                await store.SetAsync(values, CancellationToken.None).ConfigureAwait(false);
                onWrite?.Invoke(true);
                logger.LogDebug("{Task} Committed offsets of {Count} source partitions ({Pending} records still outstanding)", id, values.Count, committable.PendingRecords);
            }
            catch (Exception e)
            {
                onWrite?.Invoke(false);
                logger.LogError(e, "{Task} Failed to commit offsets", id);
                return;
            }
        }

        try
        {
            await task.CommitAsync(stopping.IsCancellationRequested ? CancellationToken.None : stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Task} Exception thrown while calling task.CommitAsync()", id);
        }
    }
}
