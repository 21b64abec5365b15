namespace Connect.Sdk.Config;

/// <summary>
/// An <see cref="AbstractConfig"/> for components that need parsed values and typed getters but no configuration class
/// of their own, such as simple transformations.
/// </summary>
public sealed class SimpleConfig : AbstractConfig
{
    /// <summary>Initializes a new instance of the <see cref="SimpleConfig"/> class by parsing <paramref name="originals"/>.</summary>
    /// <param name="definition">The definition to parse against.</param>
    /// <param name="originals">The properties as supplied; they are copied.</param>
    /// <exception cref="ConfigException">The properties are invalid (see <see cref="ConfigDef.Parse"/>).</exception>
    public SimpleConfig(ConfigDef definition, IReadOnlyDictionary<string, string> originals)
        : base(definition, originals)
    {
    }
}
