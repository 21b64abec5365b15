namespace Connect.Sdk.Sink;

/// <summary>
/// Reports a record a sink task could not process, so the runtime handles it by the connector's error settings
/// (logs it, writes it to the dead letter queue with <c>errors.tolerance=all</c>, or fails the task).
/// </summary>
public interface IErrantRecordReporter
{
    /// <summary>Reports a record that failed.</summary>
    /// <param name="record">The record as given to <see cref="SinkTask.PutAsync"/>.</param>
    /// <param name="error">Why it failed.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the report has been written (for example to the dead letter queue).</returns>
    Task ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken = default);
}
