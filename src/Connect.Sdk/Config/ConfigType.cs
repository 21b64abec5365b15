namespace Connect.Sdk.Config;

/// <summary>
/// The type of a configuration value, which decides how <see cref="ConfigDef"/> parses the string an operator
/// supplies and which CLR type the parsed value has.
/// </summary>
public enum ConfigType
{
    /// <summary>
    /// A <see cref="bool"/>. Strings are accepted as <c>true</c> or <c>false</c>, ignoring case and surrounding
    /// whitespace.
    /// </summary>
    Boolean,

    /// <summary>A <see cref="string"/>, with surrounding whitespace trimmed.</summary>
    String,

    /// <summary>A 32-bit integer (<see cref="int"/>).</summary>
    Int,

    /// <summary>A 16-bit integer (<see cref="short"/>).</summary>
    Short,

    /// <summary>A 64-bit integer (<see cref="long"/>).</summary>
    Long,

    /// <summary>A double-precision floating-point number (<see cref="double"/>).</summary>
    Double,

    /// <summary>
    /// A list of strings (<see cref="IReadOnlyList{T}"/> of <see cref="string"/>). Strings are split on commas and
    /// each entry is trimmed; an empty string is an empty list.
    /// </summary>
    List,

    /// <summary>
    /// The name of a class, such as a converter or transformation, kept as the <see cref="string"/> the operator
    /// supplied (Java class names are accepted as well as .NET type names and resolved later by the runtime).
    /// </summary>
    Class,

    /// <summary>
    /// A secret such as a password or key, parsed into a <see cref="Config.Password"/> so that it is never printed in
    /// logs, exception messages or generated documentation.
    /// </summary>
    Password,
}
