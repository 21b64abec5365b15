using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>The configuration of <see cref="TwitterSourceConnector"/> and its tasks. A task gets the connector's
/// configuration with <see cref="FilterKeywordsConfig"/> narrowed down to its own keywords.</summary>
public sealed class TwitterSourceConfig : AbstractConfig
{
    /// <summary>The base URL of the status search API.</summary>
    public const string ApiUrlConfig = "api.url";

    /// <summary>The OAuth consumer key (API key) of the application.</summary>
    public const string ConsumerKeyConfig = "twitter.oauth.consumerKey";

    /// <summary>The OAuth consumer secret (API secret) of the application.</summary>
    public const string ConsumerSecretConfig = "twitter.oauth.consumerSecret";

    /// <summary>The OAuth access token of the account the application acts for.</summary>
    public const string AccessTokenConfig = "twitter.oauth.accessToken";

    /// <summary>The OAuth access token secret of the account the application acts for.</summary>
    public const string AccessTokenSecretConfig = "twitter.oauth.accessTokenSecret";

    /// <summary>The keywords to search for.</summary>
    public const string FilterKeywordsConfig = "filter.keywords";

    /// <summary>The topic the statuses are written to.</summary>
    public const string KafkaStatusTopicConfig = "kafka.status.topic";

    /// <summary>How long a keyword rests after a search that returned its newest statuses.</summary>
    public const string PollIntervalMsConfig = "poll.interval.ms";

    /// <summary>The most statuses asked for in one search request.</summary>
    public const string SearchCountConfig = "search.count";

    /// <summary>The first pause after a failed request.</summary>
    public const string RetryBackoffMsConfig = "retry.backoff.ms";

    /// <summary>The longest pause after failed requests.</summary>
    public const string RetryBackoffMaxMsConfig = "retry.backoff.max.ms";

    /// <summary>How long one request may take.</summary>
    public const string RequestTimeoutMsConfig = "request.timeout.ms";

    /// <summary>The default of <see cref="PollIntervalMsConfig"/>, in milliseconds.</summary>
    public const long DefaultPollIntervalMs = 30_000;

    /// <summary>The default of <see cref="SearchCountConfig"/>.</summary>
    public const int DefaultSearchCount = 100;

    /// <summary>The largest <see cref="SearchCountConfig"/> the API accepts.</summary>
    public const int MaxSearchCount = 200;

    /// <summary>The default of <see cref="RetryBackoffMsConfig"/>, in milliseconds.</summary>
    public const long DefaultRetryBackoffMs = 1_000;

    /// <summary>The default of <see cref="RetryBackoffMaxMsConfig"/>, in milliseconds.</summary>
    public const long DefaultRetryBackoffMaxMs = 60_000;

    /// <summary>The default of <see cref="RequestTimeoutMsConfig"/>, in milliseconds.</summary>
    public const long DefaultRequestTimeoutMs = 30_000;

    private const string ConnectionGroup = "Connection";
    private const string SearchGroup = "Search";
    private const string RetriesGroup = "Retries";

