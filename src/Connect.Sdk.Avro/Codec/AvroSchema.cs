using System.Text.Json;

namespace Connect.Sdk.Avro.Codec;

/// <summary>The fourteen Avro 1.11 schema types.</summary>
internal enum AvroType
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}

/// <summary>
/// A parsed Avro schema. Instances are immutable once parsing has finished (records are filled in by the parser so
/// that recursive references can point at them) and can be shared between threads.
/// </summary>
internal abstract class AvroSchema
{
    private static readonly IReadOnlyList<KeyValuePair<string, JsonElement>> NoProperties = [];

    protected AvroSchema(AvroType type, IReadOnlyList<KeyValuePair<string, JsonElement>>? properties)
    {
        Type = type;
        Properties = properties ?? NoProperties;
    }

    /// <summary>The schema type.</summary>
    public AvroType Type { get; }

    /// <summary>Attributes that are not part of the schema's definition (e.g. <c>logicalType</c>, <c>connect.name</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Properties { get; }

    /// <summary>The logical type annotation, or <see langword="null"/> when there is none or it is invalid (the spec says to ignore it then).</summary>
    public LogicalType? LogicalType { get; protected init; }

    /// <summary>Whether this is one of the eight primitive types.</summary>
    public bool IsPrimitive => Type is not (AvroType.Record or AvroType.Enum or AvroType.Array or AvroType.Map or AvroType.Union or AvroType.Fixed);

    /// <summary>The name used for this schema in messages and union branch lookups: the full name of named types, the type name otherwise.</summary>
    public virtual string DisplayName => TypeName(Type);

