using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Connect.Sdk.Config;

public sealed partial class ConfigDef
{
    /// <summary>
    /// Parses and validates configuration properties: every defined key gets its parsed value, or its default when
    /// absent. Keys that are not defined are ignored.
    /// </summary>
    /// <param name="props">The properties, as an operator supplies them. A key present with a <see langword="null"/> value parses to <see langword="null"/>.</param>
    /// <returns>The parsed values by key name, in definition order.</returns>
    /// <exception cref="ConfigException">
    /// The first problem found: a required key is missing, a value cannot be parsed, a validator rejects a value, or
    /// a key names a dependent that is not defined.
    /// </exception>
    public IReadOnlyDictionary<string, object?> Parse(IReadOnlyDictionary<string, string> props)
    {
        ArgumentNullException.ThrowIfNull(props);
        List<string> undefined = UndefinedDependents();
        if (undefined.Count > 0)
        {
            // Kafka's wording, kept verbatim so that operators see the same text.
            throw new ConfigException("Some configurations in are referred in the dependents, but not defined: " + string.Join(",", undefined));
        }

        var values = new OrderedDictionary<string, object?>(_configKeys.Count, StringComparer.Ordinal);
        foreach (ConfigKey key in _configKeys.Values)
        {
            values.Add(key.Name, ParseValue(key, props));
        }

        return new ReadOnlyDictionary<string, object?>(values);
    }

    /// <summary>
    /// Parses a value into the CLR type of a <see cref="ConfigType"/>, trimming strings as Kafka does.
    /// </summary>
    /// <param name="name">The configuration name, for error messages.</param>
    /// <param name="value">
    /// The value: a string as an operator writes it, or an already typed value (<see cref="bool"/>, an integer type
    /// that fits, any number for <see cref="ConfigType.Double"/>, a sequence of strings for
    /// <see cref="ConfigType.List"/>, a <see cref="System.Type"/> for <see cref="ConfigType.Class"/>, a
    /// <see cref="Password"/>).
    /// </param>
    /// <param name="type">The type to parse into.</param>
    /// <returns>
    /// <see langword="null"/> for <see langword="null"/>; otherwise a <see cref="bool"/>, <see cref="string"/>,
    /// <see cref="int"/>, <see cref="short"/>, <see cref="long"/>, <see cref="double"/>, read-only
    /// <see cref="IReadOnlyList{T}"/> of <see cref="string"/>, class name <see cref="string"/> or <see cref="Password"/>.
    /// </returns>
    /// <exception cref="ConfigException">The value cannot be parsed, e.g. <c>Invalid value abc for configuration x: Not a number of type INT</c>.</exception>
    public static object? ParseType(string name, object? value, ConfigType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value is null)
        {
            return null;
        }

        string? trimmed = value is string text ? KafkaText.Trim(text) : null;
        switch (type)
        {
            case ConfigType.Boolean:
                if (trimmed is not null)
                {
                    if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
                    {
                        return false;
                    }
                }
                else if (value is bool)
                {
                    return value;
                }

                throw new ConfigException(name, value, "Expected value to be either true or false");

            case ConfigType.Password:
                return value switch
                {
                    Password => value,
                    string => new Password(trimmed!),
                    _ => throw new ConfigException(name, value, "Expected value to be a string, but it was a " + TypeName(value)),
                };

            case ConfigType.String:
                return trimmed ?? throw new ConfigException(name, value, "Expected value to be a string, but it was a " + TypeName(value));

            case ConfigType.Int:
                if (trimmed is not null)
                {
                    return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed)
                        ? parsed
                        : throw NotANumber(name, value, type);
                }

                return TryGetInteger(value, out long integer) && integer is >= int.MinValue and <= int.MaxValue
                    ? (int)integer
                    : throw new ConfigException(name, value, "Expected value to be a 32-bit integer, but it was a " + TypeName(value));

