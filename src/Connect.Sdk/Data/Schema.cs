using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// An immutable Connect schema: one of the twelve <see cref="SchemaType"/>s plus optionality, a default value, and
/// the optional name, version, documentation and parameters that also mark logical types. Build one with
/// <see cref="SchemaBuilder"/> or use the predefined instances such as <see cref="Int32"/> or <see cref="OptionalString"/>.
/// </summary>
/// <remarks>
/// Two schemas are equal when every property is equal, recursively. Values that belong to a schema are validated with
/// <see cref="Validate(object?)"/>; the .NET type of each schema type is listed on <see cref="SchemaType"/>.
/// </remarks>
public sealed partial class Schema : IEquatable<Schema>
{
    /// <summary>A struct schema's fields; an array so that structs and transforms index them without interface calls.</summary>
    private readonly Field[]? _fields;

    /// <summary>The read-only view <see cref="Fields"/> returns, over <see cref="_fields"/>.</summary>
    private readonly ReadOnlyCollection<Field>? _fieldsView;
    private readonly Dictionary<string, Field>? _fieldsByName;
    private readonly Schema? _keySchema;
    private readonly Schema? _valueSchema;
    private int _hashCode;

    internal Schema(
        SchemaType type,
        bool isOptional,
        object? defaultValue,
        string? name,
        int? version,
        string? doc,
        IReadOnlyDictionary<string, string>? parameters,
        IReadOnlyList<Field>? fields,
        Schema? keySchema,
        Schema? valueSchema)
    {
        Type = type;
        IsOptional = isOptional;
        DefaultValue = defaultValue;
        Name = name;
        Version = version;
        Doc = doc;
        Parameters = parameters;
        if (type == SchemaType.Struct)
        {
            _fields = fields is null ? [] : [.. fields];
            _fieldsView = _fields.AsReadOnly();
            _fieldsByName = new Dictionary<string, Field>(_fields.Length, StringComparer.Ordinal);
            foreach (var field in _fields)
            {
                _fieldsByName[field.Name] = field;
            }
        }

        _keySchema = keySchema;
        _valueSchema = valueSchema;
    }

    /// <summary>The type of values of this schema.</summary>
    public SchemaType Type { get; }

    /// <summary>Whether <see langword="null"/> is a valid value.</summary>
    public bool IsOptional { get; }

    /// <summary>The value used when a field of this schema has no value, or <see langword="null"/> for none.</summary>
    public object? DefaultValue { get; }

    /// <summary>The fully-qualified name of the schema (e.g. <c>com.acme.Order</c>), or <see langword="null"/>. Logical types are marked by their name.</summary>
    public string? Name { get; }

    /// <summary>The version of the schema, or <see langword="null"/>.</summary>
    public int? Version { get; }

    /// <summary>Documentation for the schema, or <see langword="null"/>.</summary>
    public string? Doc { get; }

    /// <summary>Extra properties, such as a Decimal's <c>scale</c>, or <see langword="null"/> when none were set.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; }

    /// <summary>The fields of a struct schema, in order.</summary>
    /// <exception cref="DataException">The schema is not a struct.</exception>
    public IReadOnlyList<Field> Fields => (IReadOnlyList<Field>?)_fieldsView ?? ThrowNotAStruct();

    /// <summary>Whether the schema is one of Connect's logical types (Decimal, Date, Time, Timestamp), whose values are
    /// not of the .NET type of the schema's <see cref="Type"/>.</summary>
    internal bool IsLogical =>
        Name is ConnectDecimal.LogicalName or ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName;

    /// <summary>The fields of a struct schema, in order, as the array behind <see cref="Fields"/>; callers must not change it.</summary>
    /// <exception cref="DataException">The schema is not a struct.</exception>
    internal Field[] FieldArray => _fields ?? ThrowNotAStruct();

    /// <summary>The schema of a map's keys.</summary>
    /// <exception cref="DataException">The schema is not a map.</exception>
    public Schema KeySchema =>
        Type == SchemaType.Map ? _keySchema! : throw new DataException($"Cannot look up key schema on non-map type {Type}.");

