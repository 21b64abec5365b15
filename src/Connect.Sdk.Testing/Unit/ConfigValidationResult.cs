using System.Collections;
using Connect.Sdk.Config;

namespace Connect.Sdk.Testing.Unit;

/// <summary>
/// What <see cref="Connectors.Connector.Validate"/> said about a configuration, as a dictionary from each key with
/// errors to its messages. Keys without errors are not in the dictionary; <see cref="Values"/> holds every result.
/// </summary>
public sealed class ConfigValidationResult : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private readonly Dictionary<string, IReadOnlyList<string>> _errors;

    /// <summary>Creates a result from the values a connector returned.</summary>
    /// <param name="values">The per-key results.</param>
    public ConfigValidationResult(IReadOnlyList<ConfigValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        _errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value.ErrorMessages.Count > 0)
            {
                _errors[value.Name] = _errors.TryGetValue(value.Name, out var earlier)
                    ? [.. earlier, .. value.ErrorMessages]
                    : [.. value.ErrorMessages];
            }
        }
    }

    /// <summary>Every per-key result the connector returned, with values, recommendations and visibility.</summary>
    public IReadOnlyList<ConfigValue> Values { get; }

    /// <summary>Whether no key has an error.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>The number of keys with errors.</summary>
    public int Count => _errors.Count;

    /// <summary>The keys with errors.</summary>
    public IEnumerable<string> Keys => _errors.Keys;

    /// <inheritdoc />
    IEnumerable<IReadOnlyList<string>> IReadOnlyDictionary<string, IReadOnlyList<string>>.Values => _errors.Values;

    /// <summary>The error messages of a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The messages.</returns>
    /// <exception cref="KeyNotFoundException">The key has no errors; use <see cref="ErrorsFor"/> to get an empty list instead.</exception>
    public IReadOnlyList<string> this[string key] => _errors[key];

    /// <summary>The error messages of a key, empty when it has none.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The messages.</returns>
    public IReadOnlyList<string> ErrorsFor(string key) => _errors.GetValueOrDefault(key) ?? [];

    /// <summary>Whether a key has an error, optionally one containing a text.</summary>
    /// <param name="key">The key.</param>
    /// <param name="containing">Text one of the messages must contain (ordinal, case-insensitive), or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when it has such an error.</returns>
    public bool HasErrorFor(string key, string? containing = null) =>
        ErrorsFor(key).Any(m => containing is null || m.Contains(containing, StringComparison.OrdinalIgnoreCase));

    /// <summary>The parsed value the connector reported for a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <see langword="null"/> when the key is unknown or has no value.</returns>
    public object? ValueOf(string key) => Values.FirstOrDefault(v => v.Name == key)?.Value;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _errors.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out IReadOnlyList<string> value) =>
        _errors.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => _errors.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Lists the errors as <c>key: message</c> lines, or says the configuration is valid.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsValid
        ? "no errors"
        : string.Join(Environment.NewLine, _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}
