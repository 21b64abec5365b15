namespace Connect.Sdk.Data;

/// <summary>A value together with its schema, as converters return them. Either may be <see langword="null"/>.</summary>
/// <remarks>
/// A struct: converters return one for every key and value a worker reads, and the pair is taken apart into the record
/// at once, so it costs no allocation. <see langword="default"/> is <see cref="Null"/>.
/// </remarks>
/// <param name="Schema">The schema, or <see langword="null"/> for schemaless data.</param>
/// <param name="Value">The value, or <see langword="null"/> (e.g. a tombstone).</param>
public readonly record struct SchemaAndValue(Schema? Schema, object? Value)
{
    /// <summary>No schema and no value.</summary>
    public static SchemaAndValue Null => default;

    /// <inheritdoc />
    public bool Equals(SchemaAndValue other) =>
        Equals(Schema, other.Schema) && ConnectValueComparer.Instance.Equals(Value, other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema, ConnectValueComparer.Instance.GetHashCode(Value));
}
