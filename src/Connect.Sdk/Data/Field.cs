namespace Connect.Sdk.Data;

/// <summary>A named field of a struct <see cref="Schema"/>, with its position and its own schema.</summary>
public sealed class Field : IEquatable<Field>
{
    /// <summary>Creates a field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="index">The zero-based position of the field in its struct.</param>
    /// <param name="schema">The schema of the field's values.</param>
    public Field(string name, int index, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Name = name;
        Index = index;
        Schema = schema;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The zero-based position of the field in its struct.</summary>
    public int Index { get; }

    /// <summary>The schema of the field's values.</summary>
    public Schema Schema { get; }

    /// <inheritdoc />
    public bool Equals(Field? other) =>
        other is not null && Index == other.Index && Name == other.Name && Schema.Equals(other.Schema);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Field);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Index, Schema);

    /// <inheritdoc />
    public override string ToString() => $"Field{{name={Name}, index={Index}, schema={Schema}}}";
}
