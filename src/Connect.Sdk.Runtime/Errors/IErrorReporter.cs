namespace Connect.Sdk.Runtime.Errors;

/// <summary>Receives the errors that were tolerated (logged, written to the dead letter queue, …).</summary>
public interface IErrorReporter : IDisposable
{
    /// <summary>Reports an error.</summary>
    /// <param name="context">What failed.</param>
    /// <returns>A task that completes when the report is durable (e.g. acknowledged by Kafka).</returns>
    Task ReportAsync(ErrorContext context);
}
