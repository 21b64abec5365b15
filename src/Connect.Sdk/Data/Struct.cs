using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// A value of a struct <see cref="Schema"/>: one slot per field, set with <see cref="Put(string, object?)"/> (validated
/// against the field's schema) and read with <see cref="Get(string)"/> or a typed getter such as <see cref="GetInt64"/>.
/// </summary>
/// <remarks>
/// Reading a field that holds no value returns the field's default value, as Kafka Connect does; use
/// <see cref="GetWithoutDefault(string)"/> to see the raw slot. Call <see cref="Validate"/> before handing a struct
/// on to check that every required field has a value. Structs are equal when their schemas and values are equal.
/// </remarks>
public sealed class Struct : IEquatable<Struct>
{
    private readonly object?[] _values;

    /// <summary>Creates an empty struct of a struct schema.</summary>
    /// <param name="schema">A schema of type <see cref="SchemaType.Struct"/>.</param>
    /// <exception cref="DataException">The schema is not a struct schema.</exception>
    public Struct(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException($"Not a struct schema: {schema}.");
        }

        Schema = schema;
        _values = new object?[schema.FieldArray.Length];
    }

    /// <summary>The struct's schema.</summary>
    public Schema Schema { get; }

    /// <summary>The value of a field, or the field's default value when the field holds none.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value, the default, or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The schema has no such field.</exception>
    public object? Get(string fieldName) => Get(LookupField(fieldName));

    /// <summary>The value of a field, or the field's default value when the field holds none.</summary>
    /// <param name="field">A field of this struct's schema.</param>
    /// <returns>The value, the default, or <see langword="null"/>.</returns>
    public object? Get(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values[CheckOwnField(field).Index] ?? field.Schema.DefaultValue;
    }

    /// <summary>The value stored for a field, without falling back to the default.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The stored value or <see langword="null"/>.</returns>
    public object? GetWithoutDefault(string fieldName) => _values[LookupField(fieldName).Index];

    /// <summary>The value stored for a field, without falling back to the default.</summary>
    /// <param name="field">A field of this struct's schema.</param>
    /// <returns>The stored value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field is not part of this struct's schema.</exception>
    public object? GetWithoutDefault(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values[CheckOwnField(field).Index];
    }

    /// <summary>The value stored in the slot of the field at <paramref name="index"/> of the schema's fields, unchecked
    /// and without the default, for writers that walk the schema's own fields.</summary>
    internal object? ValueAt(int index) => _values[index];

    /// <summary>Reads an <see cref="SchemaType.Int8"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public sbyte? GetInt8(string fieldName) => (sbyte?)GetChecked(fieldName, SchemaType.Int8);

    /// <summary>Reads an <see cref="SchemaType.Int16"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public short? GetInt16(string fieldName) => (short?)GetChecked(fieldName, SchemaType.Int16);

    /// <summary>Reads an <see cref="SchemaType.Int32"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public int? GetInt32(string fieldName) => (int?)GetChecked(fieldName, SchemaType.Int32);

    /// <summary>Reads an <see cref="SchemaType.Int64"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public long? GetInt64(string fieldName) => (long?)GetChecked(fieldName, SchemaType.Int64);

    /// <summary>Reads a <see cref="SchemaType.Float32"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public float? GetFloat32(string fieldName) => (float?)GetChecked(fieldName, SchemaType.Float32);

    /// <summary>Reads a <see cref="SchemaType.Float64"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public double? GetFloat64(string fieldName) => (double?)GetChecked(fieldName, SchemaType.Float64);

    /// <summary>Reads a <see cref="SchemaType.Boolean"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public bool? GetBoolean(string fieldName) => (bool?)GetChecked(fieldName, SchemaType.Boolean);

    /// <summary>Reads a <see cref="SchemaType.String"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public string? GetString(string fieldName) => (string?)GetChecked(fieldName, SchemaType.String);

    /// <summary>Reads a <see cref="SchemaType.Bytes"/> field as an array (copying when it holds a memory slice).</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public byte[]? GetBytes(string fieldName) => GetChecked(fieldName, SchemaType.Bytes) switch
    {
        null => null,
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        var other => throw new DataException($"Field \"{fieldName}\" holds {other.GetType()}, not bytes."),
    };

    /// <summary>Reads an <see cref="SchemaType.Array"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public IList? GetArray(string fieldName) => (IList?)GetChecked(fieldName, SchemaType.Array);

    /// <summary>Reads a <see cref="SchemaType.Map"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public IDictionary? GetMap(string fieldName) => (IDictionary?)GetChecked(fieldName, SchemaType.Map);

    /// <summary>Reads a <see cref="SchemaType.Struct"/> field.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    /// <exception cref="DataException">The field does not exist or is of another type.</exception>
    public Struct? GetStruct(string fieldName) => (Struct?)GetChecked(fieldName, SchemaType.Struct);

    /// <summary>Sets a field's value after checking it against the field's schema.</summary>
    /// <param name="fieldName">The field name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This struct, for chaining.</returns>
    /// <exception cref="DataException">The field does not exist or the value does not match its schema; the message names the field.</exception>
    public Struct Put(string fieldName, object? value) => Put(LookupField(fieldName), value);

    /// <summary>Sets a field's value after checking it against the field's schema.</summary>
    /// <param name="field">A field of this struct's schema.</param>
    /// <param name="value">The value.</param>
    /// <returns>This struct, for chaining.</returns>
    /// <exception cref="DataException">The field is not part of this struct's schema or the value does not match.</exception>
    public Struct Put(Field field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        CheckOwnField(field);
        Schema.ValidateValue(field.Name, field.Schema, value);
        _values[field.Index] = value;
        return this;
    }

    /// <summary>
    /// Sets <paramref name="field"/> to the value <paramref name="sourceField"/> holds in <paramref name="source"/> (or its
    /// default, with <paramref name="useDefault"/>), as <c>Put(field, source.Get…(sourceField.Name))</c> would.
    /// </summary>
    /// <remarks>
    /// For transforms copying a struct into a derived schema. When both fields share one schema instance, a value that is
    /// there was checked against that schema when it was put, and no <see cref="Put(Field, object)"/> can make it invalid
    /// since, so it is stored without the name lookup and the (for nested structs, deep) validation. Anything else,
    /// including a <see langword="null"/> that a required field rejects, takes the checked path with its messages.
    /// </remarks>
    internal Struct PutFrom(Field field, Struct source, Field sourceField, bool useDefault)
    {
        var fields = Schema.FieldArray;
        if ((uint)field.Index >= (uint)fields.Length
            || !ReferenceEquals(fields[field.Index], field)
            || !TryCopy(field, source, sourceField, useDefault))
        {
            PutCopied(field, source, sourceField, useDefault);
        }

        return this;
    }

    /// <summary>
    /// Sets every field of this struct, in order, to the value of the field of <paramref name="source"/> at the same
    /// position in <paramref name="sourceFields"/>, as <see cref="PutFrom"/> would one by one.
    /// </summary>
    internal Struct PutAllFrom(Struct source, Field[] sourceFields, bool useDefault)
    {
        var fields = Schema.FieldArray;
        if (sourceFields.Length != fields.Length)
        {
            throw new ArgumentException($"Expected {fields.Length} source fields, got {sourceFields.Length}.", nameof(sourceFields));
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (!TryCopy(fields[i], source, sourceFields[i], useDefault))
            {
                PutCopied(fields[i], source, sourceFields[i], useDefault);
            }
        }

        return this;
    }

    /// <summary>Checks that every field holds a value valid for its schema (required fields may use their default).</summary>
    /// <exception cref="DataException">A field is missing or invalid; the message names it.</exception>
    public void Validate()
    {
        foreach (var field in Schema.FieldArray)
        {
            Schema.ValidateValue(field.Name, field.Schema, _values[field.Index] ?? field.Schema.DefaultValue);
        }
    }

    /// <inheritdoc />
    public bool Equals(Struct? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || !Schema.Equals(other.Schema))
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!ConnectValueComparer.Instance.Equals(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Struct);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Schema);
        foreach (var value in _values)
        {
            hash.Add(ConnectValueComparer.Instance.GetHashCode(value));
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats as <c>Struct{id=1,name=Ann}</c>, leaving out fields without a value.</summary>
    /// <returns>The text form.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("Struct{");
        var first = true;
        foreach (var field in Schema.FieldArray)
        {
            var value = _values[field.Index];
            if (value is null)
            {
                continue;
            }

            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append(field.Name).Append('=');
            AppendValue(text, value);
        }

        return text.Append('}').ToString();
    }

    private static void AppendValue(StringBuilder text, object? value)
    {
        if (value is byte[] or ReadOnlyMemory<byte>)
        {
            ConnectValueComparer.TryGetBytes(value, out var bytes);
            text.Append(Convert.ToBase64String(bytes.Span));
            return;
        }

        // Java's text of the value, as Kafka's Struct.toString prints it (1.0 for doubles, true for booleans).
        text.Append(JavaText.ToJavaString(value));
    }

    /// <summary>The fast path of <see cref="PutFrom"/> for a field known to be this struct's own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCopy(Field field, Struct source, Field sourceField, bool useDefault)
    {
        var sourceFields = source.Schema.FieldArray;
        var index = sourceField.Index;
        if ((uint)index < (uint)sourceFields.Length
            && ReferenceEquals(sourceFields[index], sourceField)
            && ReferenceEquals(field.Schema, sourceField.Schema)
            && (source._values[index] ?? (useDefault ? sourceField.Schema.DefaultValue : null)) is { } value)
        {
            _values[field.Index] = value;
            return true;
        }

        return false;
    }

    private void PutCopied(Field field, Struct source, Field sourceField, bool useDefault) =>
        Put(field, useDefault ? source.Get(sourceField.Name) : source.GetWithoutDefault(sourceField.Name));

    private Field LookupField(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        return Schema.FindField(fieldName)
            ?? throw new DataException($"\"{fieldName}\" is not a valid field name of {Schema}.");
    }

    private Field CheckOwnField(Field field)
    {
        var fields = Schema.FieldArray;
        if ((uint)field.Index >= (uint)fields.Length || !ReferenceEquals(fields[field.Index], field) && !fields[field.Index].Equals(field))
        {
            throw new DataException($"Field \"{field.Name}\" is not part of {Schema}.");
        }

        return field;
    }

    private object? GetChecked(string fieldName, SchemaType expected)
    {
        var field = LookupField(fieldName);
        if (field.Schema.Type != expected)
        {
            throw new DataException($"Field \"{fieldName}\" is not of type {expected}; it is {field.Schema.Type}.");
        }

        return Get(field);
    }
}
