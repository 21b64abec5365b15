using System.Reflection;
using System.Runtime.Loader;

namespace Connect.Sdk.Runtime.Plugins;

/// <summary>
/// Loads one plugin folder in isolation, like a plugin directory on Kafka Connect's plugin.path: the folder's own
/// dependencies come from the folder, while the Connect.Sdk contracts and the Kafka client are shared with the worker
/// so their types are the same on both sides.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string[] SharedPrefixes =
    [
        "Connect.Sdk",
        "Microsoft.Extensions.",
        "Confluent.Kafka",
        "System.",
        "Microsoft.AspNetCore.",
    ];

    private readonly string _folder;
    private readonly AssemblyDependencyResolver? _resolver;

    public PluginLoadContext(string folder)
        : base($"plugin:{folder}")
    {
        _folder = folder;
        var depsFile = Directory.EnumerateFiles(folder, "*.deps.json").FirstOrDefault();
        if (depsFile is not null)
        {
            var mainAssembly = Path.ChangeExtension(depsFile[..^".deps.json".Length], ".dll");
            if (File.Exists(mainAssembly))
            {
                _resolver = new AssemblyDependencyResolver(mainAssembly);
            }
        }
    }

    public string Folder => _folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? string.Empty;
        if (SharedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) && IsAvailableInDefault(assemblyName))
        {
            return null;
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName) ?? Path.Combine(_folder, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsAvailableInDefault(AssemblyName assemblyName)
    {
        try
        {
            Default.LoadFromAssemblyName(assemblyName);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
