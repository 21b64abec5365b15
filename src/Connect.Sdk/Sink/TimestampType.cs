namespace Connect.Sdk.Sink;

/// <summary>What a Kafka record's timestamp means.</summary>
public enum TimestampType
{
    /// <summary>The record has no timestamp.</summary>
    NoTimestampType,

    /// <summary>The time the producer created the record.</summary>
    CreateTime,

    /// <summary>The time the broker appended the record to the log.</summary>
    LogAppendTime,
}
