using Confluent.Kafka;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>Lets a sink task report records it could not write; they are handled like converter errors (log, dead
/// letter queue with the original bytes, or task failure with <c>errors.tolerance=none</c>).</summary>
internal sealed class ErrantRecordReporter(RetryWithToleranceOperator errors, Type taskType, Func<SinkRecord, ConsumeResult<byte[]?, byte[]?>?> original)
    : IErrantRecordReporter
{
    public Task ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        return errors.HandleAsync(new ErrorContext(Stage.TaskPut, taskType, error, original(record), record));
    }
}
