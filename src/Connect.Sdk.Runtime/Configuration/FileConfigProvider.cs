using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Configuration;

/// <summary>Reads values from properties files: <c>${file:/etc/secrets/db.properties:password}</c>
/// (<c>org.apache.kafka.common.config.provider.FileConfigProvider</c>). The optional
/// <c>allowed.paths</c> parameter restricts which folders may be read.</summary>
public sealed class FileConfigProvider : IConfigProvider
{
    private IReadOnlyList<string> _allowedPaths = [];

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        _allowedPaths = configs.TryGetValue("allowed.paths", out var paths) && !string.IsNullOrWhiteSpace(paths)
            ? paths.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath).ToList()
            : [];
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Get(string path, IReadOnlySet<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(path))
        {
            return new Dictionary<string, string>();
        }

        var fullPath = Path.GetFullPath(path);
        if (_allowedPaths.Count > 0 && !_allowedPaths.Any(allowed => IsInside(fullPath, allowed)))
        {
            throw new ConnectException($"The file {path} is not in the allowed.paths of the file config provider.");
        }

        if (!File.Exists(fullPath))
        {
            throw new ConnectException($"Could not read properties from file {path}: the file does not exist.");
        }

        var properties = PropertiesFile.Parse(File.ReadAllText(fullPath), fullPath);
        return properties.Where(p => keys.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    private static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
