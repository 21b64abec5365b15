using System.Globalization;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Avro;

/// <summary>
/// The parsed settings of an <see cref="AvroConverter"/>, with Confluent's key names and defaults. Kept in one place so
/// it can move onto ConfigDef; errors name the key, the value and what is expected, like Kafka's ConfigException.
/// </summary>
internal sealed class AvroConverterConfig
{
    public IReadOnlyList<Uri> SchemaRegistryUrls { get; private init; } = [];

    public string? BasicAuthUserInfo { get; private init; }

    public bool AutoRegisterSchemas { get; private init; } = true;

    public bool UseLatestVersion { get; private init; }

    public SubjectNameStrategy KeySubjectNameStrategy { get; private init; }

    public SubjectNameStrategy ValueSubjectNameStrategy { get; private init; }

    public int MaxRetries { get; private init; } = 3;

    public TimeSpan RetryBackoff { get; private init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryBackoff { get; private init; } = TimeSpan.FromSeconds(20);

    public TimeSpan RequestTimeout { get; private init; } = TimeSpan.FromSeconds(60);

    public bool ConnectMetaData { get; private init; } = true;

    public bool EnhancedSchemaSupport { get; private init; }

    public int SchemasCacheSize { get; private init; } = 1000;

    /// <summary>Parses the converter's settings.</summary>
    /// <param name="configs">The settings, without the <c>key.converter.</c>/<c>value.converter.</c> prefix.</param>
    /// <param name="requireUrl">Whether <c>schema.registry.url</c> is required (it is not when a client was supplied).</param>
    /// <returns>The parsed settings.</returns>
    /// <exception cref="ConnectException">A setting is missing or invalid; the message names the key.</exception>
    public static AvroConverterConfig Parse(IReadOnlyDictionary<string, string> configs, bool requireUrl)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var urls = ParseUrls(configs, requireUrl);
        var source = Get(configs, AvroConverter.BasicAuthCredentialsSourceConfig)?.Trim().ToUpperInvariant() ?? "URL";
        var userInfo = Get(configs, AvroConverter.BasicAuthUserInfoConfig) ?? Get(configs, "schema.registry." + AvroConverter.BasicAuthUserInfoConfig);
        string? basicAuth;
        switch (source)
        {
            case "USER_INFO":
                if (string.IsNullOrEmpty(userInfo) || !userInfo.Contains(':', StringComparison.Ordinal))
                {
                    throw Invalid(
                        AvroConverter.BasicAuthUserInfoConfig,
                        string.IsNullOrEmpty(userInfo) ? "(missing)" : "[hidden]",
                        $"{AvroConverter.BasicAuthCredentialsSourceConfig}=USER_INFO needs credentials as user:password.");
                }

                basicAuth = userInfo;
                break;
            case "URL":
                basicAuth = null; // taken from the URL's user:password@ part, if any
                break;
            default:
                throw Invalid(AvroConverter.BasicAuthCredentialsSourceConfig, source, "supported sources are USER_INFO and URL.");
        }

        return new AvroConverterConfig
        {
            SchemaRegistryUrls = urls,
            BasicAuthUserInfo = basicAuth,
            AutoRegisterSchemas = GetBoolean(configs, AvroConverter.AutoRegisterSchemasConfig, true),
            UseLatestVersion = GetBoolean(configs, AvroConverter.UseLatestVersionConfig, false),
            KeySubjectNameStrategy = GetStrategy(configs, AvroConverter.KeySubjectNameStrategyConfig),
            ValueSubjectNameStrategy = GetStrategy(configs, AvroConverter.ValueSubjectNameStrategyConfig),
            MaxRetries = GetInt(configs, AvroConverter.MaxRetriesConfig, 3),
            RetryBackoff = TimeSpan.FromMilliseconds(GetInt(configs, AvroConverter.RetriesWaitMsConfig, 1000)),
            MaxRetryBackoff = TimeSpan.FromMilliseconds(GetInt(configs, AvroConverter.RetriesMaxWaitMsConfig, 20000)),
            RequestTimeout = TimeSpan.FromMilliseconds(GetInt(configs, AvroConverter.HttpReadTimeoutMsConfig, 60000, minimum: 1)),
            ConnectMetaData = GetBoolean(configs, AvroConverter.ConnectMetaDataConfig, true),
            EnhancedSchemaSupport = GetBoolean(configs, AvroConverter.EnhancedAvroSchemaSupportConfig, false),
            SchemasCacheSize = GetInt(configs, AvroConverter.SchemasCacheSizeConfig, 1000, minimum: 1),
        };
    }

    /// <summary>Parses a subject name strategy: Confluent's Java class names or the short names.</summary>
    /// <param name="text">The setting's value.</param>
    /// <param name="strategy">The strategy.</param>
    /// <returns>Whether the value names a known strategy.</returns>
    public static bool TryParseStrategy(string text, out SubjectNameStrategy strategy)
    {
        var name = text.Trim();
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            var package = name[..dot];
            if (package is not ("io.confluent.kafka.serializers.subject" or "io.confluent.kafka.serializers.subject.strategy" or "Connect.Sdk.Avro.SubjectNameStrategy"))
            {
                strategy = default;
                return false;
            }

            name = name[(dot + 1)..];
        }

        switch (name.ToUpperInvariant())
        {
            case "TOPICNAMESTRATEGY" or "TOPICNAME":
                strategy = SubjectNameStrategy.TopicName;
                return true;
            case "RECORDNAMESTRATEGY" or "RECORDNAME":
                strategy = SubjectNameStrategy.RecordName;
                return true;
            case "TOPICRECORDNAMESTRATEGY" or "TOPICRECORDNAME":
                strategy = SubjectNameStrategy.TopicRecordName;
                return true;
            default:
                strategy = default;
                return false;
        }
    }

    private static List<Uri> ParseUrls(IReadOnlyDictionary<string, string> configs, bool required)
    {
        var text = Get(configs, AvroConverter.SchemaRegistryUrlConfig);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                throw new ConnectException($"Missing required configuration \"{AvroConverter.SchemaRegistryUrlConfig}\" which has no default value.");
            }

            return [];
        }

        var urls = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw Invalid(AvroConverter.SchemaRegistryUrlConfig, text, $"\"{part}\" is not an absolute http:// or https:// URL.");
            }

            urls.Add(url);
        }

        return urls;
    }

    private static SubjectNameStrategy GetStrategy(IReadOnlyDictionary<string, string> configs, string key)
    {
        var text = Get(configs, key);
        if (string.IsNullOrWhiteSpace(text))
        {
            return SubjectNameStrategy.TopicName;
        }

        return TryParseStrategy(text, out var strategy)
            ? strategy
            : throw Invalid(key, text, "use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy (short names or io.confluent.kafka.serializers.subject.* class names).");
    }

    private static bool GetBoolean(IReadOnlyDictionary<string, string> configs, string key, bool defaultValue)
    {
        var text = Get(configs, key);
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw Invalid(key, text, "expected true or false."),
        };
    }

    private static int GetInt(IReadOnlyDictionary<string, string> configs, string key, int defaultValue, int minimum = 0)
    {
        var text = Get(configs, key);
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw Invalid(key, text, $"expected an integer of at least {minimum.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    private static string? Get(IReadOnlyDictionary<string, string> configs, string key) => configs.TryGetValue(key, out var value) ? value : null;

    private static ConnectException Invalid(string key, string value, string reason) =>
        new($"Invalid value {value} for configuration {key}: {reason}");
}
