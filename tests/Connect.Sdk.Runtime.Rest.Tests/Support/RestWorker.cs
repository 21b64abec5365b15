using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Logging;
using Connect.Sdk.Runtime.Plugins;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests.Support;

/// <summary>A real standalone worker on the in-process development cluster, with the REST server on a free port of
/// 127.0.0.1, and an HttpClient for it.</summary>
public sealed class RestWorker : IAsyncDisposable
{
    private RestWorker(StandaloneRuntime runtime, ConnectRestServer server, ILoggerFactory loggerFactory, ConnectLogLevels logLevels)
    {
        Runtime = runtime;
        Server = server;
        LoggerFactory = loggerFactory;
        LogLevels = logLevels;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public StandaloneRuntime Runtime { get; }

    public ConnectRestServer Server { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ConnectLogLevels LogLevels { get; }

    public HttpClient Http { get; }

    public static IReadOnlyDictionary<string, string> WorkerProps(IReadOnlyDictionary<string, string>? extra = null)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dev.cluster.enabled"] = "true",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.flush.interval.ms"] = "200",
            ["task.shutdown.graceful.timeout.ms"] = "2000",
            ["listeners"] = "http://127.0.0.1:0",
            ["config.providers"] = "env",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            props[key] = value;
        }

        return props;
    }

    public static async Task<RestWorker> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var props = WorkerProps(extra);
        var logLevels = new ConnectLogLevels(LogLevel.Information).Configure("Microsoft", LogLevel.Warning);
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging
            .AddProvider(new DiscardingLoggerProvider())
            .AddConnectLogLevels(logLevels));
        var plugins = PluginRegistry.FromApplication().AddAssembly(typeof(RestWorker).Assembly);
        var runtime = await StandaloneRuntime.StartAsync(props, [], loggerFactory, plugins);
        try
        {
            var server = await ConnectRestServer.StartAsync(props, () => runtime.Herder, loggerFactory, logLevels);
            return new RestWorker(runtime, server, loggerFactory, logLevels);
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts another REST server over this worker's herder, with other settings.</summary>
    public Task<ConnectRestServer> StartServerAsync(IReadOnlyDictionary<string, string> extra) =>
        ConnectRestServer.StartAsync(WorkerProps(extra), () => Runtime.Herder, LoggerFactory, LogLevels);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Runtime.DisposeAsync();
        LoggerFactory.Dispose();
    }
}

/// <summary>Requests and JSON helpers for the tests.</summary>
public static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static async Task<(int Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(int Status, JsonNode? Body)> GetJsonAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);

    public static Task<(int Status, JsonNode? Body)> PutJsonAsync(this HttpClient client, string path, string json) => client.SendAsync(HttpMethod.Put, path, json);

    public static Task<(int Status, JsonNode? Body)> PostJsonAsync(this HttpClient client, string path, string json) => client.SendAsync(HttpMethod.Post, path, json);

    public static Task<(int Status, JsonNode? Body)> PatchJsonAsync(this HttpClient client, string path, string json) => client.SendAsync(HttpMethod.Patch, path, json);

    public static Task<(int Status, JsonNode? Body)> DeleteJsonAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Delete, path);

    /// <summary>Polls until the condition holds (statuses change asynchronously).</summary>
    public static async Task<JsonNode> EventuallyAsync(this HttpClient client, string path, Func<JsonNode, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await client.GetJsonAsync(path);
            if (status == 200 && body is not null)
            {
                last = body;
                if (condition(body))
                {
                    return body;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"GET {path} did not reach the expected state; last answer: {last?.ToJsonString()}");
    }

    public static string SourceConfig(string topic, string extra = "") =>
        $$"""{"connector.class": "{{typeof(RestTestSourceConnector).FullName}}", "tasks.max": "1", "topic": "{{topic}}"{{extra}}}""";
}

internal sealed class DiscardingLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => DiscardingLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class DiscardingLogger : ILogger
    {
        public static readonly DiscardingLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}

internal static class RestWorkerIds
{
    /// <summary>The cluster id answered when the brokers cannot be reached, for a fixed bootstrap list.</summary>
    public static string StandIn => KafkaClusterIdLookup.StandIn("localhost:9092");
}
