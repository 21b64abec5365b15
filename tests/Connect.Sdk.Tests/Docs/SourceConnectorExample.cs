using System.Net.Http.Headers;
using System.Net.Http.Json;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Tests.Docs;

// The example of docs/writing-a-source-connector.md: a source connector that reads weather observations from an HTTP
// API, one source partition per station. The regions are copied into the page; DocSnippetTests fails when they drift
// apart, and SourceConnectorExampleTests runs the code.

#region config
/// <summary>The settings of <see cref="ObservationSourceConnector"/> and its tasks.</summary>
public sealed class ObservationSourceConfig : AbstractConfig
{
    public const string ApiUrlConfig = "api.url";
    public const string ApiTokenConfig = "api.token";
    public const string StationsConfig = "stations";
    public const string TopicConfig = "topic";
    public const string PollIntervalMsConfig = "poll.interval.ms";

    private static readonly IConfigValidator AbsoluteUrl = LambdaValidator.With(
        (name, value) =>
        {
            if (!Uri.TryCreate(value as string, UriKind.Absolute, out _))
            {
                throw new ConfigException(name, value, "Must be an absolute URL.");
            }
        },
        () => "absolute URL");

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(ApiUrlConfig, ConfigType.String, ConfigDef.NoDefaultValue, AbsoluteUrl, Importance.High,
            "Base URL of the observations API, ending in a slash, e.g. https://weather.example.com/v2/.")
        .Define(ApiTokenConfig, ConfigType.Password, ConfigDef.NoDefaultValue, Importance.High,
            "The API's bearer token.")
        .Define(StationsConfig, ConfigType.List, ConfigDef.NoDefaultValue, Importance.High,
            "Ids of the stations to read. Each station is a source partition; the tasks share the stations.")
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "The topic to write the observations to.")
        .Define(PollIntervalMsConfig, ConfigType.Long, 60_000L, RangeValidator.AtLeast(0), Importance.Medium,
            "How long, in milliseconds, a station that had nothing new rests before it is asked again.");

    public ObservationSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    public Uri ApiUrl => new(GetString(ApiUrlConfig)!, UriKind.Absolute);

    public Password ApiToken => GetPassword(ApiTokenConfig)!;

    public IReadOnlyList<string> Stations => GetList(StationsConfig)!;

    public string Topic => GetString(TopicConfig)!;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(GetLong(PollIntervalMsConfig));
}
#endregion

#region schemas
/// <summary>The schemas of the records: fully qualified names, versions and docs; the key is a struct.</summary>
public static class ObservationSchemas
{
    public static Schema Key { get; } = SchemaBuilder.Struct()
        .Name("com.example.weather.ObservationKey")
        .Version(1)
        .Doc("Key of an observation: its station, so that a station's observations stay in order in one partition.")
        .Field("station", SchemaBuilder.String().Doc("Station id, e.g. KSEA.").Build())
        .Build();

    public static Schema Value { get; } = SchemaBuilder.Struct()
        .Name("com.example.weather.Observation")
        .Version(1)
        .Doc("A weather observation reported by a station.")
        .Field("station", SchemaBuilder.String().Doc("Station id, e.g. KSEA.").Build())
        .Field("observed_at", ConnectTimestamp.Builder().Doc("When the observation was made (UTC).").Build())
        .Field("temperature_c", SchemaBuilder.Float64().Optional().Doc("Air temperature in °C; null when not measured.").Build())
        .Field("wind_kph", SchemaBuilder.Float64().Optional().Doc("Wind speed in km/h; null when not measured.").Build())
        .Build();
}
#endregion

#region connector
/// <summary>Reads the observations of weather stations; the stations are shared out among the tasks.</summary>
public sealed class ObservationSourceConnector : SourceConnector
{
    private Dictionary<string, string> _settings = [];
    private IReadOnlyList<string> _stations = [];

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(ObservationSourceTask);

    public override ConfigDef Config => ObservationSourceConfig.ConfigDef;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        // Parsing validates: a missing or invalid key throws a ConfigException that names it.
        _stations = new ObservationSourceConfig(config).Stations;
        _settings = new Dictionary<string, string>(config);
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        // At most maxTasks tasks, never more than there are stations; each gets the settings with its own stations.
        var tasks = Math.Min(maxTasks, _stations.Count);
        return Enumerable.Range(0, tasks)
            .Select(task => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_settings)
            {
                [ObservationSourceConfig.StationsConfig] = string.Join(',', _stations.Where((_, i) => i % tasks == task)),
            })
            .ToList();
    }

    public override void Stop()
    {
        // Nothing runs in the background.
    }
}
#endregion

