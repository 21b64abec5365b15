namespace Connect.Sdk.Config;

/// <summary>
/// Computes the valid values and the visibility of a configuration from the values of the others, for
/// <see cref="ConfigDef.Validate"/>. User interfaces use the answers to offer choices and to hide settings that do
/// not apply (for example, SSL settings while the protocol is plain text).
/// </summary>
public interface IRecommender
{
    /// <summary>Returns the values to suggest for a configuration given the current configuration.</summary>
    /// <param name="name">The name of the configuration.</param>
    /// <param name="parsedConfig">The parsed values of all configurations, keyed by name.</param>
    /// <returns>The suggested values, of the CLR type that belongs to the key's <see cref="ConfigType"/>.</returns>
    /// <exception cref="ConfigException">The suggestions cannot be computed; the message is reported on the key.</exception>
    IReadOnlyList<object> ValidValues(string name, IReadOnlyDictionary<string, object?> parsedConfig);

    /// <summary>Returns whether a configuration applies, and should be shown, given the current configuration.</summary>
    /// <param name="name">The name of the configuration.</param>
    /// <param name="parsedConfig">The parsed values of all configurations, keyed by name.</param>
    /// <returns><see langword="true"/> to show the configuration.</returns>
    /// <exception cref="ConfigException">The visibility cannot be computed; the message is reported on the key.</exception>
    bool IsVisible(string name, IReadOnlyDictionary<string, object?> parsedConfig);
}
