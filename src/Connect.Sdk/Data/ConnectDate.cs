using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// The Date logical type (<c>org.apache.kafka.connect.data.Date</c>): a calendar date stored as the number of days
/// since the Unix epoch in an <see cref="SchemaType.Int32"/>. Values are <see cref="DateTime"/>s at midnight UTC.
/// </summary>
public static class ConnectDate
{
    /// <summary>The schema name that marks the logical type.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Date";

    /// <summary>Starts a Date schema; make it optional or add docs before building.</summary>
    /// <returns>An int32 schema builder named <see cref="LogicalName"/>.</returns>
    public static SchemaBuilder Builder() => SchemaBuilder.Int32().Name(LogicalName).Version(1);

    /// <summary>A required Date schema.</summary>
    public static Schema Schema { get; } = Builder().Build();

    /// <summary>An optional Date schema.</summary>
    public static Schema OptionalSchema { get; } = Builder().Optional().Build();

    /// <summary>Converts a date to days since the epoch.</summary>
    /// <param name="schema">A Date schema.</param>
    /// <param name="value">A date at midnight (UTC, or unspecified kind taken as UTC).</param>
    /// <returns>Days since 1970-01-01.</returns>
    /// <exception cref="DataException">The value has a time of day, or the schema is not a Date schema.</exception>
    public static int FromLogical(Schema schema, DateTime value)
    {
        LogicalTime.CheckSchema(schema, LogicalName, "Date");
        var utc = LogicalTime.ToUtc(value);
        if (utc.TimeOfDay != TimeSpan.Zero)
        {
            throw new DataException("Kafka Connect Date type should not have any time fields set to non-zero values.");
        }

        return (int)(utc - DateTime.UnixEpoch).TotalDays;
    }

    /// <summary>Converts a <see cref="DateOnly"/> to days since the epoch.</summary>
    /// <param name="schema">A Date schema.</param>
    /// <param name="value">The date.</param>
    /// <returns>Days since 1970-01-01.</returns>
    public static int FromLogical(Schema schema, DateOnly value) =>
        FromLogical(schema, value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>Converts days since the epoch to a date at midnight UTC.</summary>
    /// <param name="schema">A Date schema.</param>
    /// <param name="days">Days since 1970-01-01.</param>
    /// <returns>The date.</returns>
    public static DateTime ToLogical(Schema schema, int days)
    {
        LogicalTime.CheckSchema(schema, LogicalName, "Date");
        return DateTime.UnixEpoch.AddDays(days);
    }
}
