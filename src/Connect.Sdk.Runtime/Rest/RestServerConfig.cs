using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Configuration;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>
/// The worker settings of the REST API server (Kafka Connect's <c>RestServerConfig</c>): listeners, HTTPS keystore,
/// basic authentication, request limits and topic tracking. They are read from the same worker properties as
/// <see cref="WorkerConfig"/>; other keys are ignored.
/// </summary>
public sealed class RestServerConfig : AbstractConfig
{
    /// <summary><c>listeners</c>: the REST API's listeners, e.g. <c>http://:8083,https://0.0.0.0:8443</c>.</summary>
    public const string ListenersConfig = WorkerConfig.ListenersConfig;

    /// <summary><c>listeners.https.ssl.keystore.location</c>: the PKCS#12 (.pfx/.p12) file with the HTTPS
    /// listeners' certificate and private key. Falls back to <c>ssl.keystore.location</c>, as in Kafka.</summary>
    public const string HttpsKeystoreLocationConfig = "listeners.https.ssl.keystore.location";

    /// <summary><c>listeners.https.ssl.keystore.password</c>: the keystore password. Falls back to
    /// <c>ssl.keystore.password</c>.</summary>
    public const string HttpsKeystorePasswordConfig = "listeners.https.ssl.keystore.password";

    /// <summary><c>ssl.keystore.location</c>: the keystore used when no <c>listeners.https.</c> one is set.</summary>
    public const string KeystoreLocationConfig = "ssl.keystore.location";

    /// <summary><c>ssl.keystore.password</c>: its password.</summary>
    public const string KeystorePasswordConfig = "ssl.keystore.password";

    /// <summary><c>rest.basic.auth.credentials.file</c>: a file of <c>user: password</c> lines; when set, every
    /// request needs HTTP basic authentication with one of them.</summary>
    public const string BasicAuthCredentialsFileConfig = "rest.basic.auth.credentials.file";

    /// <summary><c>rest.request.timeout.ms</c>: how long a request waits for the herder.</summary>
    public const string RequestTimeoutConfig = "rest.request.timeout.ms";

    /// <summary><c>rest.request.max.bytes</c>: the largest request body accepted.</summary>
    public const string RequestMaxBytesConfig = "rest.request.max.bytes";

    /// <summary><c>rest.advertised.host.name</c>: the host name printed and used in the worker id.</summary>
    public const string AdvertisedHostNameConfig = "rest.advertised.host.name";

    /// <summary><c>rest.advertised.port</c>: the port printed and used in the worker id.</summary>
    public const string AdvertisedPortConfig = "rest.advertised.port";

    /// <summary><c>topic.tracking.enable</c>: whether <c>/connectors/{name}/topics</c> is available.</summary>
    public const string TopicTrackingEnableConfig = "topic.tracking.enable";

    /// <summary><c>topic.tracking.allow.reset</c>: whether <c>/connectors/{name}/topics/reset</c> is available.</summary>
    public const string TopicTrackingAllowResetConfig = "topic.tracking.allow.reset";

    /// <summary>The default request timeout: 90 seconds, as Kafka Connect's.</summary>
    public const long DefaultRequestTimeoutMs = 90_000;

    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultRequestMaxBytes = 1024 * 1024;

