namespace Connect.Sdk.Runtime.Plugins;

/// <summary>The kinds of plugins, named as the REST API's <c>/connector-plugins</c> names them.</summary>
public enum PluginType
{
    /// <summary>A source connector (<c>source</c>).</summary>
    Source,

    /// <summary>A sink connector (<c>sink</c>).</summary>
    Sink,

    /// <summary>A converter (<c>converter</c>).</summary>
    Converter,

    /// <summary>A header converter (<c>header_converter</c>).</summary>
    HeaderConverter,

    /// <summary>A single message transform (<c>transformation</c>).</summary>
    Transformation,

    /// <summary>A predicate (<c>predicate</c>).</summary>
    Predicate,
}

/// <summary>Wire names of <see cref="PluginType"/>.</summary>
public static class PluginTypeNames
{
    /// <summary>The REST API's name of a plugin type, e.g. <c>header_converter</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string ToWireName(this PluginType type) => type switch
    {
        PluginType.Source => "source",
        PluginType.Sink => "sink",
        PluginType.Converter => "converter",
        PluginType.HeaderConverter => "header_converter",
        PluginType.Transformation => "transformation",
        _ => "predicate",
    };
}
