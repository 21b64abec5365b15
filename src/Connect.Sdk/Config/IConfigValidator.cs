namespace Connect.Sdk.Config;

/// <summary>
/// Checks a single parsed configuration value. <see cref="ConfigDef"/> calls it for the default value when the key is
/// defined, and for the parsed value (or default) every time a configuration is parsed or validated.
/// </summary>
/// <remarks>
/// Implementations should override <see cref="object.ToString"/> to describe the valid values, e.g. <c>[1,...,10]</c>;
/// the text appears in the "Valid Values" column of the generated documentation.
/// </remarks>
public interface IConfigValidator
{
    /// <summary>Throws a <see cref="ConfigException"/> when <paramref name="value"/> is not valid.</summary>
    /// <param name="name">The name of the configuration, for the error message.</param>
    /// <param name="value">The parsed value, of the CLR type that belongs to the key's <see cref="ConfigType"/>, or <see langword="null"/>.</param>
    /// <exception cref="ConfigException">The value is invalid.</exception>
    void EnsureValid(string name, object? value);
}
