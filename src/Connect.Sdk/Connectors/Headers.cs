using System.Collections;
using Connect.Sdk.Data;

namespace Connect.Sdk.Connectors;

/// <summary>
/// The ordered, mutable headers of a record. Keys may repeat; typed <c>Add…</c> methods attach the matching schema,
/// and <see cref="LastWithName(string)"/> finds the latest value of a key.
/// </summary>
/// <remarks>
/// Copies made with <see cref="Duplicate"/> (as every new record made from another one does) share the headers with
/// their original until either of them is changed, which then copies them first: a record copied by a transform costs
/// no copy of unchanged headers, and an empty collection allocates no list.
/// </remarks>
public sealed class Headers : IEnumerable<Header>, IEquatable<Headers>
{
    /// <summary>The list of every empty collection; never changed, since <see cref="_shared"/> is true with it.</summary>
    private static readonly List<Header> NoHeaders = [];

    private List<Header> _headers;

    /// <summary>Whether <see cref="_headers"/> may be seen by another collection, so it must be copied before a change.</summary>
    private bool _shared;

    /// <summary>Creates an empty header collection.</summary>
    public Headers()
    {
        _headers = NoHeaders;
        _shared = true;
    }

    /// <summary>Creates a header collection holding the given headers in order.</summary>
    /// <param name="headers">The headers, or <see langword="null"/> for none.</param>
    public Headers(IEnumerable<Header>? headers)
    {
        if (headers is null)
        {
            _headers = NoHeaders;
            _shared = true;
        }
        else
        {
            _headers = [.. headers];
        }
    }

    private Headers(List<Header> shared)
    {
        _headers = shared;
        _shared = true;
    }

    /// <summary>The number of headers.</summary>
    public int Count => _headers.Count;

    /// <summary>Whether there are no headers.</summary>
    public bool IsEmpty => _headers.Count == 0;