    /// <summary>Initializes a new instance of the <see cref="TwitterSourceConfig"/> class.</summary>
    /// <param name="props">The connector or task configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    public TwitterSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
        if (RetryBackoffMax < RetryBackoff)
        {
            throw new ConfigException(
                RetryBackoffMaxMsConfig,
                GetLong(RetryBackoffMaxMsConfig),
                $"Value must be at least {RetryBackoffMsConfig} ({GetLong(RetryBackoffMsConfig)})");
        }
    }

    /// <summary>Gets the definition of the keys.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(
            ApiUrlConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            HttpUrlValidator.Instance,
            Importance.High,
            "Base URL of the status search API, for example https://api.example.com/1.1. The tasks call GET <api.url>/search?q=<keyword>&since_id=<id>&count=<n>.",
            ConnectionGroup,
            1)
        .Define(
            ConsumerKeyConfig,
            ConfigType.Password,
            ConfigDef.NoDefaultValue,
            Importance.High,
            "OAuth 1.0a consumer key (API key) of the application.",
            ConnectionGroup,
            2)
        .Define(
            ConsumerSecretConfig,
            ConfigType.Password,
            ConfigDef.NoDefaultValue,
            Importance.High,
            "OAuth 1.0a consumer secret (API secret) of the application; it signs requests and is never sent.",
            ConnectionGroup,
            3)
        .Define(
            AccessTokenConfig,
            ConfigType.Password,
            ConfigDef.NoDefaultValue,
            Importance.High,
            "OAuth 1.0a access token of the account the application reads as.",
            ConnectionGroup,
            4)
        .Define(
            AccessTokenSecretConfig,
            ConfigType.Password,
            ConfigDef.NoDefaultValue,
            Importance.High,
            "OAuth 1.0a access token secret of that account; it signs requests and is never sent.",
            ConnectionGroup,
            5)
        .Define(
            RequestTimeoutMsConfig,
            ConfigType.Long,
            DefaultRequestTimeoutMs,
            RangeValidator.AtLeast(1),
            Importance.Low,
            "How long one search request may take, in milliseconds, before it counts as failed and is retried.",
            ConnectionGroup,
            6)
        .Define(
            FilterKeywordsConfig,
            ConfigType.List,
            ConfigDef.NoDefaultValue,
            KeywordListValidator.Instance,
            Importance.High,
            "Keywords to search for. Each keyword is searched on its own and keeps its own position, so the keywords are spread over the tasks (at most one task per keyword).",
            SearchGroup,
            1)
        .Define(
            KafkaStatusTopicConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            TopicNameValidator.Instance,
            Importance.High,
            "Topic the statuses are written to.",
            SearchGroup,
            2)
        .Define(
            PollIntervalMsConfig,
            ConfigType.Long,
            DefaultPollIntervalMs,
            RangeValidator.AtLeast(0),
            Importance.Medium,
            "How long, in milliseconds, a keyword rests after a search that returned fewer statuses than search.count (that is, all new ones) before it is searched again.",
            SearchGroup,
            3)
        .Define(
            SearchCountConfig,
            ConfigType.Int,
            DefaultSearchCount,
            RangeValidator.Between(1, MaxSearchCount),
            Importance.Low,
            "The most statuses asked for in one search request (the API's count parameter). A full page is followed by the next search for that keyword at once.",
            SearchGroup,
            4)
        .Define(
            RetryBackoffMsConfig,
            ConfigType.Long,
            DefaultRetryBackoffMs,
            RangeValidator.AtLeast(0),
            Importance.Low,
            "The pause, in milliseconds, after a failed request (HTTP 429 without Retry-After, HTTP 5xx, a timeout or a network error). It doubles with each failure in a row, up to retry.backoff.max.ms. A Retry-After header from the API takes precedence.",
            RetriesGroup,
            1)
        .Define(
            RetryBackoffMaxMsConfig,
            ConfigType.Long,
            DefaultRetryBackoffMaxMs,
            RangeValidator.AtLeast(0),
            Importance.Low,
            "The longest pause, in milliseconds, between failed requests.",
            RetriesGroup,
            2);

    /// <summary>Gets the base URL of the search API.</summary>
    public Uri ApiUrl => new(GetString(ApiUrlConfig)!, UriKind.Absolute);

    /// <summary>Gets the OAuth consumer key.</summary>
    public Password ConsumerKey => GetPassword(ConsumerKeyConfig)!;

    /// <summary>Gets the OAuth consumer secret.</summary>
    public Password ConsumerSecret => GetPassword(ConsumerSecretConfig)!;

    /// <summary>Gets the OAuth access token.</summary>
    public Password AccessToken => GetPassword(AccessTokenConfig)!;

    /// <summary>Gets the OAuth access token secret.</summary>
    public Password AccessTokenSecret => GetPassword(AccessTokenSecretConfig)!;

    /// <summary>Gets the keywords, without duplicates, in the order given.</summary>
    public IReadOnlyList<string> FilterKeywords => [.. GetList(FilterKeywordsConfig)!.Distinct(StringComparer.Ordinal)];

    /// <summary>Gets the topic to write to.</summary>
    public string KafkaStatusTopic => GetString(KafkaStatusTopicConfig)!;

    /// <summary>Gets how long a caught-up keyword rests.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(GetLong(PollIntervalMsConfig));

    /// <summary>Gets the most statuses asked for in one request.</summary>
    /// <value>The default is <see cref="DefaultSearchCount"/>.</value>
    public int SearchCount => GetInt(SearchCountConfig);

    /// <summary>Gets the first pause after a failed request.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan RetryBackoff => TimeSpan.FromMilliseconds(GetLong(RetryBackoffMsConfig));

    /// <summary>Gets the longest pause after failed requests.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan RetryBackoffMax => TimeSpan.FromMilliseconds(GetLong(RetryBackoffMaxMsConfig));

    /// <summary>Gets how long one request may take.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan RequestTimeout => TimeSpan.FromMilliseconds(GetLong(RequestTimeoutMsConfig));
}
