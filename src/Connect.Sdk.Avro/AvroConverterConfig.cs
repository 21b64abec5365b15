using Connect.Sdk.Config;

namespace Connect.Sdk.Avro;

/// <summary>
/// The parsed settings of an <see cref="AvroConverter"/>, with Confluent's key names and defaults. Parsed
/// with a ConfigDef, so errors are Kafka's ConfigException texts naming the key, and the validate endpoint lists the keys.
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

    /// <summary>The definition of the converter's settings, with Confluent's keys and defaults.</summary>
    public static ConfigDef Definition { get; } = new ConfigDef()
        .Define(AvroConverter.SchemaRegistryUrlConfig, ConfigType.List, "", Importance.High,
            "Comma-separated list of URLs for Schema Registry instances that can be used to register or look up schemas.")
        .Define(AvroConverter.BasicAuthCredentialsSourceConfig, ConfigType.String, "URL", CaseInsensitiveValidString.In("URL", "USER_INFO"), Importance.Medium,
            "Specify how to pick the credentials for the Basic Auth header: URL (user:password@ in the URL) or USER_INFO (basic.auth.user.info).")
        .Define(AvroConverter.BasicAuthUserInfoConfig, ConfigType.Password, "", Importance.Medium,
            "Specify the user info for Basic Auth in the form of {username}:{password}.")
        .Define(AvroConverter.AutoRegisterSchemasConfig, ConfigType.Boolean, true, Importance.Medium,
            "Specify if the Serializer should attempt to register the Schema with Schema Registry.")
        .Define(AvroConverter.UseLatestVersionConfig, ConfigType.Boolean, false, Importance.Low,
            "Specify if the Serializer should use the latest subject version for serialization.")
        .Define(AvroConverter.KeySubjectNameStrategyConfig, ConfigType.String, "TopicNameStrategy", StrategyValidator(), Importance.Medium,
            "Determines how to construct the subject name under which the key schema is registered with Schema Registry.")
        .Define(AvroConverter.ValueSubjectNameStrategyConfig, ConfigType.String, "TopicNameStrategy", StrategyValidator(), Importance.Medium,
            "Determines how to construct the subject name under which the value schema is registered with Schema Registry.")
        .Define(AvroConverter.MaxRetriesConfig, ConfigType.Int, 3, RangeValidator.AtLeast(0), Importance.Low,
            "Maximum number of retries for a Schema Registry request that failed with a server error or timed out.")
        .Define(AvroConverter.RetriesWaitMsConfig, ConfigType.Int, 1000, RangeValidator.AtLeast(0), Importance.Low,
            "Time to wait before the first retry of a Schema Registry request, doubled on each further retry.")
        .Define(AvroConverter.RetriesMaxWaitMsConfig, ConfigType.Int, 20000, RangeValidator.AtLeast(0), Importance.Low,
            "Maximum time to wait between retries of a Schema Registry request.")
        .Define(AvroConverter.HttpReadTimeoutMsConfig, ConfigType.Int, 60000, RangeValidator.AtLeast(1), Importance.Low,
            "The timeout of a Schema Registry request.")
        .Define(AvroConverter.ConnectMetaDataConfig, ConfigType.Boolean, true, Importance.Low,
            "Whether to add the connect.* properties (name, version, doc, parameters) to the Avro schemas.")
        .Define(AvroConverter.EnhancedAvroSchemaSupportConfig, ConfigType.Boolean, false, Importance.Low,
            "Enable enhanced schema support to preserve package information and Enums.")
        .Define(AvroConverter.SchemasCacheSizeConfig, ConfigType.Int, 1000, RangeValidator.AtLeast(1), Importance.Low,
            "Size of the converted schemas cache.");

    /// <summary>Parses the converter's settings.</summary>
    /// <param name="configs">The settings, without the <c>key.converter.</c>/<c>value.converter.</c> prefix.</param>
    /// <param name="requireUrl">Whether <c>schema.registry.url</c> is required (it is not when a client was supplied).</param>
    /// <returns>The parsed settings.</returns>
    /// <exception cref="ConfigException">A setting is missing or invalid; the message names the key.</exception>
    public static AvroConverterConfig Parse(IReadOnlyDictionary<string, string> configs, bool requireUrl)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var known = configs.Where(c => Definition.ConfigKeys.ContainsKey(c.Key) && !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        if (!known.ContainsKey(AvroConverter.BasicAuthUserInfoConfig) && configs.TryGetValue("schema.registry." + AvroConverter.BasicAuthUserInfoConfig, out var prefixed))
        {
            known[AvroConverter.BasicAuthUserInfoConfig] = prefixed;
        }

        var values = Definition.Parse(known);
        var urls = ParseUrls((IReadOnlyList<string>)values[AvroConverter.SchemaRegistryUrlConfig]!, requireUrl);
        var source = ((string)values[AvroConverter.BasicAuthCredentialsSourceConfig]!).ToUpperInvariant();
        var userInfo = ((Password?)values[AvroConverter.BasicAuthUserInfoConfig])?.Value;
        if (source == "USER_INFO" && (string.IsNullOrEmpty(userInfo) || !userInfo.Contains(':', StringComparison.Ordinal)))
        {
            throw new ConfigException(
                AvroConverter.BasicAuthUserInfoConfig,
                string.IsNullOrEmpty(userInfo) ? "(missing)" : Password.HiddenText,
                $"{AvroConverter.BasicAuthCredentialsSourceConfig}=USER_INFO needs credentials as user:password.");
        }

        TryParseStrategy((string)values[AvroConverter.KeySubjectNameStrategyConfig]!, out var keyStrategy);
        TryParseStrategy((string)values[AvroConverter.ValueSubjectNameStrategyConfig]!, out var valueStrategy);
        return new AvroConverterConfig
        {
            SchemaRegistryUrls = urls,
            // With URL as the source, credentials come from the URL's user:password@ part, if any.
            BasicAuthUserInfo = source == "USER_INFO" ? userInfo : null,
            AutoRegisterSchemas = (bool)values[AvroConverter.AutoRegisterSchemasConfig]!,
            UseLatestVersion = (bool)values[AvroConverter.UseLatestVersionConfig]!,
            KeySubjectNameStrategy = keyStrategy,
            ValueSubjectNameStrategy = valueStrategy,
            MaxRetries = (int)values[AvroConverter.MaxRetriesConfig]!,
            RetryBackoff = TimeSpan.FromMilliseconds((int)values[AvroConverter.RetriesWaitMsConfig]!),
            MaxRetryBackoff = TimeSpan.FromMilliseconds((int)values[AvroConverter.RetriesMaxWaitMsConfig]!),
            RequestTimeout = TimeSpan.FromMilliseconds((int)values[AvroConverter.HttpReadTimeoutMsConfig]!),
            ConnectMetaData = (bool)values[AvroConverter.ConnectMetaDataConfig]!,
            EnhancedSchemaSupport = (bool)values[AvroConverter.EnhancedAvroSchemaSupportConfig]!,
            SchemasCacheSize = (int)values[AvroConverter.SchemasCacheSizeConfig]!,
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

    private static IConfigValidator StrategyValidator() => LambdaValidator.With(
        (name, value) =>
        {
            if (value is string text && !TryParseStrategy(text, out _))
            {
                throw new ConfigException(name, text, "use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy (short names or io.confluent.kafka.serializers.subject.* class names).");
            }
        },
        () => "TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");

    private static List<Uri> ParseUrls(IReadOnlyList<string> parts, bool required)
    {
        if (parts.Count == 0)
        {
            if (required)
            {
                throw new ConfigException($"Missing required configuration \"{AvroConverter.SchemaRegistryUrlConfig}\" which has no default value.");
            }

            return [];
        }

        var urls = new List<Uri>();
        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ConfigException(AvroConverter.SchemaRegistryUrlConfig, string.Join(",", parts), $"\"{part}\" is not an absolute http:// or https:// URL.");
            }

            urls.Add(url);
        }

        return urls;
    }
}
