using Confluent.Kafka;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Sink;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;
using ConnectTimestampType = Connect.Sdk.Sink.TimestampType;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// Turns a consumed Kafka message into the <see cref="SinkRecord"/> a sink task is given: the key, the headers and the
/// value through the converters, then the transformation chain, each stage under the error-handling operator (which
/// retries, tolerates or fails as the connector's <c>errors.*</c> settings say). Used by the worker's sink tasks and
/// the embedded engine's sink pipeline alike.
/// </summary>
/// <param name="converters">The connector's converters.</param>
/// <param name="transforms">The connector's transformation chain.</param>
/// <param name="errors">The connector's error-handling operator.</param>
internal sealed class SinkRecordConversion(RecordConverters converters, TransformationStage<SinkRecord> transforms, RetryWithToleranceOperator errors)
{
    /// <summary>Converts and transforms one message.</summary>
    /// <param name="result">The consumed message.</param>
    /// <param name="reusable">A record the task no longer holds, overwritten instead of making a new one
    /// (<see cref="SinkTask.KeepsRecordsAfterPut"/>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops retries.</param>
    /// <returns>The record, or <see langword="null"/> when a transform dropped it or a tolerated error skipped it.</returns>
    public async ValueTask<SinkRecord?> ConvertAndTransformAsync(ConsumeResult<byte[]?, byte[]?> result, SinkRecord? reusable, CancellationToken cancellationToken)
    {
        // Static lambdas over a state: no closure is allocated per record unless an operation fails.
        var key = await errors.ExecuteAsync(Stage.KeyConverter, converters.Key.GetType(), static s => s.Converters.Key.ToConnectData(s.Result.Topic, null, s.Result.Message.Key), (Converters: converters, Result: result), result, null, cancellationToken)
            .ConfigureAwait(false);
        if (key.IsFailed)
        {
            return null;
        }

        var headers = await errors.ExecuteAsync(Stage.HeaderConverter, converters.Header.GetType(), static s => s.Converters.ToConnectHeaders(s.Result.Topic, s.Result.Message.Headers), (Converters: converters, Result: result), result, null, cancellationToken)
            .ConfigureAwait(false);
        if (headers.IsFailed)
        {
            return null;
        }

        var value = await errors.ExecuteAsync(Stage.ValueConverter, converters.Value.GetType(), static s => s.Converters.Value.ToConnectData(s.Result.Topic, s.Headers, s.Result.Message.Value), (Converters: converters, Result: result, Headers: headers.Value), result, null, cancellationToken)
            .ConfigureAwait(false);
        if (value.IsFailed)
        {
            return null;
        }

        var message = result.Message;
        var timestampType = message.Timestamp.Type switch
        {
            Confluent.Kafka.TimestampType.CreateTime => ConnectTimestampType.CreateTime,
            Confluent.Kafka.TimestampType.LogAppendTime => ConnectTimestampType.LogAppendTime,
            _ => ConnectTimestampType.NoTimestampType,
        };
        long? timestamp = timestampType == ConnectTimestampType.NoTimestampType ? null : message.Timestamp.UnixTimestampMs;
        SinkRecord record;
        if (reusable is null)
        {
            record = new SinkRecord(result.Topic, result.Partition.Value, key.Value.Schema, key.Value.Value, value.Value.Schema, value.Value.Value, result.Offset.Value, timestamp, timestampType, headers.Value);
        }
        else
        {
            record = reusable;
            record.Reinitialize(result.Topic, result.Partition.Value, key.Value.Schema, key.Value.Value, value.Value.Schema, value.Value.Value, result.Offset.Value, timestamp, timestampType, headers.Value);
        }

        var transformed = await errors.ExecuteAsync(Stage.Transformation, transforms.ReportedType, static s => s.Transforms.Apply(s.Record), (Transforms: transforms, Record: record), result, record, cancellationToken)
            .ConfigureAwait(false);
        return transformed.IsFailed ? null : transformed.Value;
    }
}
