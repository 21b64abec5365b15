using Connect.Sdk.Errors;

namespace Connect.Sdk.Data;

/// <summary>
/// Builds immutable <see cref="Schema"/> instances fluently:
/// <c>SchemaBuilder.Struct().Name("com.acme.Order").Field("id", Schema.Int64).Build()</c>.
/// </summary>
/// <remarks>
/// Each property can be set once; setting it again, adding fields to a non-struct schema, or a default value that does
/// not match the schema throws <see cref="SchemaBuilderException"/>.
/// </remarks>
public sealed class SchemaBuilder
{
    private readonly List<Field>? _fields;
    private readonly Schema? _keySchema;
    private readonly Schema? _valueSchema;
    private bool? _optional;
    private object? _defaultValue;
    private bool _defaultValueSet;
    private string? _name;
    private int? _version;
    private string? _doc;
    private Dictionary<string, string>? _parameters;

    private SchemaBuilder(SchemaType type, Schema? keySchema = null, Schema? valueSchema = null)
    {
        Type = type;
        _keySchema = keySchema;
        _valueSchema = valueSchema;
        if (type == SchemaType.Struct)
        {
            _fields = [];
        }
    }

    /// <summary>The type of the schema being built.</summary>
    public SchemaType Type { get; }

    /// <summary>The fields added so far (struct builders only; empty for others).</summary>
    public IReadOnlyList<Field> Fields => (IReadOnlyList<Field>?)_fields ?? [];

    /// <summary>Starts a schema of the given type. Use <see cref="Array"/> and <see cref="Map"/> for those types.</summary>
    /// <param name="type">A primitive type or <see cref="SchemaType.Struct"/>.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="SchemaBuilderException"><paramref name="type"/> is Array or Map, which need element schemas.</exception>
    public static SchemaBuilder OfType(SchemaType type) => type switch
    {
        SchemaType.Array or SchemaType.Map => throw new SchemaBuilderException(
            $"Use SchemaBuilder.{type}(...) to build a {type} schema; it needs the schema of its elements."),
        _ => new SchemaBuilder(type),
    };

    /// <summary>Starts an 8-bit integer schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Int8() => new(SchemaType.Int8);

    /// <summary>Starts a 16-bit integer schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Int16() => new(SchemaType.Int16);

    /// <summary>Starts a 32-bit integer schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Int32() => new(SchemaType.Int32);

    /// <summary>Starts a 64-bit integer schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Int64() => new(SchemaType.Int64);

    /// <summary>Starts a 32-bit floating point schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Float32() => new(SchemaType.Float32);

    /// <summary>Starts a 64-bit floating point schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Float64() => new(SchemaType.Float64);

    /// <summary>Starts a boolean schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Boolean() => new(SchemaType.Boolean);

    /// <summary>Starts a string schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder String() => new(SchemaType.String);

    /// <summary>Starts a bytes schema.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Bytes() => new(SchemaType.Bytes);

    /// <summary>Starts a struct schema; add fields with <see cref="Field(string, Schema)"/>.</summary>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder Struct() => new(SchemaType.Struct);

    /// <summary>Starts an array schema.</summary>
    /// <param name="valueSchema">The schema of the elements.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="SchemaBuilderException"><paramref name="valueSchema"/> is null.</exception>
    public static SchemaBuilder Array(Schema valueSchema)
    {
        if (valueSchema is null)
        {
            throw new SchemaBuilderException("valueSchema cannot be null.");
        }

        return new SchemaBuilder(SchemaType.Array, valueSchema: valueSchema);
    }

    /// <summary>Starts a map schema.</summary>
    /// <param name="keySchema">The schema of the keys.</param>
    /// <param name="valueSchema">The schema of the values.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="SchemaBuilderException">A schema is null.</exception>
    public static SchemaBuilder Map(Schema keySchema, Schema valueSchema)
    {
        if (keySchema is null)
        {
            throw new SchemaBuilderException("keySchema cannot be null.");
        }

        if (valueSchema is null)
        {
            throw new SchemaBuilderException("valueSchema cannot be null.");
        }

        return new SchemaBuilder(SchemaType.Map, keySchema, valueSchema);
    }

    /// <summary>Starts a builder with the type, name, version, doc and parameters of an existing schema (not its
    /// optionality, default or fields), the usual start for a transform that derives a schema.</summary>
    /// <param name="source">The schema to copy from.</param>
    /// <returns>A new builder.</returns>
    public static SchemaBuilder CopyBasics(Schema source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = source.Type switch
        {
            SchemaType.Array => Array(source.ValueSchema),
            SchemaType.Map => Map(source.KeySchema, source.ValueSchema),
            _ => new SchemaBuilder(source.Type),
        };
        builder._name = source.Name;
        builder._version = source.Version;
        builder._doc = source.Doc;
        if (source.Parameters is not null)
        {
            builder._parameters = new Dictionary<string, string>(source.Parameters, StringComparer.Ordinal);
        }

        return builder;
    }