    /// <summary>The definition of the REST server's keys.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(ListenersConfig, ConfigType.List, "http://:8083", Importance.Low,
            "List of comma-separated URIs the REST API will listen on. The supported protocols are HTTP and HTTPS. Specify hostname as 0.0.0.0 to bind to all interfaces. Leave hostname empty to bind to default interface. Port 0 picks a free port.")
        .Define(HttpsKeystoreLocationConfig, ConfigType.String, "", Importance.High,
            "The PKCS#12 file (.pfx or .p12) holding the certificate and private key of the HTTPS listeners. When empty, ssl.keystore.location is used.")
        .Define(HttpsKeystorePasswordConfig, ConfigType.Password, null, Importance.High,
            "The password of the HTTPS listeners' keystore. When not set, ssl.keystore.password is used.")
        .Define(KeystoreLocationConfig, ConfigType.String, "", Importance.High,
            "The PKCS#12 file (.pfx or .p12) used by HTTPS listeners when listeners.https.ssl.keystore.location is not set.")
        .Define(KeystorePasswordConfig, ConfigType.Password, null, Importance.High,
            "The password of ssl.keystore.location.")
        .Define(BasicAuthCredentialsFileConfig, ConfigType.String, "", Importance.Medium,
            "A file of 'user: password' lines (Java properties syntax, as Kafka's PropertyFileLoginModule reads). When set, every REST request needs HTTP basic authentication with one of these users; requests without valid credentials get 401.")
        .Define(RequestTimeoutConfig, ConfigType.Long, DefaultRequestTimeoutMs, RangeValidator.AtLeast(1), Importance.Low,
            "How long, in milliseconds, a REST request waits for the herder (for example while a connector starts) before it fails with 500 'Request timed out'. The operation itself goes on.")
        .Define(RequestMaxBytesConfig, ConfigType.Long, DefaultRequestMaxBytes, RangeValidator.AtLeast(1), Importance.Low,
            "The largest request body, in bytes, the REST API accepts; larger requests get 413.")
        .Define(AdvertisedHostNameConfig, ConfigType.String, "", Importance.Low,
            "The host name to advertise (printed at start and used in the worker id). Empty uses the listener's host, or the machine name for wildcard listeners.")
        .Define(AdvertisedPortConfig, ConfigType.Int, 0, RangeValidator.AtLeast(0), Importance.Low,
            "The port to advertise. 0 uses the port the first listener is bound to.")
        .Define(TopicTrackingEnableConfig, ConfigType.Boolean, true, Importance.Low,
            "Enable tracking the set of active topics per connector during runtime.")
        .Define(TopicTrackingAllowResetConfig, ConfigType.Boolean, true, Importance.Low,
            "If set to true, it allows user requests to reset the set of active topics per connector.");

    /// <summary>Reads the REST server settings from worker properties.</summary>
    /// <param name="props">The worker properties.</param>
    /// <exception cref="ConfigException">A setting is invalid; the message names it.</exception>
    public RestServerConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>The listeners, as written.</summary>
    public IReadOnlyList<string> Listeners => GetList(ListenersConfig) ?? [];

    /// <summary>The HTTPS keystore file, or <see langword="null"/>.</summary>
    public string? HttpsKeystoreLocation =>
        GetString(HttpsKeystoreLocationConfig) is { Length: > 0 } prefixed ? prefixed
        : GetString(KeystoreLocationConfig) is { Length: > 0 } plain ? plain
        : null;

    /// <summary>The HTTPS keystore password, or <see langword="null"/>.</summary>
    public Password? HttpsKeystorePassword =>
        GetString(HttpsKeystoreLocationConfig) is { Length: > 0 } ? GetPassword(HttpsKeystorePasswordConfig) : GetPassword(KeystorePasswordConfig);

    /// <summary>The basic authentication credentials file, or <see langword="null"/>.</summary>
    public string? BasicAuthCredentialsFile => GetString(BasicAuthCredentialsFileConfig) is { Length: > 0 } file ? file : null;

    /// <summary>The REST API options these settings give.</summary>
    /// <returns>The options.</returns>
    public ConnectRestOptions ToOptions() => new()
    {
        RequestTimeout = TimeSpan.FromMilliseconds(GetLong(RequestTimeoutConfig)),
        MaxRequestBodySize = GetLong(RequestMaxBytesConfig),
        TopicTrackingEnabled = GetBoolean(TopicTrackingEnableConfig),
        TopicTrackingResetEnabled = GetBoolean(TopicTrackingAllowResetConfig),
    };
}
