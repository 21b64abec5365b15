using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>Shared arithmetic of the Date, Time and Timestamp logical types.</summary>
internal static class LogicalTime
{
    private static readonly long MinMillis = ToEpochMillis(DateTime.MinValue);
    private static readonly long MaxMillis = ToEpochMillis(DateTime.MaxValue);

    public static void CheckSchema(Schema schema, string logicalName, string typeName)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Name != logicalName)
        {
            throw new DataException($"Requested conversion of {typeName} object but the schema does not match.");
        }
    }

    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    /// <summary>Milliseconds since the epoch, rounded towards negative infinity like java.util.Date.</summary>
    public static long ToEpochMillis(DateTime value)
    {
        var ticks = ToUtc(value).Ticks - DateTime.UnixEpoch.Ticks;
        return FloorDiv(ticks, TimeSpan.TicksPerMillisecond);
    }

    public static DateTime FromEpochMillis(long millis)
    {
        if (millis < MinMillis || millis > MaxMillis)
        {
            throw new DataException(
                $"Timestamp {millis} ms since the epoch is outside the range of System.DateTime (years 0001 to 9999).");
        }

        return DateTime.UnixEpoch.AddTicks(millis * TimeSpan.TicksPerMillisecond);
    }

    private static long FloorDiv(long x, long y)
    {
        var quotient = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
    }
}