    /// <summary>Makes the schema optional, so <see langword="null"/> is a valid value.</summary>
    /// <returns>This builder.</returns>
    public SchemaBuilder Optional()
    {
        CheckCanSet("optional", _optional is not null);
        _optional = true;
        return this;
    }

    /// <summary>Makes the schema required. This is the default.</summary>
    /// <returns>This builder.</returns>
    public SchemaBuilder Required()
    {
        CheckCanSet("optional", _optional is not null);
        _optional = false;
        return this;
    }

    /// <summary>Sets the default value, validated against the schema built so far.</summary>
    /// <param name="value">The default value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="SchemaBuilderException">The default is already set or does not match the schema.</exception>
    public SchemaBuilder DefaultValue(object? value)
    {
        CheckCanSet("default", _defaultValueSet);
        try
        {
            ValidateDefault(value);
        }
        catch (DataException e)
        {
            throw new SchemaBuilderException($"Invalid default value: {e.Message}", e);
        }

        _defaultValue = value;
        _defaultValueSet = true;
        return this;
    }

    /// <summary>Sets the fully-qualified schema name, e.g. <c>com.acme.twitter.StatusKey</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Name(string name)
    {
        CheckCanSet("name", _name is not null);
        _name = name;
        return this;
    }

    /// <summary>Sets the schema version.</summary>
    /// <param name="version">The version.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Version(int version)
    {
        CheckCanSet("version", _version is not null);
        _version = version;
        return this;
    }

    /// <summary>Sets the documentation of the schema.</summary>
    /// <param name="doc">The documentation.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Doc(string doc)
    {
        CheckCanSet("doc", _doc is not null);
        _doc = doc;
        return this;
    }

    /// <summary>Adds a schema parameter, such as a Decimal's scale.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The parameter value.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Parameter(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _parameters ??= new Dictionary<string, string>(StringComparer.Ordinal);
        _parameters[name] = value;
        return this;
    }

    /// <summary>Adds schema parameters. An empty set still marks the schema as having parameters, as in Kafka Connect.</summary>
    /// <param name="parameters">The parameters to add.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Parameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            _parameters[key] = value;
        }

        return this;
    }

    /// <summary>Adds a field to a struct schema.</summary>
    /// <param name="name">The field name, unique within the struct.</param>
    /// <param name="schema">The field's schema.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="SchemaBuilderException">This is not a struct builder, the name is null or already used, or the schema is null.</exception>
    public SchemaBuilder Field(string name, Schema schema)
    {
        if (_fields is null)
        {
            throw new SchemaBuilderException($"Cannot create fields on type {Type}.");
        }

        if (name is null)
        {
            throw new SchemaBuilderException("fieldName cannot be null.");
        }

        if (schema is null)
        {
            throw new SchemaBuilderException($"fieldSchema for field {name} cannot be null.");
        }

        if (_fields.Exists(f => f.Name == name))
        {
            throw new SchemaBuilderException($"Cannot create field because of field name duplication {name}.");
        }

        _fields.Add(new Field(name, _fields.Count, schema));
        return this;
    }

    /// <summary>Adds a field whose schema is still a builder; it is built now.</summary>
    /// <param name="name">The field name, unique within the struct.</param>
    /// <param name="schema">The builder of the field's schema.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Field(string name, SchemaBuilder schema)
    {
        if (schema is null)
        {
            throw new SchemaBuilderException($"fieldSchema for field {name} cannot be null.");
        }

        return Field(name, schema.Build());
    }

    /// <summary>Builds the immutable schema. The builder can be built again; each call returns an equal schema.</summary>
    /// <returns>The schema.</returns>
    public Schema Build() => new(
        Type,
        _optional ?? false,
        _defaultValue,
        _name,
        _version,
        _doc,
        _parameters is null ? null : new Dictionary<string, string>(_parameters, StringComparer.Ordinal),
        _fields?.ToArray(),
        _keySchema,
        _valueSchema);

    /// <inheritdoc />
    public override string ToString() => _name is null ? $"SchemaBuilder{{{Type}}}" : $"SchemaBuilder{{{_name}:{Type}}}";

    private void ValidateDefault(object? value)
    {
        if (value is null)
        {
            return;
        }

        if (value is Struct structValue && _fields is not null)
        {
            // A struct default cannot carry the final schema (which contains the default), so compare the fields.
            if (!structValue.Schema.Fields.SequenceEqual(_fields))
            {
                throw new DataException("the struct's fields do not match the fields of the schema being built.");
            }

            structValue.Validate();
            return;
        }

        Schema.ValidateValue(null, BuildWithoutDefault(), value);
    }

    private Schema BuildWithoutDefault() => new(
        Type,
        _optional ?? false,
        null,
        _name,
        _version,
        _doc,
        _parameters,
        _fields?.ToArray(),
        _keySchema,
        _valueSchema);

    private static void CheckCanSet(string property, bool alreadySet)
    {
        if (alreadySet)
        {
            throw new SchemaBuilderException($"Invalid SchemaBuilder call: {property} has already been set.");
        }
    }
}
