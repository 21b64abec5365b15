using System.Collections;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>
/// The checks transforms make on the shape of a key or value, with Kafka's messages
/// (<c>Only Struct objects supported for [purpose], found: type</c>).
/// </summary>
internal static class Requirements
{
    public static void RequireSchema(Schema? schema, string purpose)
    {
        if (schema is null)
        {
            throw new DataException($"Schema required for [{purpose}]");
        }
    }

    public static IDictionary RequireMap(object? value, string purpose) =>
        value as IDictionary
        ?? throw new DataException($"Only Map objects supported in absence of schema for [{purpose}], found: {TypeName(value)}");

    public static IDictionary? RequireMapOrNull(object? value, string purpose) =>
        value is null ? null : RequireMap(value, purpose);

    public static Struct RequireStruct(object? value, string purpose) =>
        value as Struct
        ?? throw new DataException($"Only Struct objects supported for [{purpose}], found: {TypeName(value)}");

    public static Struct? RequireStructOrNull(object? value, string purpose) =>
        value is null ? null : RequireStruct(value, purpose);

    public static SinkRecord RequireSinkRecord(ConnectRecord record, string purpose) =>
        record as SinkRecord
        ?? throw new DataException($"Only SinkRecord supported for [{purpose}], found: {TypeName(record)}");

    /// <summary>The name of a value's type as it appears in messages, <c>null</c> for <see langword="null"/>.</summary>
    public static string TypeName(object? value) => value is null ? "null" : value.GetType().FullName ?? value.GetType().Name;

    /// <summary>Reads a map entry by string key, whatever the dictionary's key type.</summary>
    public static object? Get(IDictionary map, string key) => map.Contains(key) ? map[key] : null;

    /// <summary>A mutable copy of a schemaless map with string keys, keeping the entry order.</summary>
    public static Dictionary<string, object?> CopyMap(IDictionary map)
    {
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
        {
            copy[KeyText(entry.Key)] = entry.Value;
        }

        return copy;
    }

    /// <summary>A map key as a string; schemaless maps of records are keyed by field names.</summary>
    public static string KeyText(object key) => key as string ?? Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
