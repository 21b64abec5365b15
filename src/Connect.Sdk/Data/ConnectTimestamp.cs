namespace Connect.Sdk.Data;

/// <summary>
/// The Timestamp logical type (<c>org.apache.kafka.connect.data.Timestamp</c>): an instant stored as milliseconds
/// since the Unix epoch in an <see cref="SchemaType.Int64"/>. Values are <see cref="DateTime"/>s in UTC.
/// </summary>
public static class ConnectTimestamp
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Timestamp";

    /// <summary>Starts a Timestamp schema; make it optional or add docs before building.</summary>
    /// <returns>An int64 schema builder named <see cref="LogicalName"/>.</returns>
    public static SchemaBuilder Builder() => SchemaBuilder.Int64().Name(LogicalName).Version(1);

    /// <summary>A required Timestamp schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>An optional Timestamp schema.</summary>
    public static Schema OptionalSchema { get; } = Builder().Optional().Build();

    /// <summary>Converts an instant to milliseconds since the epoch, dropping sub-millisecond precision.</summary>
    /// <param name="schema">A Timestamp schema.</param>
    /// <param name="value">The instant (local times are converted to UTC; unspecified kind is taken as UTC).</param>
    /// <returns>Milliseconds since 1970-01-01T00:00:00Z.</returns>
    public static long FromLogical(Schema schema, DateTime value)
    {
        LogicalTime.CheckSchema(schema, LogicalName, "Timestamp");
        return LogicalTime.ToEpochMillis(value);
    }

    /// <summary>Converts an instant to milliseconds since the epoch.</summary>
    /// <param name="schema">A Timestamp schema.</param>
    /// <param name="value">The instant.</param>
    /// <returns>Milliseconds since 1970-01-01T00:00:00Z.</returns>
    public static long FromLogical(Schema schema, DateTimeOffset value) => FromLogical(schema, value.UtcDateTime);

    /// <summary>Converts milliseconds since the epoch to an instant in UTC.</summary>
    /// <param name="schema">A Timestamp schema.</param>
    /// <param name="millis">Milliseconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>The instant.</returns>
    public static DateTime ToLogical(Schema schema, long millis)
    {
        LogicalTime.CheckSchema(schema, LogicalName, "Timestamp");
        return LogicalTime.FromEpochMillis(millis);
    }
}
