using Confluent.Kafka;
using Connect.Sdk.Connectors;

namespace Connect.Sdk.Runtime.Errors;

/// <summary>What was being processed when an error happened, for the error log and the dead letter queue.</summary>
/// <param name="Stage">The failing stage.</param>
/// <param name="ExecutingClass">The class that was running (converter, transform, task).</param>
/// <param name="Error">The error.</param>
/// <param name="Consumed">The original Kafka record, for sink tasks.</param>
/// <param name="Record">The Connect record, when one exists.</param>
public sealed record ErrorContext(
    Stage Stage,
    Type ExecutingClass,
    Exception Error,
    ConsumeResult<byte[]?, byte[]?>? Consumed,
    ConnectRecord? Record);