    /// <summary>Adds a header.</summary>
    /// <param name="header">The header.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers Add(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Writable().Add(header);
        return this;
    }

    /// <summary>Adds a header with a schema and value; the value is checked against the schema.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for a schemaless value.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    /// <exception cref="Errors.DataException">The value does not match the schema.</exception>
    public Headers Add(string key, Schema? schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (schema is not null)
        {
            Schema.ValidateValue(key, schema, value);
        }

        return Add(new Header(key, schema, value));
    }

    /// <summary>Adds a header from a schema and value pair.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="schemaAndValue">The schema and value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers Add(string key, SchemaAndValue schemaAndValue) => Add(key, schemaAndValue.Schema, schemaAndValue.Value);

    /// <summary>Adds a string header (optional string schema).</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddString(string key, string? value) => Add(key, Schema.OptionalString, value);

    /// <summary>Adds a boolean header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddBoolean(string key, bool value) => Add(key, Schema.Boolean, value);

    /// <summary>Adds an 8-bit integer header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddInt8(string key, sbyte value) => Add(key, Schema.Int8, value);

    /// <summary>Adds a 16-bit integer header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddInt16(string key, short value) => Add(key, Schema.Int16, value);

    /// <summary>Adds a 32-bit integer header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddInt32(string key, int value) => Add(key, Schema.Int32, value);

    /// <summary>Adds a 64-bit integer header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddInt64(string key, long value) => Add(key, Schema.Int64, value);

    /// <summary>Adds a 32-bit floating point header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddFloat32(string key, float value) => Add(key, Schema.Float32, value);

    /// <summary>Adds a 64-bit floating point header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddFloat64(string key, double value) => Add(key, Schema.Float64, value);

    /// <summary>Adds a bytes header (optional bytes schema).</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddBytes(string key, byte[]? value) => Add(key, Schema.OptionalBytes, value);

    /// <summary>Adds a Decimal header with the value's own scale.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddDecimal(string key, decimal value) => Add(key, ConnectDecimal.Schema(value.Scale), value);

    /// <summary>Adds a Date header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">A date at midnight UTC.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddDate(string key, DateTime value)
    {
        ConnectDate.FromLogical(ConnectDate.Schema, value);
        return Add(key, ConnectDate.Schema, value);
    }

    /// <summary>Adds a Time header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">A time on 1970-01-01 UTC.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddTime(string key, DateTime value)
    {
        ConnectTime.FromLogical(ConnectTime.Schema, value);
        return Add(key, ConnectTime.Schema, value);
    }

    /// <summary>Adds a Timestamp header.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The instant.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddTimestamp(string key, DateTime value) => Add(key, ConnectTimestamp.Schema, value);

    /// <summary>Adds a struct header with the struct's schema, after validating it.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The struct.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddStruct(string key, Struct value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Validate();
        return Add(key, value.Schema, value);
    }

    /// <summary>Adds a list header with an explicit schema.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The list.</param>
    /// <param name="schema">An array schema.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddList(string key, IList value, Schema schema) => Add(key, schema, value);

    /// <summary>Adds a map header with an explicit schema.</summary>
    /// <param name="key">The header key.</param>
    /// <param name="value">The map.</param>
    /// <param name="schema">A map schema.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers AddMap(string key, IDictionary value, Schema schema) => Add(key, schema, value);

    /// <summary>The most recently added header with a key.</summary>
    /// <param name="key">The header key.</param>
    /// <returns>The header, or <see langword="null"/> when none has the key.</returns>
    public Header? LastWithName(string key)
    {
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (_headers[i].Key == key)
            {
                return _headers[i];
            }
        }

        return null;
    }

    /// <summary>All headers with a key, in the order they were added.</summary>
    /// <param name="key">The header key.</param>
    /// <returns>The headers.</returns>
    public IEnumerable<Header> AllWithName(string key)
    {
        // Deferred, like the list query it replaces: the headers are read when the result is enumerated.
        foreach (var header in _headers)
        {
            if (header.Key == key)
            {
                yield return header;
            }
        }
    }

    /// <summary>Removes every header with a key.</summary>
    /// <param name="key">The header key.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers Remove(string key)
    {
        if (_headers.Exists(h => h.Key == key))
        {
            Writable().RemoveAll(h => h.Key == key);
        }

        return this;
    }

    /// <summary>Keeps only the most recent header with a key.</summary>
    /// <param name="key">The header key.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers RetainLatest(string key)
    {
        var latest = LastWithName(key);
        if (latest is not null)
        {
            Writable().RemoveAll(h => h.Key == key && !ReferenceEquals(h, latest));
        }

        return this;
    }

    /// <summary>Keeps only the most recent header of every key, preserving their order.</summary>
    /// <returns>This collection, for chaining.</returns>
    public Headers RetainLatest()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<Header>(_headers.Count);
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (seen.Add(_headers[i].Key))
            {
                kept.Add(_headers[i]);
            }
        }

        kept.Reverse();
        _headers = kept;
        _shared = false;
        return this;
    }

    /// <summary>Removes all headers.</summary>
    /// <returns>This collection, for chaining.</returns>
    public Headers Clear()
    {
        _headers = NoHeaders;
        _shared = true;
        return this;
    }

    /// <summary>The list of an empty collection, for a record that has not created its <see cref="Headers"/> yet.</summary>
    internal static List<Header> EmptyList => NoHeaders;

    /// <summary>A collection over a list that another collection may see; the first change copies it.</summary>
    internal static Headers OverShared(List<Header> shared) => new(shared);

    /// <summary>This collection's list, for a copy to share; a later change to this collection copies the list first.</summary>
    internal List<Header> Share()
    {
        _shared = true;
        return _headers;
    }

    /// <summary>A copy that can be changed without changing this collection.</summary>
    /// <returns>The copy; it shares the headers with this collection until either is changed.</returns>
    public Headers Duplicate() => new(Share());

    /// <summary>Replaces each header by what a function returns for it; a <see langword="null"/> result removes it.</summary>
    /// <param name="transform">The function.</param>
    /// <returns>This collection, for chaining.</returns>
    public Headers Apply(Func<Header, Header?> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var results = new List<Header>(_headers.Count);
        foreach (var header in _headers)
        {
            if (transform(header) is { } result)
            {
                results.Add(result);
            }
        }

        _headers = results;
        _shared = false;
        return this;
    }

    /// <inheritdoc />
    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    /// <summary>The list to change: this collection's own, copied first if it may be shared.</summary>
    private List<Header> Writable()
    {
        if (_shared)
        {
            _headers = [.. _headers];
            _shared = false;
        }

        return _headers;
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Headers? other) => other is not null && _headers.SequenceEqual(other._headers);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Headers);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var header in _headers)
        {
            hash.Add(header);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"ConnectHeaders(headers: {string.Join(", ", _headers)})";
}