    /// <summary>The schema of an array's elements or a map's values.</summary>
    /// <exception cref="DataException">The schema is neither an array nor a map.</exception>
    public Schema ValueSchema =>
        Type is SchemaType.Map or SchemaType.Array
            ? _valueSchema!
            : throw new DataException($"Cannot look up value schema on non-array and non-map type {Type}.");

    /// <summary>Finds a field of a struct schema by name.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field, or <see langword="null"/> when the struct has no field of that name.</returns>
    /// <exception cref="DataException">The schema is not a struct.</exception>
    public Field? FindField(string name)
    {
        if (_fieldsByName is null)
        {
            throw new DataException($"Cannot look up fields on non-struct type {Type}.");
        }

        return _fieldsByName.GetValueOrDefault(name);
    }

    /// <summary>Checks that a value is valid for this schema, recursively for arrays, maps and structs.</summary>
    /// <param name="value">The value to check.</param>
    /// <exception cref="DataException">The value does not match; the message says what was expected.</exception>
    public void Validate(object? value) => ValidateValue(null, this, value);

    /// <summary>Checks that a value is valid for a schema, naming the field in the error.</summary>
    /// <param name="fieldName">The field the value belongs to, for the error message, or <see langword="null"/>.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="value">The value to check.</param>
    /// <exception cref="DataException">The value does not match; the message names the field and what was expected.</exception>
    public static void ValidateValue(string? fieldName, Schema schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (value is null)
        {
            if (!schema.IsOptional)
            {
                var where = fieldName is null ? "value" : $"field: \"{fieldName}\"";
                throw new DataException($"Invalid value: null used for required {where}, schema type: {schema.Type}.");
            }

            return;
        }

        if (!IsInstanceOf(schema, value))
        {
            throw new DataException(
                $"Invalid value for {Describe(fieldName, schema)}: expected {ExpectedTypeName(schema)} but got {value.GetType().FullName} ({Shorten(value)}).");
        }

        switch (schema.Type)
        {
            case SchemaType.Struct:
                var structValue = (Struct)value;
                if (!structValue.Schema.Equals(schema))
                {
                    throw new DataException(
                        $"Invalid value for {Describe(fieldName, schema)}: the struct's schema {structValue.Schema} does not match.");
                }

                structValue.Validate();
                break;
            case SchemaType.Array:
                foreach (var element in (IList)value)
                {
                    ValidateValue(fieldName, schema.ValueSchema, element);
                }

                break;
            case SchemaType.Map:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    ValidateValue(fieldName, schema.KeySchema, entry.Key);
                    ValidateValue(fieldName, schema.ValueSchema, entry.Value);
                }

                break;
        }
    }

    /// <summary>The schema type whose values are of a .NET type, or <see langword="null"/> when none is.</summary>
    /// <param name="clrType">A .NET type such as <see cref="int"/> or <see cref="Struct"/>.</param>
    /// <returns>The matching schema type, or <see langword="null"/>.</returns>
    public static SchemaType? SchemaTypeFor(Type clrType)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        if (clrType == typeof(sbyte)) return SchemaType.Int8;
        if (clrType == typeof(short)) return SchemaType.Int16;
        if (clrType == typeof(int)) return SchemaType.Int32;
        if (clrType == typeof(long)) return SchemaType.Int64;
        if (clrType == typeof(float)) return SchemaType.Float32;
        if (clrType == typeof(double)) return SchemaType.Float64;
        if (clrType == typeof(bool)) return SchemaType.Boolean;
        if (clrType == typeof(string)) return SchemaType.String;
        if (clrType == typeof(byte[]) || clrType == typeof(ReadOnlyMemory<byte>)) return SchemaType.Bytes;
        if (clrType == typeof(Struct)) return SchemaType.Struct;
        if (typeof(IDictionary).IsAssignableFrom(clrType)) return SchemaType.Map;
        if (typeof(IList).IsAssignableFrom(clrType)) return SchemaType.Array;
        return null;
    }

    /// <inheritdoc />
    public bool Equals(Schema? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || GetHashCode() != other.GetHashCode())
        {
            return false;
        }

        return Type == other.Type
            && IsOptional == other.IsOptional
            && Name == other.Name
            && Version == other.Version
            && Doc == other.Doc
            && ParametersEqual(Parameters, other.Parameters)
            && ConnectValueComparer.Instance.Equals(DefaultValue, other.DefaultValue)
            && Equals(_keySchema, other._keySchema)
            && Equals(_valueSchema, other._valueSchema)
            && FieldsEqual(_fields, other._fields);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Schema);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hashCode == 0)
        {
            var hash = new HashCode();
            hash.Add(Type);
            hash.Add(IsOptional);
            hash.Add(Name);
            hash.Add(Version);
            hash.Add(Doc);
            hash.Add(ConnectValueComparer.Instance.GetHashCode(DefaultValue));
            hash.Add(_keySchema);
            hash.Add(_valueSchema);
            if (_fields is not null)
            {
                foreach (var field in _fields)
                {
                    hash.Add(field);
                }
            }

            if (Parameters is not null)
            {
                foreach (var (key, value) in Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    hash.Add(key);
                    hash.Add(value);
                }
            }

            var computed = hash.ToHashCode();
            _hashCode = computed == 0 ? 1 : computed;
        }

        return _hashCode;
    }

    /// <inheritdoc />
    public override string ToString() => Name is null ? $"Schema{{{Type}}}" : $"Schema{{{Name}:{Type}}}";

    private static bool IsInstanceOf(Schema schema, object value)
    {
        switch (schema.Name)
        {
            case ConnectDecimal.LogicalName:
                return value is decimal;
            case ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName:
                return value is DateTime;
        }

        return schema.Type switch
        {
            SchemaType.Int8 => value is sbyte,
            SchemaType.Int16 => value is short,
            SchemaType.Int32 => value is int,
            SchemaType.Int64 => value is long,
            SchemaType.Float32 => value is float,
            SchemaType.Float64 => value is double,
            SchemaType.Boolean => value is bool,
            SchemaType.String => value is string,
            SchemaType.Bytes => value is byte[] or ReadOnlyMemory<byte>,
            SchemaType.Array => value is IList,
            SchemaType.Map => value is IDictionary,
            SchemaType.Struct => value is Struct,
            _ => false,
        };
    }

    private static string ExpectedTypeName(Schema schema) => schema.Name switch
    {
        ConnectDecimal.LogicalName => "System.Decimal",
        ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName => "System.DateTime",
        _ => schema.Type switch
        {
            SchemaType.Int8 => "System.SByte",
            SchemaType.Int16 => "System.Int16",
            SchemaType.Int32 => "System.Int32",
            SchemaType.Int64 => "System.Int64",
            SchemaType.Float32 => "System.Single",
            SchemaType.Float64 => "System.Double",
            SchemaType.Boolean => "System.Boolean",
            SchemaType.String => "System.String",
            SchemaType.Bytes => "System.Byte[] or ReadOnlyMemory<byte>",
            SchemaType.Array => "an IList",
            SchemaType.Map => "an IDictionary",
            _ => "Connect.Sdk.Data.Struct",
        },
    };

    private static string Describe(string? fieldName, Schema schema)
    {
        var schemaText = schema.Name is null ? $"schema type {schema.Type}" : $"schema \"{schema.Name}\" with type {schema.Type}";
        return fieldName is null ? schemaText : $"field \"{fieldName}\" ({schemaText})";
    }

    private static string Shorten(object value)
    {
        var text = value.ToString() ?? string.Empty;
        return text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");
    }

    [DoesNotReturn]
    private Field[] ThrowNotAStruct() => throw new DataException($"Cannot list fields on non-struct type {Type}.");

    private static bool ParametersEqual(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var otherValue) || value != otherValue)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FieldsEqual(Field[]? x, Field[]? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!x[i].Equals(y[i]))
            {
                return false;
            }
        }

        return true;
    }
}
