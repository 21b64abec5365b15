namespace Connect.Sdk.Runtime.Rest;

/// <summary>Settings of the Kafka Connect-compatible REST API mapped by <c>MapConnectApi()</c>.</summary>
public sealed class ConnectRestOptions
{
    /// <summary>How long a request waits for the herder (for example while a connector's start hangs) before it
    /// fails with <c>500 {"error_code":500,"message":"Request timed out. …"}</c>. The operation itself goes on and
    /// takes effect when it completes, as in Kafka Connect.</summary>
    /// <value>The default is 90 seconds, Kafka Connect's.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMilliseconds(RestServerConfig.DefaultRequestTimeoutMs);

    /// <summary>The largest request body accepted, in bytes; larger requests get <c>413</c>.</summary>
    /// <value>The default is 1 MiB.</value>
    public long MaxRequestBodySize { get; set; } = RestServerConfig.DefaultRequestMaxBytes;

    /// <summary>Whether <c>GET /connectors/{name}/topics</c> is available (<c>topic.tracking.enable</c>); when not,
    /// it answers <c>403</c>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool TopicTrackingEnabled { get; set; } = true;

    /// <summary>Whether <c>PUT /connectors/{name}/topics/reset</c> is available (<c>topic.tracking.allow.reset</c>);
    /// when not, it answers <c>403</c>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool TopicTrackingResetEnabled { get; set; } = true;
}