    /// <summary>Finds a property by name.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>Whether the property exists.</returns>
    public bool TryGetProperty(string name, out JsonElement value)
    {
        foreach (var (key, element) in Properties)
        {
            if (key == name)
            {
                value = element;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>A string property, or <see langword="null"/> when absent or not a string.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The string value.</returns>
    public string? GetStringProperty(string name) =>
        TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The schema's JSON text, with every attribute (the form registered with a Schema Registry).</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => AvroSchemaWriter.ToJson(this);

    /// <summary>The Avro name of a schema type, e.g. <c>int</c> or <c>record</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The lower-case name.</returns>
    public static string TypeName(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses a primitive type name.</summary>
    /// <param name="name">A name such as <c>int</c>.</param>
    /// <param name="type">The type.</param>
    /// <returns>Whether the name is one of the eight primitive type names.</returns>
    public static bool TryParsePrimitive(string name, out AvroType type)
    {
        switch (name)
        {
            case "null": type = AvroType.Null; return true;
            case "boolean": type = AvroType.Boolean; return true;
            case "int": type = AvroType.Int; return true;
            case "long": type = AvroType.Long; return true;
            case "float": type = AvroType.Float; return true;
            case "double": type = AvroType.Double; return true;
            case "bytes": type = AvroType.Bytes; return true;
            case "string": type = AvroType.String; return true;
            default: type = default; return false;
        }
    }
}

/// <summary>One of the eight primitive types, possibly with properties such as a logical type.</summary>
internal sealed class PrimitiveSchema : AvroSchema
{
    private static readonly PrimitiveSchema[] Plain =
    [
        new(AvroType.Null, null),
        new(AvroType.Boolean, null),
        new(AvroType.Int, null),
        new(AvroType.Long, null),
        new(AvroType.Float, null),
        new(AvroType.Double, null),
        new(AvroType.Bytes, null),
        new(AvroType.String, null),
    ];

    public PrimitiveSchema(AvroType type, IReadOnlyList<KeyValuePair<string, JsonElement>>? properties)
        : base(type, properties)
    {
        if (!IsPrimitive)
        {
            throw new ArgumentException($"{type} is not a primitive type.", nameof(type));
        }

        LogicalType = LogicalType.FromProperties(type, 0, Properties);
    }

    /// <summary>The shared instance of a primitive type without properties.</summary>
    /// <param name="type">A primitive type.</param>
    /// <returns>The schema.</returns>
    public static PrimitiveSchema Of(AvroType type) => Plain[(int)type];
}

/// <summary>A record, enum or fixed schema: a type with a full name that later schemas can refer to.</summary>
internal abstract class NamedSchema : AvroSchema
{
    protected NamedSchema(
        AvroType type,
        string name,
        string? space,
        string? doc,
        IReadOnlyList<string>? aliases,
        IReadOnlyList<KeyValuePair<string, JsonElement>>? properties)
        : base(type, properties)
    {
        Name = name;
        Namespace = string.IsNullOrEmpty(space) ? null : space;
        FullName = Namespace is null ? name : Namespace + "." + name;
        Doc = doc;
        Aliases = aliases ?? [];
    }

    /// <summary>The unqualified name.</summary>
    public string Name { get; }

    /// <summary>The namespace, or <see langword="null"/> for the null namespace.</summary>
    public string? Namespace { get; }

    /// <summary>The full name: namespace, a dot and the name.</summary>
    public string FullName { get; }

    /// <summary>The documentation, or <see langword="null"/>.</summary>
    public string? Doc { get; }

    /// <summary>Alternative full names, used when resolving a writer schema against this one.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <inheritdoc />
    public override string DisplayName => FullName;

    /// <summary>Whether a name (full or unqualified) matches this schema's name or one of its aliases, as schema resolution requires.</summary>
    /// <param name="other">The writer's named schema.</param>
    /// <returns>Whether the names match.</returns>
    public bool MatchesName(NamedSchema other)
    {
        if (Name == other.Name || FullName == other.FullName)
        {
            return true;
        }

        foreach (var alias in Aliases)
        {
            if (alias == other.FullName || alias == other.Name)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A record: named, ordered fields.</summary>
internal sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<AvroField> _fields = [];
    private Dictionary<string, AvroField> _fieldsByName = new(StringComparer.Ordinal);

    public RecordSchema(
        string name,
        string? space,
        string? doc,
        IReadOnlyList<string>? aliases,
        IReadOnlyList<KeyValuePair<string, JsonElement>>? properties,
        bool isError = false)
        : base(AvroType.Record, name, space, doc, aliases, properties)
    {
        IsError = isError;
    }

    /// <summary>Whether the schema was declared with type <c>error</c> (a record used in protocols).</summary>
    public bool IsError { get; }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<AvroField> Fields => _fields;

    /// <summary>Finds a field by name.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field or <see langword="null"/>.</returns>
    public AvroField? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    /// <summary>Sets the fields; called once, after the record's name has been registered so that fields can refer to it.</summary>
    /// <param name="fields">The fields, whose positions must be 0..n-1.</param>
    internal void SetFields(IReadOnlyList<AvroField> fields)
    {
        var byName = new Dictionary<string, AvroField>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!byName.TryAdd(field.Name, field))
            {
                throw new AvroSchemaException($"Record '{FullName}' has more than one field named '{field.Name}'.");
            }
        }

        _fields = fields;
        _fieldsByName = byName;
    }
}

/// <summary>The sort order of a record field.</summary>
internal enum AvroFieldOrder
{
    Ascending,
    Descending,
    Ignore,
}

/// <summary>A field of a record schema.</summary>
internal sealed class AvroField
{
    public AvroField(
        string name,
        int position,
        AvroSchema schema,
        string? doc = null,
        JsonElement? defaultValue = null,
        AvroFieldOrder order = AvroFieldOrder.Ascending,
        IReadOnlyList<string>? aliases = null,
        IReadOnlyList<KeyValuePair<string, JsonElement>>? properties = null)
    {
        Name = name;
        Position = position;
        Schema = schema;
        Doc = doc;
        DefaultValue = defaultValue;
        Order = order;
        Aliases = aliases ?? [];
        Properties = properties ?? [];
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The zero-based position in the record.</summary>
    public int Position { get; }

    /// <summary>The field's schema.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The documentation, or <see langword="null"/>.</summary>
    public string? Doc { get; }

    /// <summary>The default as JSON (a JSON <c>null</c> is a real default of null), or <see langword="null"/> when the field has none.</summary>
    public JsonElement? DefaultValue { get; }

    /// <summary>Whether the field has a default value.</summary>
    public bool HasDefault => DefaultValue is not null;

    /// <summary>The sort order.</summary>
    public AvroFieldOrder Order { get; }

    /// <summary>Alternative names, used when resolving a writer schema against this one.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Other attributes of the field, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Properties { get; }
}

/// <summary>An enum: a named set of symbols, written as the symbol's index.</summary>
internal sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _indexes;

    public EnumSchema(
        string name,
        string? space,
        IReadOnlyList<string> symbols,
        string? doc = null,
        IReadOnlyList<string>? aliases = null,
        string? defaultSymbol = null,
        IReadOnlyList<KeyValuePair<string, JsonElement>>? properties = null)
        : base(AvroType.Enum, name, space, doc, aliases, properties)
    {
        Symbols = symbols;
        _indexes = new Dictionary<string, int>(symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            if (!_indexes.TryAdd(symbols[i], i))
            {
                throw new AvroSchemaException($"Enum '{FullName}' has duplicate symbol '{symbols[i]}'.");
            }
        }

        if (defaultSymbol is not null && !_indexes.ContainsKey(defaultSymbol))
        {
            throw new AvroSchemaException($"The default symbol '{defaultSymbol}' of enum '{FullName}' is not one of its symbols.");
        }

        Default = defaultSymbol;
    }

    /// <summary>The symbols in order.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for writer symbols it does not know, or <see langword="null"/>.</summary>
    public string? Default { get; }

    /// <summary>The index of a symbol, or -1.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The zero-based index or -1.</returns>
    public int IndexOf(string symbol) => _indexes.TryGetValue(symbol, out var index) ? index : -1;
}

/// <summary>A fixed: a named type of exactly <see cref="Size"/> bytes.</summary>
internal sealed class FixedSchema : NamedSchema
{
    public FixedSchema(
        string name,
        string? space,
        int size,
        string? doc = null,
        IReadOnlyList<string>? aliases = null,
        IReadOnlyList<KeyValuePair<string, JsonElement>>? properties = null)
        : base(AvroType.Fixed, name, space, doc, aliases, properties)
    {
        if (size < 0)
        {
            throw new AvroSchemaException($"Fixed '{FullName}' has a negative size ({size}).");
        }

        Size = size;
        LogicalType = LogicalType.FromProperties(AvroType.Fixed, size, Properties);
    }

    /// <summary>The number of bytes of every value.</summary>
    public int Size { get; }

}

/// <summary>An array of items of one schema.</summary>
internal sealed class ArraySchema : AvroSchema
{
    public ArraySchema(AvroSchema items, IReadOnlyList<KeyValuePair<string, JsonElement>>? properties = null)
        : base(AvroType.Array, properties)
    {
        Items = items;
    }

    /// <summary>The schema of the items.</summary>
    public AvroSchema Items { get; }
}

/// <summary>A map from strings to values of one schema.</summary>
internal sealed class MapSchema : AvroSchema
{
    public MapSchema(AvroSchema values, IReadOnlyList<KeyValuePair<string, JsonElement>>? properties = null)
        : base(AvroType.Map, properties)
    {
        Values = values;
    }

    /// <summary>The schema of the values.</summary>
    public AvroSchema Values { get; }
}

/// <summary>A union of branches, written as the branch index followed by the value.</summary>
internal sealed class UnionSchema : AvroSchema
{
    public UnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union, null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            if (branch.Type == AvroType.Union)
            {
                throw new AvroSchemaException("Unions may not immediately contain other unions.");
            }

            if (!seen.Add(branch.DisplayName))
            {
                throw new AvroSchemaException($"Unions may not contain more than one schema of the same type or name; '{branch.DisplayName}' is repeated.");
            }
        }

        Branches = branches;
        NullIndex = -1;
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].Type == AvroType.Null)
            {
                NullIndex = i;
                break;
            }
        }
    }

    /// <summary>The branches in order.</summary>
    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>The index of the <c>null</c> branch, or -1.</summary>
    public int NullIndex { get; }

    /// <summary>For a two-branch union with <c>null</c> (an optional value), the other branch; otherwise <see langword="null"/>.</summary>
    public AvroSchema? OptionalBranch => Branches.Count == 2 && NullIndex >= 0 ? Branches[1 - NullIndex] : null;
}
