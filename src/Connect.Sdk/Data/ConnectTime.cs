using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// The Time logical type (<c>org.apache.kafka.connect.data.Time</c>): a time of day stored as milliseconds since
/// midnight in an <see cref="SchemaType.Int32"/>. Values are <see cref="DateTime"/>s on 1970-01-01 UTC.
/// </summary>
public static class ConnectTime
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Time";

    private const int MillisPerDay = 24 * 60 * 60 * 1000;

    /// <summary>Starts a Time schema; make it optional or add docs before building.</summary>
    /// <returns>An int32 schema builder named <see cref="LogicalName"/>.</returns>
    public static SchemaBuilder Builder() => SchemaBuilder.Int32().Name(LogicalName).Version(1);

    /// <summary>A required Time schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>An optional Time schema.</summary>
    public static Schema OptionalSchema { get; } = Builder().Optional().Build();

    /// <summary>Converts a time on 1970-01-01 to milliseconds since midnight.</summary>
    /// <param name="schema">A Time schema.</param>
    /// <param name="value">The time, dated 1970-01-01 (UTC, or unspecified kind taken as UTC).</param>
    /// <returns>Milliseconds since midnight.</returns>
    /// <exception cref="DataException">The value has a date other than the epoch, or the schema is not a Time schema.</exception>
    public static int FromLogical(Schema schema, DateTime value)
    {
        LogicalTime.CheckSchema(schema, LogicalName, "Time");
        var millis = LogicalTime.ToEpochMillis(value);
        if (millis is < 0 or >= MillisPerDay)
        {
            throw new DataException("Kafka Connect Time type should not have any date fields set to non-zero values.");
        }

        return (int)millis;
    }

    /// <summary>Converts a <see cref="TimeOnly"/> to milliseconds since midnight.</summary>
    /// <param name="schema">A Time schema.</param>
    /// <param name="value">The time of day.</param>
    /// <returns>Milliseconds since midnight.</returns>
    public static int FromLogical(Schema schema, TimeOnly value) =>
        FromLogical(schema, DateTime.UnixEpoch.Add(value.ToTimeSpan()));

    /// <summary>Converts milliseconds since midnight to a time on 1970-01-01 UTC.</summary>
    /// <param name="schema">A Time schema.</param>
    /// <param name="millis">Milliseconds since midnight.</param>
    /// <returns>The time.</returns>
    /// <exception cref="DataException">The milliseconds are outside one day.</exception>
    public static DateTime ToLogical(Schema schema, int millis)
    {
        LogicalTime.CheckSchema(schema, LogicalName, "Time");
        if (millis is < 0 or >= MillisPerDay)
        {
            throw new DataException(
                "Time values must use number of milliseconds greater than or equal to 0 and less than 86400000.");
        }

        return DateTime.UnixEpoch.AddMilliseconds(millis);
    }
}
