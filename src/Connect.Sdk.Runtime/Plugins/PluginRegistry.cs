using System.Reflection;
using System.Runtime.Loader;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Runtime.Plugins;

/// <summary>
/// Finds connectors, converters, header converters, transforms and predicates in the application's assemblies and
/// in <c>plugin.path</c> folders (each folder in its own <see cref="System.Runtime.Loader.AssemblyLoadContext"/>), and
/// resolves the names used in configs: full .NET names, simple names, aliases such as <c>FileStreamSink</c>, and Kafka's
/// Java class names (which resolve to the .NET plugin of the same simple name).
/// </summary>
public sealed class PluginRegistry
{
    private readonly List<PluginDescriptor> _plugins = [];
    private readonly Dictionary<(PluginType Kind, string Name), List<PluginDescriptor>> _byName = [];
    private readonly HashSet<Assembly> _scanned = [];
    private readonly object _gate = new();

    /// <summary>Creates a registry of the application's plugins: every loaded assembly that references Connect.Sdk,
    /// plus the <c>Connect.Sdk.*</c> assemblies next to the application.</summary>
    /// <returns>The registry.</returns>
    public static PluginRegistry FromApplication()
    {
        var registry = new PluginRegistry();
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Connect.Sdk*.dll"))
        {
            try
            {
                Assembly.Load(AssemblyName.GetAssemblyName(file));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                // Not a loadable assembly of this application; ignore it.
            }
        }

        // Assemblies of plugin.path folders are loaded too, but they are not the application's: a registry made
        // after a plugin folder was loaded would list its plugins twice (here and through AddPluginPath).
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => AssemblyLoadContext.GetLoadContext(a) is not PluginLoadContext))
        {
            registry.AddAssembly(assembly);
        }

        return registry;
    }

    /// <summary>All plugins found.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins
    {
        get
        {
            lock (_gate)
            {
                return [.. _plugins];
            }
        }
    }

    /// <summary>Adds the plugins of an assembly (does nothing for an assembly that does not reference Connect.Sdk).</summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="location">Where it came from, for listings.</param>
    /// <returns>This registry.</returns>
    public PluginRegistry AddAssembly(Assembly assembly, string location = "classpath")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var sdk = typeof(Connector).Assembly;
        if (assembly != sdk && !assembly.GetReferencedAssemblies().Any(a => a.Name == sdk.GetName().Name))
        {
            return this;
        }

        lock (_gate)
        {
            if (!_scanned.Add(assembly))
            {
                return this;
            }

            foreach (var type in LoadableTypes(assembly))
            {
                foreach (var kind in Classify(type))
                {
                    Register(new PluginDescriptor(type, kind, VersionOf(type, kind), location));
                }
            }
        }

        return this;
    }

    /// <summary>Adds a plugin type explicitly.</summary>
    /// <param name="type">The type.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">The type is not a plugin.</exception>
    public PluginRegistry AddType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var kinds = Classify(type).ToList();
        if (kinds.Count == 0)
        {
            throw new ArgumentException($"{type} is not a connector, converter, header converter, transform or predicate.", nameof(type));
        }

        lock (_gate)
        {
            foreach (var kind in kinds.Where(k => !_plugins.Any(p => p.Type == type && p.Kind == k)))
            {
                Register(new PluginDescriptor(type, kind, VersionOf(type, kind), "classpath"));
            }
        }

        return this;
    }

    /// <summary>Loads every plugin folder of a <c>plugin.path</c> list: each path that holds assemblies is one
    /// plugin, and each sub-folder of a path that holds assemblies is one plugin.</summary>
    /// <param name="pluginPath">The folders.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ConnectException">A folder does not exist.</exception>
    public PluginRegistry AddPluginPath(IEnumerable<string> pluginPath)
    {
        ArgumentNullException.ThrowIfNull(pluginPath);
        foreach (var root in pluginPath.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!Directory.Exists(root))
            {
                throw new ConnectException($"plugin.path entry \"{root}\" is not a folder. Fix plugin.path in the worker configuration.");
            }

            var folders = new List<string>();
            if (Directory.EnumerateFiles(root, "*.dll").Any())
            {
                folders.Add(root);
            }

            folders.AddRange(Directory.EnumerateDirectories(root).Where(d => Directory.EnumerateFiles(d, "*.dll").Any()));
            foreach (var folder in folders)
            {
                var context = new PluginLoadContext(Path.GetFullPath(folder));
                foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
                {
                    Assembly assembly;
                    try
                    {
                        assembly = context.LoadFromAssemblyPath(Path.GetFullPath(file));
                    }
                    catch (BadImageFormatException)
                    {
                        continue;
                    }

                    AddAssembly(assembly, Path.GetFullPath(file));
                }
            }
        }

        return this;
    }

    /// <summary>Resolves a plugin name of a kind.</summary>
    /// <param name="name">A full or simple .NET name, an alias, or a Java class name.</param>
    /// <param name="kinds">The acceptable kinds.</param>
    /// <returns>The plugin.</returns>
    /// <exception cref="ConnectException">No plugin, or more than one, has that name; the message lists what exists.</exception>
    public PluginDescriptor Resolve(string name, params PluginType[] kinds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        lock (_gate)
        {
            foreach (var candidate in new[] { trimmed, PluginNames.LastSegment(trimmed) }.Distinct())
            {
                var matches = kinds
                    .SelectMany(kind => _byName.TryGetValue((kind, candidate), out var list) ? list : [])
                    .DistinctBy(p => p.Type)
                    .ToList();
                if (matches.Count == 1)
                {
                    return matches[0];
                }

                if (matches.Count > 1)
                {
                    throw new ConnectException(
                        $"More than one {Describe(kinds)} matches \"{name}\": {string.Join(", ", matches.Select(m => m.ClassName))}. Use the full name.");
                }
            }

            var known = _plugins.Where(p => kinds.Contains(p.Kind)).Select(p => p.ClassName).Distinct().Order(StringComparer.Ordinal);
            throw new ConnectException(
                $"Failed to find any class that implements {Describe(kinds)} and which name matches {name}, available {Describe(kinds)}s are: {string.Join(", ", known)}");
        }
    }

    /// <summary>Creates an instance of a plugin.</summary>
    /// <typeparam name="T">The expected base type.</typeparam>
    /// <param name="name">The plugin name.</param>
    /// <param name="kinds">The acceptable kinds.</param>
    /// <returns>The new instance.</returns>
    public T CreateInstance<T>(string name, params PluginType[] kinds)
        where T : class
    {
        var descriptor = Resolve(name, kinds);
        return Instantiate<T>(descriptor.Type);
    }

    /// <summary>Creates an instance of a type with its public parameterless constructor.</summary>
    /// <typeparam name="T">The expected base type.</typeparam>
    /// <param name="type">The type.</param>
    /// <returns>The new instance.</returns>
    /// <exception cref="ConnectException">The type cannot be created.</exception>
    public static T Instantiate<T>(Type type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return Activator.CreateInstance(type) as T
                ?? throw new ConnectException($"{type} is not a {typeof(T).Name}.");
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            throw new ConnectException($"Could not create an instance of {type}: {(e as TargetInvocationException)?.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static string Describe(PluginType[] kinds) => kinds switch
    {
        [PluginType.Source, PluginType.Sink] or [PluginType.Sink, PluginType.Source] => "Connector",
        [var single] => single switch
        {
            PluginType.Converter => "Converter",
            PluginType.HeaderConverter => "HeaderConverter",
            PluginType.Transformation => "Transformation",
            PluginType.Predicate => "Predicate",
            PluginType.Source => "SourceConnector",
            _ => "SinkConnector",
        },
        _ => "plugin",
    };

    private static IEnumerable<PluginType> Classify(Type type)
    {
        var declaringIsGenericDefinition = type.DeclaringType?.IsGenericTypeDefinition ?? false;
        if (!type.IsClass || type.IsAbstract || !type.IsPublic && !type.IsNestedPublic
            || type.GetConstructor(Type.EmptyTypes) is null && !type.IsGenericTypeDefinition && !declaringIsGenericDefinition)
        {
            yield break;
        }

        if (typeof(SourceConnector).IsAssignableFrom(type))
        {
            yield return PluginType.Source;
        }

        if (typeof(SinkConnector).IsAssignableFrom(type))
        {
            yield return PluginType.Sink;
        }

        if (typeof(IConverter).IsAssignableFrom(type))
        {
            yield return PluginType.Converter;
        }

        if (typeof(IHeaderConverter).IsAssignableFrom(type))
        {
            yield return PluginType.HeaderConverter;
        }

        if (ImplementsGeneric(type, typeof(ITransformation<>)))
        {
            yield return PluginType.Transformation;
        }

        if (ImplementsGeneric(type, typeof(IPredicate<>)))
        {
            yield return PluginType.Predicate;
        }
    }

    private static bool ImplementsGeneric(Type type, Type openInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);

    private static string VersionOf(Type type, PluginType kind)
    {
        if (kind is PluginType.Source or PluginType.Sink && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            try
            {
                return ((Connector)Activator.CreateInstance(type)!).Version;
            }
            catch (Exception e) when (e is TargetInvocationException or MissingMethodException or InvalidCastException)
            {
                // Fall back to the assembly version.
            }
        }

        return type.Assembly.GetName().Version?.ToString(3) ?? "undefined";
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }

    private void Register(PluginDescriptor descriptor)
    {
        _plugins.Add(descriptor);
        foreach (var alias in PluginNames.Aliases(descriptor.Type, descriptor.Kind).Distinct(StringComparer.Ordinal))
        {
            if (!_byName.TryGetValue((descriptor.Kind, alias), out var list))
            {
                list = [];
                _byName[(descriptor.Kind, alias)] = list;
            }

            list.Add(descriptor);
        }
    }
}
