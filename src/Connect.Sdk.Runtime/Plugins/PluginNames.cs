namespace Connect.Sdk.Runtime.Plugins;

/// <summary>The names a plugin type answers to.</summary>
internal static class PluginNames
{
    /// <summary>The full name without generic arity, nested types joined with <c>$</c> as Kafka writes them:
    /// <c>Connect.Sdk.Transforms.Cast$Value</c>.</summary>
    public static string DisplayName(Type type)
    {
        var name = StripArity(type.Name);
        return type.DeclaringType is { } outer ? $"{DisplayName(outer)}${name}" : $"{type.Namespace}.{name}";
    }

    /// <summary>The simple name, nested types joined with <c>$</c>: <c>Cast$Value</c>.</summary>
    public static string SimpleName(Type type)
    {
        var name = StripArity(type.Name);
        return type.DeclaringType is { } outer ? $"{SimpleName(outer)}${name}" : name;
    }

    /// <summary>Every name a type can be referred to by: full, simple, CLR, dotted nested form, and for connectors
    /// and converters the simple name without its suffix (<c>FileStreamSink</c> for <c>FileStreamSinkConnector</c>).</summary>
    public static IEnumerable<string> Aliases(Type type, PluginType kind)
    {
        var full = DisplayName(type);
        var simple = SimpleName(type);
        yield return full;
        yield return full.Replace('$', '.');
        yield return simple;
        yield return simple.Replace('$', '.');
        if (type.FullName is { } clrName)
        {
            yield return clrName;
        }

        var suffix = kind switch
        {
            PluginType.Source or PluginType.Sink => "Connector",
            PluginType.Converter or PluginType.HeaderConverter => "Converter",
            _ => null,
        };
        if (suffix is not null && simple.EndsWith(suffix, StringComparison.Ordinal) && simple.Length > suffix.Length)
        {
            yield return simple[..^suffix.Length];
        }
    }

    /// <summary>The simple name of a Java or .NET class name: the part after the last dot (<c>ReplaceField$Value</c>
    /// for <c>org.apache.kafka.connect.transforms.ReplaceField$Value</c>).</summary>
    public static string LastSegment(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
