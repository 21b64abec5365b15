using System.Collections;
using System.Globalization;
using System.Reflection;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;

namespace Connect.Sdk.Testing.Records;

/// <summary>
/// Turns plain .NET values into Connect data with a schema, so tests can build records without writing schemas:
/// anonymous objects, dictionaries with string keys and other objects with public properties become a
/// <see cref="Struct"/> with an inferred struct schema; primitives get the matching schema.
/// </summary>
/// <remarks>
/// <para>The rules, in order:</para>
/// <list type="bullet">
/// <item><see langword="null"/> has no schema (a tombstone when it is a value).</item>
/// <item>A <see cref="Struct"/> keeps its own schema; a <see cref="SchemaAndValue"/> is taken as it is.</item>
/// <item><see cref="sbyte"/>, <see cref="short"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="string"/> and <see cref="T:byte[]"/> get INT8 … BYTES;
/// <see cref="byte"/>, <see cref="ushort"/> and <see cref="uint"/> widen to the next signed type.</item>
/// <item><see cref="decimal"/> gets the Decimal logical type with the value's scale; <see cref="DateTime"/> and
/// <see cref="DateTimeOffset"/> get Timestamp, <see cref="DateOnly"/> gets Date and <see cref="TimeOnly"/> gets Time
/// (values become the <see cref="DateTime"/> those logical types hold).</item>
/// <item><see cref="Guid"/>, enums and <see cref="char"/> become strings.</item>
/// <item>A dictionary with string keys and any other object with public properties becomes a struct whose fields are
/// the entries or properties in order; a dictionary with other keys becomes a map.</item>
/// <item>Any other sequence becomes an array whose element schema is inferred from its elements.</item>
/// </list>
/// <para>A field is optional when its value is <see langword="null"/> or its declared type is <see cref="Nullable{T}"/>;
/// a <see langword="null"/> field whose type cannot be known (a dictionary entry, an <see cref="object"/> property)
/// gets an optional string schema. For anything else, pass an explicit schema.</para>
/// </remarks>
public abstract class RecordBuilder
{
    private protected RecordBuilder()
    {
    }

    /// <summary>Infers a schema for a value and converts the value to its Connect form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The schema and converted value; <see cref="SchemaAndValue.Null"/> for <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">No schema can be inferred (see the class remarks).</exception>
    public static SchemaAndValue Infer(object? value) => value switch
    {
        null => SchemaAndValue.Null,
        SchemaAndValue given => given,
        _ => InferValue(value, value.GetType(), "value"),
    };

    /// <summary>Infers the schema of a value; see <see cref="Infer"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The schema, or <see langword="null"/> for a <see langword="null"/> value.</returns>
    /// <exception cref="ArgumentException">No schema can be inferred.</exception>
    public static Schema? InferSchema(object? value) => Infer(value).Schema;

    /// <summary>Builds a <see cref="Struct"/> from an anonymous object, a dictionary with string keys or an object with
    /// public properties, with an inferred schema.</summary>
    /// <param name="value">The object.</param>
    /// <returns>The struct.</returns>
    /// <exception cref="ArgumentException">The value does not become a struct.</exception>
    public static Struct ToStruct(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Infer(value).Value as Struct
            ?? throw new ArgumentException($"A {value.GetType()} does not become a struct; pass an anonymous object, a dictionary with string keys or an object with properties.", nameof(value));
    }

