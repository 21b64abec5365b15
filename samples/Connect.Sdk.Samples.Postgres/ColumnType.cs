using System.Globalization;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using NpgsqlTypes;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>
/// The PostgreSQL column type of a Connect schema, and how its values are passed to Npgsql.
/// </summary>
/// <remarks>
/// | Connect | PostgreSQL |
/// |---|---|
/// | int8, int16 | SMALLINT |
/// | int32 | INTEGER |
/// | int64 | BIGINT |
/// | float32 | REAL |
/// | float64 | DOUBLE PRECISION |
/// | boolean | BOOLEAN |
/// | string | TEXT |
/// | bytes | BYTEA |
/// | Decimal | NUMERIC (any scale, so values are kept exactly) |
/// | Date | DATE |
/// | Time | TIME |
/// | Timestamp | TIMESTAMPTZ (a Connect timestamp is an instant) |
/// Arrays, maps and structs have no column type here; flatten them first (for example with the Flatten transform).
/// </remarks>
internal sealed class ColumnType
{
    private static readonly ColumnType Int16 = new("SMALLINT", NpgsqlDbType.Smallint, v => v is sbyte b ? (short)b : v);
    private static readonly ColumnType Int32 = new("INTEGER", NpgsqlDbType.Integer, v => v);
    private static readonly ColumnType Int64 = new("BIGINT", NpgsqlDbType.Bigint, v => v);
    private static readonly ColumnType Float32 = new("REAL", NpgsqlDbType.Real, v => v);
    private static readonly ColumnType Float64 = new("DOUBLE PRECISION", NpgsqlDbType.Double, v => v);
    private static readonly ColumnType Boolean = new("BOOLEAN", NpgsqlDbType.Boolean, v => v);
    private static readonly ColumnType Text = new("TEXT", NpgsqlDbType.Text, v => v);
    private static readonly ColumnType Bytea = new("BYTEA", NpgsqlDbType.Bytea, v => v is ReadOnlyMemory<byte> m ? m.ToArray() : v);
    private static readonly ColumnType Numeric = new("NUMERIC", NpgsqlDbType.Numeric, v => v);
    private static readonly ColumnType Date = new("DATE", NpgsqlDbType.Date, v => DateOnly.FromDateTime((DateTime)v));
    private static readonly ColumnType Time = new("TIME", NpgsqlDbType.Time, v => TimeOnly.FromDateTime((DateTime)v));
    private static readonly ColumnType TimestampTz = new("TIMESTAMPTZ", NpgsqlDbType.TimestampTz, v => Utc((DateTime)v));

    private readonly Func<object, object> _convert;

    private ColumnType(string sql, NpgsqlDbType dbType, Func<object, object> convert)
    {
        Sql = sql;
        DbType = dbType;
        _convert = convert;
    }

    /// <summary>The SQL type name for CREATE TABLE and ALTER TABLE.</summary>
    public string Sql { get; }

    /// <summary>The parameter type.</summary>
    public NpgsqlDbType DbType { get; }

    /// <summary>The column type of a field's schema.</summary>
    /// <exception cref="DataException">The schema has no column type.</exception>
    public static ColumnType For(Schema schema, string field)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Name switch
        {
            ConnectDecimal.LogicalName => Numeric,
            ConnectDate.LogicalName => Date,
            ConnectTime.LogicalName => Time,
            ConnectTimestamp.LogicalName => TimestampTz,
            _ => schema.Type switch
            {
                SchemaType.Int8 or SchemaType.Int16 => Int16,
                SchemaType.Int32 => Int32,
                SchemaType.Int64 => Int64,
                SchemaType.Float32 => Float32,
                SchemaType.Float64 => Float64,
                SchemaType.Boolean => Boolean,
                SchemaType.String => Text,
                SchemaType.Bytes => Bytea,
                _ => throw new DataException(
                    $"Field '{field}' has the schema type {schema.Type.ToWireName().ToUpperInvariant()}, which has no PostgreSQL column type in this connector. "
                    + "Flatten nested values first, for example with the Flatten transform, or leave the field out with ReplaceField."),
            },
        };
    }

    /// <summary>The value to bind for a Connect value of this type, or <see cref="DBNull"/>.</summary>
    public object ToParameter(object? value) => value is null ? DBNull.Value : _convert(value);

    /// <summary>A SQL literal for a schema's default value, for the DEFAULT clause of a column.</summary>
    public string Literal(object value) => value switch
    {
        bool b => b ? "TRUE" : "FALSE",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        byte[] or ReadOnlyMemory<byte> => "'\\x" + Convert.ToHexString(value is byte[] a ? a : ((ReadOnlyMemory<byte>)value).Span) + "'::BYTEA",
        float f => "'" + f.ToString("R", CultureInfo.InvariantCulture) + "'::REAL",
        double d => "'" + d.ToString("R", CultureInfo.InvariantCulture) + "'::DOUBLE PRECISION",
        DateTime when this == Date => "'" + ((DateOnly)_convert(value)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'::DATE",
        DateTime when this == Time => "'" + ((TimeOnly)_convert(value)).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + "'::TIME",
        DateTime when this == TimestampTz => "'" + ((DateTime)_convert(value)).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+00'::TIMESTAMPTZ",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new DataException($"A default value of type {value.GetType()} cannot be written as SQL."),
    };

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
