using Confluent.Kafka;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Sink;
using ConnectTimestampType = Connect.Sdk.Sink.TimestampType;
using KafkaTimestampType = Confluent.Kafka.TimestampType;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>Lets a sink task report records it could not write; they are handled like converter errors (log, dead
/// letter queue with the original bytes, or task failure with <c>errors.tolerance=none</c>).</summary>
/// <remarks>
/// The dead letter queue gets the record as it was consumed while the worker still holds those bytes (until it reads
/// the next batch). A record reported later (a task that buffers and fails when it writes) or one the task made itself
/// is written as the worker's converters write it, transformed, with its current topic, partition and offset, as
/// Kafka's worker does for records it has no original of.
/// </remarks>
internal sealed class ErrantRecordReporter(
    RetryWithToleranceOperator errors,
    Type taskType,
    RecordConverters converters,
    Func<SinkRecord, ConsumeResult<byte[]?, byte[]?>?> original)
    : IErrantRecordReporter
{
    private int _reports;

    /// <summary>How many records the task has reported so far; the worker does not reuse a batch's records when this
    /// changed while the batch was being put, since a report may still be reading them.</summary>
    public int Reports => Volatile.Read(ref _reports);

    public Task ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.Increment(ref _reports);
        var consumed = original(record) ?? Reconstruct(record);
        return errors.HandleAsync(new ErrorContext(Stage.TaskPut, taskType, error, consumed, record));
    }

    private ConsumeResult<byte[]?, byte[]?> Reconstruct(SinkRecord record)
    {
        var topic = record.Topic;
        return new ConsumeResult<byte[]?, byte[]?>
        {
            Topic = topic,
            Partition = new Partition(record.KafkaPartition ?? Partition.Any.Value),
            Offset = new Offset(record.KafkaOffset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = converters.Key.FromConnectData(topic, record.Headers, record.KeySchema, record.Key),
                Value = converters.Value.FromConnectData(topic, record.Headers, record.ValueSchema, record.Value),
                Headers = converters.ToKafkaHeaders(topic, record.Headers),
                Timestamp = record.Timestamp is { } ms
                    ? new Timestamp(ms, record.TimestampType == ConnectTimestampType.LogAppendTime ? KafkaTimestampType.LogAppendTime : KafkaTimestampType.CreateTime)
                    : Timestamp.Default,
            },
        };
    }
}