    private static SchemaAndValue InferValue(object value, Type declared, string path)
    {
        var optional = Nullable.GetUnderlyingType(declared) is not null;
        switch (value)
        {
            case Struct s:
                return new SchemaAndValue(s.Schema, s);
            case sbyte: return Primitive(SchemaType.Int8, value, optional);
            case short: return Primitive(SchemaType.Int16, value, optional);
            case int: return Primitive(SchemaType.Int32, value, optional);
            case long: return Primitive(SchemaType.Int64, value, optional);
            case float: return Primitive(SchemaType.Float32, value, optional);
            case double: return Primitive(SchemaType.Float64, value, optional);
            case bool: return Primitive(SchemaType.Boolean, value, optional);
            case string: return Primitive(SchemaType.String, value, optional);
            case byte[]: return Primitive(SchemaType.Bytes, value, optional);
            case ReadOnlyMemory<byte> memory: return Primitive(SchemaType.Bytes, memory.ToArray(), optional);
            case byte b: return Primitive(SchemaType.Int16, (short)b, optional);
            case ushort u: return Primitive(SchemaType.Int32, (int)u, optional);
            case uint u: return Primitive(SchemaType.Int64, (long)u, optional);
            case char c: return Primitive(SchemaType.String, c.ToString(), optional);
            case Guid g: return Primitive(SchemaType.String, g.ToString(), optional);
            case Enum e: return Primitive(SchemaType.String, e.ToString(), optional);
            case decimal d:
                return new SchemaAndValue(Optional(ConnectDecimal.Builder(d.Scale), optional), d);
            case DateTime dt:
                return new SchemaAndValue(optional ? ConnectTimestamp.OptionalSchema : ConnectTimestamp.Schema, dt);
            case DateTimeOffset dto:
                return new SchemaAndValue(optional ? ConnectTimestamp.OptionalSchema : ConnectTimestamp.Schema, dto.UtcDateTime);
            case DateOnly date:
                return new SchemaAndValue(optional ? ConnectDate.OptionalSchema : ConnectDate.Schema, date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            case TimeOnly time:
                return new SchemaAndValue(optional ? ConnectTime.OptionalSchema : ConnectTime.Schema, DateTime.UnixEpoch.Add(time.ToTimeSpan()));
            case ulong or nint or nuint:
                throw new ArgumentException($"Cannot infer a schema for {path}: {value.GetType()} has no Connect type; convert it or pass a schema.");
            case IDictionary dictionary:
                return IsStringKeyed(dictionary) ? InferStructFromDictionary(dictionary, path, optional) : InferMap(dictionary, path, optional);
            case IEnumerable sequence:
                return InferArray(sequence, value.GetType(), path, optional);
            default:
                return InferStructFromProperties(value, path, optional);
        }
    }

    private static SchemaAndValue Primitive(SchemaType type, object value, bool optional) =>
        new(Schema.ForType(type, optional), value);

    private static Schema Optional(SchemaBuilder builder, bool optional) => (optional ? builder.Optional() : builder).Build();

    private static bool IsStringKeyed(IDictionary dictionary)
    {
        var keyType = dictionary.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault();
        return keyType is not null ? keyType == typeof(string) : dictionary.Keys.Cast<object>().All(k => k is string);
    }

    private static SchemaAndValue InferStructFromDictionary(IDictionary dictionary, string path, bool optional)
    {
        var fields = new List<(string Name, SchemaAndValue Field)>();
        foreach (DictionaryEntry entry in dictionary)
        {
            var name = (string)entry.Key;
            fields.Add((name, InferField(entry.Value, typeof(object), $"{path}.{name}")));
        }

        return BuildStruct(fields, optional);
    }

    private static SchemaAndValue InferStructFromProperties(object value, string path, bool optional)
    {
        var properties = value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        if (properties.Count == 0)
        {
            throw new ArgumentException($"Cannot infer a schema for {path}: {value.GetType()} has no public properties; pass a schema.");
        }

        var fields = properties
            .Select(p => (p.Name, InferField(p.GetValue(value), p.PropertyType, $"{path}.{p.Name}")))
            .ToList();
        return BuildStruct(fields, optional);
    }

    private static SchemaAndValue InferField(object? value, Type declared, string path)
    {
        if (value is not null)
        {
            return InferValue(value, declared, path);
        }

        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var schema = SchemaForType(type) ?? Schema.OptionalString;
        return new SchemaAndValue(schema, null);
    }

    // The optional schema for a declared type when the value is null, or null when the type says nothing useful.
    private static Schema? SchemaForType(Type type)
    {
        if (type == typeof(decimal) || type == typeof(object))
        {
            return null;
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return ConnectTimestamp.OptionalSchema;
        }

        if (type == typeof(DateOnly))
        {
            return ConnectDate.OptionalSchema;
        }

        if (type == typeof(TimeOnly))
        {
            return ConnectTime.OptionalSchema;
        }

        if (type == typeof(Guid) || type == typeof(char) || type.IsEnum)
        {
            return Schema.OptionalString;
        }

        if (type == typeof(byte))
        {
            return Schema.OptionalInt16;
        }

        if (type == typeof(ushort))
        {
            return Schema.OptionalInt32;
        }

        if (type == typeof(uint))
        {
            return Schema.OptionalInt64;
        }

        return Data.Schema.SchemaTypeFor(type) is { } schemaType && schemaType.IsPrimitive() ? Schema.ForType(schemaType, optional: true) : null;
    }

    private static SchemaAndValue BuildStruct(List<(string Name, SchemaAndValue Field)> fields, bool optional)
    {
        var builder = SchemaBuilder.Struct();
        foreach (var (name, field) in fields)
        {
            builder.Field(name, field.Schema!);
        }

        if (optional)
        {
            builder.Optional();
        }

        var schema = builder.Build();
        var result = new Struct(schema);
        foreach (var (name, field) in fields)
        {
            result.Put(name, field.Value);
        }

        return new SchemaAndValue(schema, result);
    }

    private static SchemaAndValue InferMap(IDictionary dictionary, string path, bool optional)
    {
        var keys = new List<SchemaAndValue>();
        var values = new List<SchemaAndValue>();
        foreach (DictionaryEntry entry in dictionary)
        {
            keys.Add(InferValue(entry.Key, entry.Key.GetType(), $"{path} key"));
            values.Add(InferField(entry.Value, typeof(object), $"{path}[{entry.Key}]"));
        }

        if (keys.Count == 0)
        {
            throw new ArgumentException($"Cannot infer a schema for {path}: the map is empty; pass a schema.");
        }

        var keySchema = Common(keys, $"{path} keys");
        var valueSchema = Common(values, $"{path} values");
        var map = new Dictionary<object, object?>();
        for (var i = 0; i < keys.Count; i++)
        {
            map[keys[i].Value!] = values[i].Value;
        }

        return new SchemaAndValue(Optional(SchemaBuilder.Map(keySchema, valueSchema), optional), map);
    }

    private static SchemaAndValue InferArray(IEnumerable sequence, Type type, string path, bool optional)
    {
        var elementType = type.IsArray
            ? type.GetElementType()!
            : type.GetInterfaces().Append(type)
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .Select(i => i.GetGenericArguments()[0])
                .FirstOrDefault() ?? typeof(object);
        var elements = new List<SchemaAndValue>();
        var index = 0;
        foreach (var element in sequence)
        {
            elements.Add(InferField(element, elementType, $"{path}[{index++}]"));
        }

        Schema elementSchema;
        if (elements.Count == 0)
        {
            elementSchema = SchemaForType(Nullable.GetUnderlyingType(elementType) ?? elementType) is { } known
                ? Nullable.GetUnderlyingType(elementType) is null && elementType.IsValueType ? Schema.ForType(known.Type) : known
                : throw new ArgumentException($"Cannot infer a schema for {path}: the array is empty and its element type {elementType} says nothing; pass a schema.");
        }
        else
        {
            elementSchema = Common(elements, $"{path} elements");
        }

        var list = elements.Select(e => e.Value).ToList();
        return new SchemaAndValue(Optional(SchemaBuilder.Array(elementSchema), optional), list);
    }

    // The one schema all inferred values share; a null among them makes it optional.
    private static Schema Common(List<SchemaAndValue> values, string path)
    {
        var nonNull = values.Where(v => v.Value is not null).Select(v => v.Schema!).Distinct().ToList();
        var anyNull = values.Any(v => v.Value is null);
        if (nonNull.Count == 0)
        {
            return values[0].Schema!;
        }

        var required = nonNull.Select(s => s.IsOptional ? WithOptional(s, false) : s).Distinct().ToList();
        if (required.Count > 1)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Cannot infer one schema for {path}: they have different schemas ({string.Join(", ", required)}); pass a schema."));
        }

        var optional = anyNull || nonNull.Any(s => s.IsOptional);
        return optional ? WithOptional(required[0], true) : required[0];
    }

    private static Schema WithOptional(Schema schema, bool optional)
    {
        if (schema.IsOptional == optional)
        {
            return schema;
        }

        var builder = SchemaBuilder.CopyBasics(schema);
        if (schema.Type == SchemaType.Struct)
        {
            foreach (var field in schema.Fields)
            {
                builder.Field(field.Name, field.Schema);
            }
        }

        return (optional ? builder.Optional() : builder.Required()).Build();
    }

    /// <summary>Adds a header with an inferred schema to a header collection.</summary>
    /// <param name="headers">The headers.</param>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    private protected static void AddInferredHeader(Headers headers, string key, object? value)
    {
        var inferred = Infer(value);
        headers.Add(new Header(key, inferred.Schema, inferred.Value));
    }
}