            case ConfigType.Short:
                if (trimmed is not null)
                {
                    return short.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out short parsed)
                        ? parsed
                        : throw NotANumber(name, value, type);
                }

                return TryGetInteger(value, out long shortInteger) && shortInteger is >= short.MinValue and <= short.MaxValue
                    ? (short)shortInteger
                    : throw new ConfigException(name, value, "Expected value to be a 16-bit integer (short), but it was a " + TypeName(value));

            case ConfigType.Long:
                if (trimmed is not null)
                {
                    return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)
                        ? parsed
                        : throw NotANumber(name, value, type);
                }

                return TryGetInteger(value, out long longInteger)
                    ? longInteger
                    : throw new ConfigException(name, value, "Expected value to be a 64-bit integer (long), but it was a " + TypeName(value));

            case ConfigType.Double:
                if (trimmed is not null)
                {
                    return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
                        ? parsed
                        : throw NotANumber(name, value, type);
                }

                return value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal
                    ? Convert.ToDouble(value, CultureInfo.InvariantCulture)
                    : throw new ConfigException(name, value, "Expected value to be a double, but it was a " + TypeName(value));

            case ConfigType.List:
                if (trimmed is not null)
                {
                    return trimmed.Length == 0 ? ReadOnlyCollection<string>.Empty : Array.AsReadOnly(KafkaText.SplitList(trimmed));
                }

                return value is IEnumerable<string> entries
                    ? Array.AsReadOnly(entries.ToArray())
                    : throw new ConfigException(name, value, "Expected a comma separated list.");

            case ConfigType.Class:
                return value switch
                {
                    string => trimmed,
                    Type classType => classType.FullName ?? classType.Name,
                    _ => throw new ConfigException(name, value, "Expected a Class instance or class name."),
                };

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown configuration type.");
        }
    }

    /// <summary>
    /// Converts a parsed value back to the string an operator would write, as Kafka does: lists joined with
    /// <c>,</c>, booleans in lower case, doubles as <c>1.0</c>, passwords as <c>[hidden]</c>.
    /// </summary>
    /// <param name="parsedValue">The parsed value.</param>
    /// <param name="type">The key's type, or <see langword="null"/> to format the value by its CLR type.</param>
    /// <returns>The string, or <see langword="null"/> for <see langword="null"/>.</returns>
    public static string? ConvertToString(object? parsedValue, ConfigType? type)
    {
        if (parsedValue is null)
        {
            return null;
        }

        if (type == ConfigType.List && parsedValue is IEnumerable entries and not string)
        {
            return string.Join(",", entries.Cast<object?>().Select(KafkaText.Format));
        }

        return KafkaText.Format(parsedValue);
    }

    private static object? ParseValue(ConfigKey key, IReadOnlyDictionary<string, string> props)
    {
        object? value;
        if (props.TryGetValue(key.Name, out string? supplied))
        {
            value = ParseType(key.Name, supplied, key.Type);
        }
        else if (!key.HasDefault)
        {
            throw new ConfigException(MissingRequiredMessage(key.Name));
        }
        else
        {
            value = key.DefaultValue;
        }

        key.Validator?.EnsureValid(key.Name, value);
        return value;
    }

    private static string MissingRequiredMessage(string name) =>
        "Missing required configuration \"" + name + "\" which has no default value.";

    private static ConfigException NotANumber(string name, object value, ConfigType type) =>
        new(name, value, "Not a number of type " + KafkaText.UpperName(type));

    private static string TypeName(object value) => value.GetType().FullName ?? value.GetType().Name;

    private static bool TryGetInteger(object value, out long integer)
    {
        switch (value)
        {
            case sbyte or byte or short or ushort or int or uint or long:
                integer = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                return true;
            case ulong unsigned when unsigned <= long.MaxValue:
                integer = (long)unsigned;
                return true;
            default:
                integer = 0;
                return false;
        }
    }

    private List<string> UndefinedDependents() =>
        _configKeys.Values
            .SelectMany(k => k.Dependents)
            .Where(d => !_configKeys.ContainsKey(d))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
