namespace Connect.Sdk.Data;

/// <summary>A value together with its schema, as converters return them. Either may be <see langword="null"/>.</summary>
/// <param name="Schema">The schema, or <see langword="null"/> for schemaless data.</param>
/// <param name="Value">The value, or <see langword="null"/> (e.g. a tombstone).</param>
public sealed record SchemaAndValue(Schema? Schema, object? Value)
{
    /// <summary>No schema and no value.</summary>
    public static SchemaAndValue Null { get; } = new(null, null);

    /// <inheritdoc />
    public bool Equals(SchemaAndValue? other) =>
        other is not null && Equals(Schema, other.Schema) && ConnectValueComparer.Instance.Equals(Value, other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema, ConnectValueComparer.Instance.GetHashCode(Value));
}
