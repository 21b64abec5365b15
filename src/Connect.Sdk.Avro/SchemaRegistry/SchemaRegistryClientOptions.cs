namespace Connect.Sdk.Avro.SchemaRegistry;

/// <summary>Settings of a <see cref="SchemaRegistryClient"/>. The names in parentheses are the Confluent client's config keys.</summary>
public sealed class SchemaRegistryClientOptions
{
    /// <summary>The registry's base URLs (<c>schema.registry.url</c>, comma-separated there). Calls go to the first; on a
    /// connection failure or timeout the retry goes to the next.</summary>
    /// <value>The default is an empty list; at least one URL is required.</value>
    public IList<Uri> Urls { get; } = [];

    /// <summary>Credentials for HTTP basic authentication as <c>user:password</c> (<c>basic.auth.user.info</c>).</summary>
    /// <value>The default is <see langword="null"/>: no authentication, unless a URL carries <c>user:password@</c>.</value>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>How many times a call is retried after a connection failure, a timeout, or a 408, 429 or 5xx response (<c>max.retries</c>).</summary>
    /// <value>The default is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles for each further retry (<c>retries.wait.ms</c>).</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries (<c>retries.max.wait.ms</c>).</summary>
    /// <value>The default is 20 seconds.</value>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one HTTP request may take before it counts as timed out and is retried (<c>http.read.timeout.ms</c>).</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
