using System.Globalization;
using System.Text.Json;

namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// Parses Avro schema JSON (Avro 1.11): primitive names, the object forms of every type, unions as arrays, named types
/// with namespaces, references to named types defined earlier in the same text, and the attributes each type allows.
/// Unknown attributes are kept as properties (that is where logical types and <c>connect.*</c> annotations live).
/// </summary>
internal static class AvroSchemaParser
{
    private static readonly HashSet<string> PrimitiveReserved = new(StringComparer.Ordinal) { "type" };
    private static readonly HashSet<string> RecordReserved = new(StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "fields" };
    private static readonly HashSet<string> EnumReserved = new(StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "symbols", "default" };
    private static readonly HashSet<string> FixedReserved = new(StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "size" };
    private static readonly HashSet<string> ArrayReserved = new(StringComparer.Ordinal) { "type", "items" };
    private static readonly HashSet<string> MapReserved = new(StringComparer.Ordinal) { "type", "values" };
    private static readonly HashSet<string> FieldReserved = new(StringComparer.Ordinal) { "name", "type", "doc", "default", "order", "aliases" };

    /// <summary>Parses schema text.</summary>
    /// <param name="json">The schema JSON.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="AvroSchemaException">The text is not valid JSON or not a valid schema; the message says why.</exception>
    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException($"Schema is not valid JSON: {e.Message}", e);
        }

        return Parse(root);
    }

    /// <summary>Parses a schema from a JSON element.</summary>
    /// <param name="root">The schema JSON.</param>
    /// <returns>The schema.</returns>
    public static AvroSchema Parse(JsonElement root) => new Context().ParseSchema(root, null);

    /// <summary>Whether a name is a valid Avro name: a letter or underscore, then letters, digits or underscores.</summary>
    /// <param name="name">The name (one component, no dots).</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a possibly dotted name into namespace and name, validating both.</summary>
    /// <param name="name">The name attribute.</param>
    /// <param name="space">The namespace attribute or the enclosing namespace.</param>
    /// <returns>The namespace (or null) and the unqualified name.</returns>
    internal static (string? Space, string Name) SplitName(string name, string? space)
    {
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            space = name[..dot];
            name = name[(dot + 1)..];
        }

        if (!IsValidName(name))
        {
            throw new AvroSchemaException($"Invalid name '{name}': names start with a letter or underscore and contain only letters, digits and underscores.");
        }

        if (!string.IsNullOrEmpty(space))
        {
            foreach (var part in space.Split('.'))
            {
                if (!IsValidName(part))
                {
                    throw new AvroSchemaException($"Invalid namespace '{space}': each dot-separated part must be a valid name.");
                }
            }
        }

        return (string.IsNullOrEmpty(space) ? null : space, name);
    }

    private sealed class Context
    {
        private readonly Dictionary<string, NamedSchema> _names = new(StringComparer.Ordinal);

        public AvroSchema ParseSchema(JsonElement json, string? enclosingSpace)
        {
            switch (json.ValueKind)
            {
                case JsonValueKind.String:
                    return Resolve(json.GetString()!, enclosingSpace);
                case JsonValueKind.Array:
                    var branches = new List<AvroSchema>(json.GetArrayLength());
                    foreach (var branch in json.EnumerateArray())
                    {
                        branches.Add(ParseSchema(branch, enclosingSpace));
                    }

                    return new UnionSchema(branches);
                case JsonValueKind.Object:
                    return ParseObject(json, enclosingSpace);
                default:
                    throw new AvroSchemaException($"A schema must be a JSON string, object or array, not {json.ValueKind}: {Shorten(json)}.");
            }
        }

        private AvroSchema Resolve(string name, string? enclosingSpace)
        {
            if (AvroSchema.TryParsePrimitive(name, out var primitive))
            {
                return PrimitiveSchema.Of(primitive);
            }

            if (!name.Contains('.', StringComparison.Ordinal) && enclosingSpace is not null
                && _names.TryGetValue(enclosingSpace + "." + name, out var qualified))
            {
                return qualified;
            }

            if (_names.TryGetValue(name, out var named))
            {
                return named;
            }

            throw new AvroSchemaException(
                $"Unknown type '{name}': it is neither a primitive type nor a named type defined earlier in the schema.");
        }

        private AvroSchema ParseObject(JsonElement json, string? enclosingSpace)
        {
            if (!json.TryGetProperty("type", out var typeElement))
            {
                throw new AvroSchemaException($"Schema object has no 'type': {Shorten(json)}.");
            }

            if (typeElement.ValueKind != JsonValueKind.String)
            {
                // Some writers nest the schema: {"type": {"type": "array", ...}}.
                return ParseSchema(typeElement, enclosingSpace);
            }

            var type = typeElement.GetString()!;
            if (AvroSchema.TryParsePrimitive(type, out var primitive))
            {
                var properties = Properties(json, PrimitiveReserved);
                return properties.Count == 0 ? PrimitiveSchema.Of(primitive) : new PrimitiveSchema(primitive, properties);
            }

            switch (type)
            {
                case "record":
                case "error":
                    return ParseRecord(json, enclosingSpace, type == "error");
                case "enum":
                    return ParseEnum(json, enclosingSpace);
                case "fixed":
                    return ParseFixed(json, enclosingSpace);
                case "array":
                    if (!json.TryGetProperty("items", out var items))
                    {
                        throw new AvroSchemaException("Array schema has no 'items'.");
                    }

                    return new ArraySchema(ParseSchema(items, enclosingSpace), Properties(json, ArrayReserved));
                case "map":
                    if (!json.TryGetProperty("values", out var values))
                    {
                        throw new AvroSchemaException("Map schema has no 'values'.");
                    }

                    return new MapSchema(ParseSchema(values, enclosingSpace), Properties(json, MapReserved));
                default:
                    // {"type": "com.acme.Named"} refers to a named type defined earlier.
                    return Resolve(type, enclosingSpace);
            }
        }

        private RecordSchema ParseRecord(JsonElement json, string? enclosingSpace, bool isError)
        {
            var (space, name) = NameOf(json, enclosingSpace, "record");
            var record = new RecordSchema(
                name, space, OptionalString(json, "doc"), Aliases(json, space), Properties(json, RecordReserved), isError);
            Define(record);
            if (!json.TryGetProperty("fields", out var fieldsElement) || fieldsElement.ValueKind != JsonValueKind.Array)
            {
                throw new AvroSchemaException($"Record '{record.FullName}' has no 'fields' array.");
            }

            var fields = new List<AvroField>(fieldsElement.GetArrayLength());
            foreach (var fieldElement in fieldsElement.EnumerateArray())
            {
                if (fieldElement.ValueKind != JsonValueKind.Object)
                {
                    throw new AvroSchemaException($"A field of record '{record.FullName}' is not a JSON object: {Shorten(fieldElement)}.");
                }

                var fieldName = OptionalString(fieldElement, "name")
                    ?? throw new AvroSchemaException($"A field of record '{record.FullName}' has no 'name'.");
                if (!IsValidName(fieldName))
                {
                    throw new AvroSchemaException($"Invalid field name '{fieldName}' in record '{record.FullName}'.");
                }

                if (!fieldElement.TryGetProperty("type", out var fieldType))
                {
                    throw new AvroSchemaException($"Field '{fieldName}' of record '{record.FullName}' has no 'type'.");
                }

                AvroSchema fieldSchema;
                try
                {
                    fieldSchema = ParseSchema(fieldType, space);
                }
                catch (AvroSchemaException e)
                {
                    throw new AvroSchemaException($"Field '{fieldName}' of record '{record.FullName}': {e.Message}", e);
                }

                JsonElement? defaultValue = fieldElement.TryGetProperty("default", out var d) ? d : null;
                var order = OptionalString(fieldElement, "order") switch
                {
                    null or "ascending" => AvroFieldOrder.Ascending,
                    "descending" => AvroFieldOrder.Descending,
                    "ignore" => AvroFieldOrder.Ignore,
                    var other => throw new AvroSchemaException($"Field '{fieldName}' has an invalid order '{other}'."),
                };
                fields.Add(new AvroField(
                    fieldName,
                    fields.Count,
                    fieldSchema,
                    OptionalString(fieldElement, "doc"),
                    defaultValue,
                    order,
                    StringArray(fieldElement, "aliases"),
                    Properties(fieldElement, FieldReserved)));
            }

            record.SetFields(fields);
            return record;
        }

        private EnumSchema ParseEnum(JsonElement json, string? enclosingSpace)
        {
            var (space, name) = NameOf(json, enclosingSpace, "enum");
            var symbols = StringArray(json, "symbols")
                ?? throw new AvroSchemaException($"Enum '{name}' has no 'symbols' array.");
            foreach (var symbol in symbols)
            {
                if (!IsValidName(symbol))
                {
                    throw new AvroSchemaException($"Enum '{name}' has an invalid symbol '{symbol}'.");
                }
            }

            var schema = new EnumSchema(
                name, space, symbols, OptionalString(json, "doc"), Aliases(json, space), OptionalString(json, "default"), Properties(json, EnumReserved));
            Define(schema);
            return schema;
        }

        private FixedSchema ParseFixed(JsonElement json, string? enclosingSpace)
        {
            var (space, name) = NameOf(json, enclosingSpace, "fixed");
            if (!json.TryGetProperty("size", out var sizeElement) || !TryGetSize(sizeElement, out var size))
            {
                throw new AvroSchemaException($"Fixed '{name}' needs a non-negative integer 'size'.");
            }

            var schema = new FixedSchema(name, space, size, OptionalString(json, "doc"), Aliases(json, space), Properties(json, FixedReserved));
            Define(schema);
            return schema;
        }

        private static bool TryGetSize(JsonElement element, out int size)
        {
            size = 0;
            return element.ValueKind switch
            {
                JsonValueKind.Number => element.TryGetInt32(out size) && size >= 0,
                // Some writers quote the size; the canonical form rules mention dropping such quotes.
                JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out size),
                _ => false,
            };
        }

        private static (string? Space, string Name) NameOf(JsonElement json, string? enclosingSpace, string kind)
        {
            var name = OptionalString(json, "name") ?? throw new AvroSchemaException($"A {kind} schema has no 'name'.");
            var space = json.TryGetProperty("namespace", out var ns)
                ? ns.ValueKind switch
                {
                    JsonValueKind.String => ns.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new AvroSchemaException($"The namespace of {kind} '{name}' must be a string."),
                }
                : enclosingSpace;
            return SplitName(name, space);
        }

        private void Define(NamedSchema schema)
        {
            if (AvroSchema.TryParsePrimitive(schema.Name, out _) && schema.Namespace is null)
            {
                throw new AvroSchemaException($"A named type cannot be called '{schema.Name}', the name of a primitive type.");
            }

            if (!_names.TryAdd(schema.FullName, schema))
            {
                throw new AvroSchemaException($"The type '{schema.FullName}' is defined more than once.");
            }
        }

        private static List<string>? Aliases(JsonElement json, string? space)
        {
            var aliases = StringArray(json, "aliases");
            if (aliases is null)
            {
                return null;
            }

            for (var i = 0; i < aliases.Count; i++)
            {
                var (aliasSpace, aliasName) = SplitName(aliases[i], space);
                aliases[i] = aliasSpace is null ? aliasName : aliasSpace + "." + aliasName;
            }

            return aliases;
        }

        private static List<string>? StringArray(JsonElement json, string property)
        {
            if (!json.TryGetProperty(property, out var element))
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                throw new AvroSchemaException($"'{property}' must be a JSON array of strings.");
            }

            var result = new List<string>(element.GetArrayLength());
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new AvroSchemaException($"'{property}' must be a JSON array of strings.");
                }

                result.Add(item.GetString()!);
            }

            return result;
        }

        private static string? OptionalString(JsonElement json, string property)
        {
            if (!json.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return element.ValueKind == JsonValueKind.String
                ? element.GetString()
                : throw new AvroSchemaException($"'{property}' must be a string, not {element.ValueKind}.");
        }

        private static List<KeyValuePair<string, JsonElement>> Properties(JsonElement json, HashSet<string> reserved)
        {
            var result = new List<KeyValuePair<string, JsonElement>>();
            foreach (var property in json.EnumerateObject())
            {
                if (!reserved.Contains(property.Name))
                {
                    result.Add(new KeyValuePair<string, JsonElement>(property.Name, property.Value));
                }
            }

            return result;
        }

        private static string Shorten(JsonElement json)
        {
            var text = json.GetRawText();
            return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
        }
    }
}
