namespace Connect.Sdk.Runtime.Plugins;

/// <summary>A plugin found by the <see cref="PluginRegistry"/>.</summary>
/// <param name="Type">The .NET type; open generic for transforms and predicates.</param>
/// <param name="Kind">What kind of plugin it is.</param>
/// <param name="Version">The plugin's version.</param>
/// <param name="Location">Where it was loaded from: an assembly path, or <c>classpath</c> for the application's own.</param>
public sealed record PluginDescriptor(Type Type, PluginType Kind, string Version, string Location)
{
    /// <summary>The name shown to operators: the type's full name (Kafka-style <c>Outer$Inner</c> for nested types).</summary>
    public string ClassName => PluginNames.DisplayName(Type);
}
