namespace Connect.Sdk.Runtime.Configuration;

/// <summary>
/// Supplies values for <c>${alias:path:key}</c> placeholders in connector configurations, like Kafka's
/// ConfigProvider, so secrets stay out of the stored configuration.
/// </summary>
public interface IConfigProvider
{
    /// <summary>Configures the provider from <c>config.providers.&lt;alias&gt;.param.*</c>.</summary>
    /// <param name="configs">The parameters.</param>
    void Configure(IReadOnlyDictionary<string, string> configs);

    /// <summary>Looks up values.</summary>
    /// <param name="path">The path part of the placeholder (may be empty).</param>
    /// <param name="keys">The keys wanted.</param>
    /// <returns>The values found; missing keys are left out.</returns>
    IReadOnlyDictionary<string, string> Get(string path, IReadOnlySet<string> keys);
}
