using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Config;

/// <summary>
/// A base class for typed configuration classes: parses the supplied properties against a <see cref="ConfigDef"/> in
/// the constructor, exposes typed getters, and remembers which settings were read so that misspelled or unknown
/// settings can be reported (<see cref="UnusedKeys"/>, <see cref="LogUnused"/>).
/// </summary>
/// <example>
/// <code>
/// public sealed class MySourceConfig : AbstractConfig
/// {
///     public static readonly ConfigDef ConfigDef = new ConfigDef()
///         .Define("topic", ConfigType.String, Importance.High, "Topic to write to.");
///
///     public MySourceConfig(IReadOnlyDictionary&lt;string, string&gt; props) : base(ConfigDef, props) { }
///
///     public string Topic => GetString("topic")!;
/// }
/// </code>
/// </example>
public abstract class AbstractConfig
{
    private readonly Dictionary<string, string> _originals;
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly ConcurrentDictionary<string, bool> _used = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="AbstractConfig"/> class by parsing <paramref name="originals"/>.</summary>
    /// <param name="definition">The definition to parse against.</param>
    /// <param name="originals">The properties as supplied; they are copied.</param>
    /// <exception cref="ConfigException">The properties are invalid (see <see cref="ConfigDef.Parse"/>).</exception>
    protected AbstractConfig(ConfigDef definition, IReadOnlyDictionary<string, string> originals)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(originals);
        Definition = definition;
        _originals = new Dictionary<string, string>(originals, StringComparer.Ordinal);
        _values = definition.Parse(_originals);
    }

    /// <summary>Gets the definition the properties were parsed against.</summary>
    /// <value>The definition.</value>
    public ConfigDef Definition { get; }

    /// <summary>Gets the properties as supplied, including those the definition does not know.</summary>
    /// <value>A read-only view; looking a key up marks it as used.</value>
    public IReadOnlyDictionary<string, string> Originals => new RecordingDictionary<string>(_originals, string.Empty, MarkUsed);

    /// <summary>Gets the parsed value of every defined key.</summary>
    /// <value>A read-only view; looking a key up marks it as used. Passwords are <see cref="Password"/> instances.</value>
    public IReadOnlyDictionary<string, object?> Values => new RecordingDictionary<object?>(_values, string.Empty, MarkUsed);

    /// <summary>Gets the names of supplied properties that have not been read, in ordinal order.</summary>
    /// <value>
    /// A new set of the keys of <see cref="Originals"/> that no getter, lookup or <see cref="Ignore"/> has touched;
    /// typically misspelled or unsupported settings.
    /// </value>
    public IReadOnlySet<string> UnusedKeys =>
        new SortedSet<string>(_originals.Keys.Where(key => !_used.ContainsKey(key)), StringComparer.Ordinal);

    /// <summary>Gets the parsed value of a key and marks the key as used.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The parsed value, of the CLR type that belongs to the key's <see cref="ConfigType"/>.</returns>
    /// <exception cref="ConfigException">The key is not defined: <c>Unknown configuration 'x'</c>.</exception>
    public object? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_values.TryGetValue(key, out object? value))
        {
            throw new ConfigException($"Unknown configuration '{key}'");
        }

        MarkUsed(key);
        return value;
    }

    /// <summary>Gets the value of a <see cref="ConfigType.String"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The trimmed string, or <see langword="null"/> when the value is null.</returns>
    /// <exception cref="ConfigException">The key is not defined.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public string? GetString(string key) => GetReference<string>(key, ConfigType.String);

    /// <summary>Gets the value of a <see cref="ConfigType.Boolean"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigException">The key is not defined, or its value is null.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public bool GetBoolean(string key) => GetStruct<bool>(key, ConfigType.Boolean);

    /// <summary>Gets the value of a <see cref="ConfigType.Short"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigException">The key is not defined, or its value is null.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public short GetShort(string key) => GetStruct<short>(key, ConfigType.Short);

    /// <summary>Gets the value of an <see cref="ConfigType.Int"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigException">The key is not defined, or its value is null.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public int GetInt(string key) => GetStruct<int>(key, ConfigType.Int);

    /// <summary>Gets the value of a <see cref="ConfigType.Long"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigException">The key is not defined, or its value is null.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public long GetLong(string key) => GetStruct<long>(key, ConfigType.Long);

    /// <summary>Gets the value of a <see cref="ConfigType.Double"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigException">The key is not defined, or its value is null.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public double GetDouble(string key) => GetStruct<double>(key, ConfigType.Double);

    /// <summary>Gets the value of a <see cref="ConfigType.List"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The entries, or <see langword="null"/> when the value is null.</returns>
    /// <exception cref="ConfigException">The key is not defined.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public IReadOnlyList<string>? GetList(string key) => GetReference<IReadOnlyList<string>>(key, ConfigType.List);

    /// <summary>Gets the value of a <see cref="ConfigType.Password"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The password, or <see langword="null"/> when the value is null.</returns>
    /// <exception cref="ConfigException">The key is not defined.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public Password? GetPassword(string key) => GetReference<Password>(key, ConfigType.Password);

    /// <summary>Gets the class name held by a <see cref="ConfigType.Class"/> key.</summary>
    /// <param name="key">The configuration name.</param>
    /// <returns>The class name as configured (a Java or .NET name, resolved by the runtime), or <see langword="null"/>.</returns>
    /// <exception cref="ConfigException">The key is not defined.</exception>
    /// <exception cref="InvalidCastException">The key has another type.</exception>
    public string? GetClass(string key) => GetReference<string>(key, ConfigType.Class);

    /// <summary>Marks a supplied property as used without reading it, so that it is not reported as unused.</summary>
    /// <param name="key">The property name.</param>
    public void Ignore(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        MarkUsed(key);
    }

    /// <summary>
    /// Gets the supplied properties whose names start with <paramref name="prefix"/>, for example the settings of a
    /// nested client (<c>producer.override.</c>).
    /// </summary>
    /// <param name="prefix">The prefix; a key equal to the prefix alone is not included.</param>
    /// <param name="strip"><see langword="true"/> to remove the prefix from the returned keys.</param>
    /// <returns>A new read-only dictionary; looking a key up marks the original (prefixed) key as used.</returns>
    public IReadOnlyDictionary<string, string> OriginalsWithPrefix(string prefix, bool strip = true)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> entry in _originals)
        {
            if (entry.Key.Length > prefix.Length && entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(strip ? entry.Key[prefix.Length..] : entry.Key, entry.Value);
            }
        }

        return new RecordingDictionary<string>(result, strip ? prefix : string.Empty, MarkUsed);
    }

    /// <summary>
    /// Writes the parsed values to <paramref name="logger"/> as one entry, in the format of <see cref="ToString"/>;
    /// passwords appear as <c>[hidden]</c>.
    /// </summary>
    /// <param name="logger">The logger.</param>
    /// <param name="level">The level to log at. The default is <see cref="LogLevel.Information"/>.</param>
    public void LogValues(ILogger logger, LogLevel level = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (logger.IsEnabled(level))
        {
            logger.Log(level, "{ConfigValues}", ToString());
        }
    }

    /// <summary>
    /// Logs a warning for every supplied property that has not been read:
    /// <c>The configuration 'x' was supplied but isn't a known config.</c>
    /// </summary>
    /// <param name="logger">The logger.</param>
    public void LogUnused(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        foreach (string key in UnusedKeys)
        {
            logger.LogWarning("The configuration '{Key}' was supplied but isn't a known config.", key);
        }
    }

    /// <summary>
    /// Lists the parsed values as Kafka logs them: the class name and <c>values:</c>, then one
    /// <c>\tname = value</c> line per key in ordinal order. Passwords appear as <c>[hidden]</c>.
    /// </summary>
    /// <returns>The listing.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(GetType().Name).Append(" values: \n");
        foreach (KeyValuePair<string, object?> entry in _values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append('\t').Append(entry.Key).Append(" = ").Append(KafkaText.Format(entry.Value)).Append('\n');
        }

        return text.ToString();
    }

    private void MarkUsed(string key) => _used.TryAdd(key, true);

    private T GetStruct<T>(string key, ConfigType expected)
        where T : struct
    {
        object? value = GetTyped(key, expected);
        return value is T typed ? typed : throw new ConfigException(key, value, "Value must be non-null");
    }

    private T? GetReference<T>(string key, ConfigType expected)
        where T : class => (T?)GetTyped(key, expected);

    private object? GetTyped(string key, ConfigType expected)
    {
        object? value = Get(key);
        ConfigType actual = Definition.ConfigKeys[key].Type;
        if (actual != expected)
        {
            throw new InvalidCastException(
                $"Configuration '{key}' is of type {KafkaText.UpperName(actual)}, not {KafkaText.UpperName(expected)}.");
        }

        return value;
    }
}
