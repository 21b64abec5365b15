using System.Collections;

namespace Connect.Sdk.Avro.Codec;

// The generic data model, the values the codec reads and writes:
//   null -> null, boolean -> bool, int -> int, long -> long, float -> float, double -> double,
//   bytes -> byte[], string -> string, record -> AvroRecord, enum -> AvroEnumSymbol, fixed -> AvroFixed,
//   array -> IList (List<object?> when read), map -> IDictionary with string keys (Dictionary<string, object?> when read),
//   union -> the value of the branch. Logical types keep their underlying representation.

/// <summary>A value of a record schema: one slot per field, by position.</summary>
internal sealed class AvroRecord : IEquatable<AvroRecord>
{
    public AvroRecord(RecordSchema schema)
    {
        Schema = schema;
        Values = new object?[schema.Fields.Count];
    }

    /// <summary>The record's schema.</summary>
    public RecordSchema Schema { get; }

    /// <summary>The field values by position.</summary>
    public object?[] Values { get; }

    /// <summary>A field value by position.</summary>
    /// <param name="position">The field position.</param>
    public object? this[int position]
    {
        get => Values[position];
        set => Values[position] = value;
    }

    /// <summary>A field value by name.</summary>
    /// <param name="name">The field name.</param>
    public object? this[string name]
    {
        get => Values[FieldOf(name).Position];
        set => Values[FieldOf(name).Position] = value;
    }

    /// <inheritdoc />
    public bool Equals(AvroRecord? other)
    {
        if (other is null || other.Schema.FullName != Schema.FullName || other.Values.Length != Values.Length)
        {
            return false;
        }

        for (var i = 0; i < Values.Length; i++)
        {
            if (!GenericEquality.AreEqual(Values[i], other.Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AvroRecord);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Values.Length);

    /// <inheritdoc />
    public override string ToString() =>
        "{" + string.Join(", ", Schema.Fields.Select(f => $"{f.Name}={Values[f.Position]}")) + "}";

    private AvroField FieldOf(string name) =>
        Schema.GetField(name) ?? throw new AvroException($"Record '{Schema.FullName}' has no field '{name}'.");
}

/// <summary>A value of an enum schema.</summary>
/// <param name="Schema">The enum schema.</param>
/// <param name="Symbol">The symbol.</param>
internal sealed record AvroEnumSymbol(EnumSchema Schema, string Symbol)
{
    /// <inheritdoc />
    public bool Equals(AvroEnumSymbol? other) => other is not null && other.Symbol == Symbol && other.Schema.FullName == Schema.FullName;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol;
}

/// <summary>A value of a fixed schema.</summary>
/// <param name="Schema">The fixed schema.</param>
/// <param name="Bytes">Exactly <see cref="FixedSchema.Size"/> bytes.</param>
internal sealed record AvroFixed(FixedSchema Schema, byte[] Bytes)
{
    /// <inheritdoc />
    public bool Equals(AvroFixed? other) =>
        other is not null && other.Schema.FullName == Schema.FullName && other.Bytes.AsSpan().SequenceEqual(Bytes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Bytes.Length);

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexString(Bytes);
}

/// <summary>Deep equality of generic values, for tests and defaults.</summary>
internal static class GenericEquality
{
    public static bool AreEqual(object? x, object? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        switch (x)
        {
            case byte[] xb when y is byte[] yb:
                return xb.AsSpan().SequenceEqual(yb);
            case string:
                return x.Equals(y);
            case IDictionary xm when y is IDictionary ym:
                if (xm.Count != ym.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry entry in xm)
                {
                    if (!ym.Contains(entry.Key) || !AreEqual(entry.Value, ym[entry.Key]))
                    {
                        return false;
                    }
                }

                return true;
            case IList xl when y is IList yl:
                if (xl.Count != yl.Count)
                {
                    return false;
                }

                for (var i = 0; i < xl.Count; i++)
                {
                    if (!AreEqual(xl[i], yl[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return x.Equals(y);
        }
    }
}
