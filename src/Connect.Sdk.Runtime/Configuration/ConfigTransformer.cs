using System.Text.RegularExpressions;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Configuration;

/// <summary>
/// Resolves <c>${alias:path:key}</c> and <c>${alias:key}</c> placeholders with the worker's config providers
/// (<c>config.providers=file,env</c> with <c>config.providers.file.class=…</c>). Only the running connector sees
/// resolved values; stored and displayed configurations keep the placeholders.
/// </summary>
public sealed partial class ConfigTransformer
{
    private readonly IReadOnlyDictionary<string, IConfigProvider> _providers;

    /// <summary>Creates a transformer with configured providers.</summary>
    /// <param name="providers">Providers by alias.</param>
    public ConfigTransformer(IReadOnlyDictionary<string, IConfigProvider> providers)
    {
        _providers = providers;
    }

    /// <summary>A transformer without providers: placeholders are left as they are.</summary>
    public static ConfigTransformer None { get; } = new(new Dictionary<string, IConfigProvider>());

    /// <summary>Creates the providers named by a worker's <c>config.providers</c> settings. The built-in classes are
    /// <see cref="FileConfigProvider"/> and <see cref="EnvVarConfigProvider"/>, also under Kafka's Java class names; an
    /// alias <c>file</c> or <c>env</c> without a class uses them.</summary>
    /// <param name="workerProps">The worker settings.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ConnectException">A provider class is unknown.</exception>
    public static ConfigTransformer FromWorkerConfig(IReadOnlyDictionary<string, string> workerProps)
    {
        ArgumentNullException.ThrowIfNull(workerProps);
        if (!workerProps.TryGetValue(WorkerConfig.ConfigProvidersConfig, out var aliases) || string.IsNullOrWhiteSpace(aliases))
        {
            return None;
        }

        var providers = new Dictionary<string, IConfigProvider>(StringComparer.Ordinal);
        foreach (var alias in aliases.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = $"config.providers.{alias}.";
            workerProps.TryGetValue(prefix + "class", out var className);
            IConfigProvider provider = (className is null ? alias : PluginNameOf(className)) switch
            {
                "file" or "FileConfigProvider" => new FileConfigProvider(),
                "env" or "EnvVarConfigProvider" => new EnvVarConfigProvider(),
                _ => throw new ConnectException(
                    $"Invalid value {className} for configuration {prefix}class: unknown config provider. Built in: FileConfigProvider, EnvVarConfigProvider."),
            };
            var paramPrefix = prefix + "param.";
            provider.Configure(workerProps.Where(p => p.Key.StartsWith(paramPrefix, StringComparison.Ordinal))
                .ToDictionary(p => p.Key[paramPrefix.Length..], p => p.Value, StringComparer.Ordinal));
            providers[alias] = provider;
        }

        return new ConfigTransformer(providers);
    }

    /// <summary>Resolves every placeholder whose provider is configured; others stay unchanged.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The configuration with values substituted.</returns>
    /// <exception cref="ConnectException">A referenced key does not exist.</exception>
    public IReadOnlyDictionary<string, string> Transform(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (_providers.Count == 0)
        {
            return config;
        }

        var result = new Dictionary<string, string>(config.Count, StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            result[key] = Placeholder().Replace(value, match =>
            {
                var alias = match.Groups["alias"].Value;
                if (!_providers.TryGetValue(alias, out var provider))
                {
                    return match.Value;
                }

                var path = match.Groups["path"].Success ? match.Groups["path"].Value : string.Empty;
                var name = match.Groups["key"].Value;
                var values = provider.Get(path, new HashSet<string>(StringComparer.Ordinal) { name });
                return values.TryGetValue(name, out var resolved)
                    ? resolved
                    : throw new ConnectException($"The config provider '{alias}' has no value for key '{name}'{(path.Length > 0 ? $" in '{path}'" : string.Empty)}, referenced by configuration {key}.");
            });
        }

        return result;
    }

    /// <summary>Whether a value holds a placeholder.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it matches <c>${alias:…}</c>.</returns>
    public static bool HasPlaceholder(string? value) => value is not null && Placeholder().IsMatch(value);

    private static string PluginNameOf(string className)
    {
        var dot = className.LastIndexOf('.');
        return dot < 0 ? className : className[(dot + 1)..];
    }

    [GeneratedRegex(@"\$\{(?<alias>[^}:]+):(?:(?<path>[^}]*):)?(?<key>[^}:]+)\}")]
    private static partial Regex Placeholder();
}
