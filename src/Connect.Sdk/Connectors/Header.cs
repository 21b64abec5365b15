using Connect.Sdk.Data;

namespace Connect.Sdk.Connectors;

/// <summary>A record header: a key and a value with an optional schema.</summary>
/// <param name="Key">The header key; several headers may share one.</param>
/// <param name="Schema">The value's schema, or <see langword="null"/>.</param>
/// <param name="Value">The value, or <see langword="null"/>.</param>
public sealed record Header(string Key, Schema? Schema, object? Value)
{
    /// <summary>A header with the same key and a new schema and value.</summary>
    /// <param name="schema">The new schema.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The new header.</returns>
    public Header With(Schema? schema, object? value) => new(Key, schema, value);

    /// <summary>A header with a new key and the same schema and value.</summary>
    /// <param name="key">The new key.</param>
    /// <returns>The new header.</returns>
    public Header Rename(string key) => new(key, Schema, Value);

    /// <inheritdoc />
    public bool Equals(Header? other) =>
        other is not null && Key == other.Key && Equals(Schema, other.Schema)
        && ConnectValueComparer.Instance.Equals(Value, other.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Schema, ConnectValueComparer.Instance.GetHashCode(Value));

    /// <inheritdoc />
    public override string ToString() => $"Header{{key={Key}, value={Value}, schema={Schema?.ToString() ?? "null"}}}";
}
