namespace Connect.Sdk.Runtime.Configuration;

/// <summary>Reads environment variables: <c>${env:DB_PASSWORD}</c>
/// (<c>org.apache.kafka.common.config.provider.EnvVarConfigProvider</c>). The optional <c>allowlist.pattern</c>
/// parameter restricts which variables may be read.</summary>
public sealed class EnvVarConfigProvider : IConfigProvider
{
    private System.Text.RegularExpressions.Regex? _allowlist;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        _allowlist = configs.TryGetValue("allowlist.pattern", out var pattern) && !string.IsNullOrEmpty(pattern)
            ? new System.Text.RegularExpressions.Regex($"^(?:{pattern})$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
            : null;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Get(string path, IReadOnlySet<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (_allowlist is not null && !_allowlist.IsMatch(key))
            {
                continue;
            }

            if (Environment.GetEnvironmentVariable(key) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