#region task
/// <summary>Asks the API for each of its stations in turn, resuming from the committed offsets.</summary>
public sealed class ObservationSourceTask : SourceTask
{
    public const string StationKey = "station";        // the source partition: {"station": "KSEA"}
    public const string ObservedAtKey = "observed_at"; // the source offset: {"observed_at": 1717236000000}

    private static readonly TimeSpan RetryBackoff = TimeSpan.FromSeconds(5);

    private readonly Queue<Station> _stations = new();
    private ObservationClient? _client;
    private string _topic = "";
    private TimeSpan _pollInterval;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    public override string Version => "1.0.0";

    /// <summary>Tests replace the HTTP handler; the runtime leaves the default.</summary>
    internal HttpMessageHandler? Handler { get; set; }

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var settings = new ObservationSourceConfig(config);
        _topic = settings.Topic;
        _pollInterval = settings.PollInterval;
        _client = new ObservationClient(settings.ApiUrl, settings.ApiToken, Handler);

        // Resume: read the committed offsets of this task's source partitions, all at once.
        var offsets = Context.OffsetStorageReader.Offsets(settings.Stations.Select(Partition));
        foreach (var id in settings.Stations)
        {
            var since = offsets.TryGetValue(Partition(id), out var offset) && offset[ObservedAtKey] is long ms ? ms : 0;
            _stations.Enqueue(new Station(id, since));
        }
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        // One station per poll: a failure cannot lose records already read for another station.
        var station = _stations.Peek();
        var due = station.DueAt > _retryAt ? station.DueAt : _retryAt;
        if (due > DateTimeOffset.UtcNow)
        {
            // Nothing to do yet: wait a little and return, so that the runtime can commit, pause or stop the task.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            return null;
        }

        IReadOnlyList<Observation> observations;
        try
        {
            observations = await _client!.FetchAsync(station.Id, station.Since, cancellationToken).ConfigureAwait(false);
        }
        catch (RetriableException)
        {
            // The runtime logs it and polls again at once: the task backs off itself.
            _retryAt = DateTimeOffset.UtcNow + RetryBackoff;
            throw;
        }

        _stations.Enqueue(_stations.Dequeue());
        station.DueAt = observations.Count == 0 ? DateTimeOffset.UtcNow + _pollInterval : DateTimeOffset.MinValue;
        var records = new List<SourceRecord>(observations.Count);
        foreach (var observation in observations.OrderBy(o => o.ObservedAt))
        {
            records.Add(ToRecord(observation));
            station.Since = observation.ObservedAt;
        }

        return records;
    }

    public override void Stop() => _client?.Dispose();

    private SourceRecord ToRecord(Observation o) => new(
        Partition(o.Station),
        new Dictionary<string, object?> { [ObservedAtKey] = o.ObservedAt },
        _topic,
        keySchema: ObservationSchemas.Key,
        key: new Struct(ObservationSchemas.Key).Put("station", o.Station),
        valueSchema: ObservationSchemas.Value,
        value: new Struct(ObservationSchemas.Value)
            .Put("station", o.Station)
            .Put("observed_at", DateTime.UnixEpoch.AddMilliseconds(o.ObservedAt))
            .Put("temperature_c", o.TemperatureC)
            .Put("wind_kph", o.WindKph),
        timestamp: o.ObservedAt);

    private static Dictionary<string, object?> Partition(string station) => new() { [StationKey] = station };

    private sealed class Station(string id, long since)
    {
        public string Id { get; } = id;

        public long Since { get; set; } = since;

        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MinValue;
    }
}
#endregion

#region client
/// <summary>Calls the observations API and sorts its failures into transient and fatal ones.</summary>
internal sealed class ObservationClient(Uri apiUrl, Password token, HttpMessageHandler? handler) : IDisposable
{
    private readonly HttpClient _http = handler is null ? new HttpClient() : new HttpClient(handler);

    public async Task<IReadOnlyList<Observation>> FetchAsync(string station, long sinceMs, CancellationToken cancellationToken)
    {
        var url = new Uri(apiUrl, $"stations/{Uri.EscapeDataString(station)}/observations?since={sinceMs}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RetriableException($"Could not reach the observations API at {apiUrl}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetriableException($"The observations API did not answer in time for station {station}.", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                // Retrying cannot help (and may lock the account out): fail the task with a message for the operator.
                throw new ConnectException(
                    $"The observations API refused the token (HTTP {status}). Check {ObservationSourceConfig.ApiTokenConfig}.");
            }

            if (status is 429 or >= 500)
            {
                throw new RetriableException($"The observations API answered HTTP {status} for station {station}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectException($"The observations API answered HTTP {status} for station {station}.");
            }

            return await response.Content.ReadFromJsonAsync<List<Observation>>(cancellationToken).ConfigureAwait(false) ?? [];
        }
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record Observation(string Station, long ObservedAt, double? TemperatureC, double? WindKph);
#endregion
