using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Testing.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Sdk.Testing.Integration;

/// <summary>
/// A Connect cluster inside the test process: a standalone worker (the runtime's <see cref="StandaloneRuntime"/>)
/// against an <see cref="EmbeddedKafkaCluster"/>, with Kafka Connect's REST API (<c>MapConnectApi()</c>) on a free
/// port of 127.0.0.1. Helpers drive it through the REST API as an operator would (create or update a connector,
/// read its status, pause, resume, restart, delete) and wait for states and for records in topics.
/// </summary>
/// <example>
/// <code>
/// await using var connect = await EmbeddedConnectCluster.StartAsync();
/// await connect.ConfigureConnectorAsync("orders", config);
/// await connect.AwaitTasksAsync("orders", tasks: 1);
/// var records = await connect.AwaitRecordsAsync("orders", count: 10);
/// </code>
/// </example>
public sealed class EmbeddedConnectCluster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsKafka;
    private readonly string _folder;
    private readonly TimeSpan _defaultTimeout;
    private int _disposed;

    private EmbeddedConnectCluster(EmbeddedKafkaCluster kafka, bool ownsKafka, StandaloneRuntime worker, WebApplication app, Uri restUrl, string folder, TimeSpan defaultTimeout)
    {
        Kafka = kafka;
        _ownsKafka = ownsKafka;
        Worker = worker;
        _app = app;
        RestUrl = restUrl;
        _folder = folder;
        _defaultTimeout = defaultTimeout;
        Rest = new HttpClient { BaseAddress = restUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The Kafka cluster the worker runs against.</summary>
    public EmbeddedKafkaCluster Kafka { get; }

    /// <summary>The worker, for what the REST API does not show.</summary>
    public StandaloneRuntime Worker { get; }

    /// <summary>The REST API's base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RestUrl { get; }

    /// <summary>An HTTP client for the REST API, with <see cref="RestUrl"/> as its base address.</summary>
    public HttpClient Rest { get; }

    /// <summary>The worker's offsets file (in a temporary folder deleted on dispose).</summary>
    public string OffsetsFile => Path.Combine(_folder, "connect.offsets");

    /// <summary>Starts a Kafka cluster (unless one is given), a standalone worker against it, and the REST API.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running cluster; dispose it to stop everything.</returns>
    public static async Task<EmbeddedConnectCluster> StartAsync(EmbeddedConnectClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddedConnectClusterOptions();
        var ownsKafka = options.Kafka is null;
        var kafka = options.Kafka ?? EmbeddedKafkaCluster.Start(options.Brokers);
        var folder = Directory.CreateTempSubdirectory("connect-sdk-cluster-").FullName;
        StandaloneRuntime? worker = null;
        WebApplication? app = null;
        try
        {
            var props = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [WorkerConfig.BootstrapServersConfig] = kafka.BootstrapServers,
                [WorkerConfig.OffsetStorageFileConfig] = Path.Combine(folder, "connect.offsets"),
                [WorkerConfig.OffsetFlushIntervalConfig] = "1000",
                [WorkerConfig.TaskShutdownTimeoutConfig] = "5000",
                [WorkerConfig.WorkerIdConfig] = "embedded-worker",
                // Short session and reconnect times keep rebalances and broker outages quick on the mock cluster.
                ["consumer.session.timeout.ms"] = "6000",
                ["consumer.heartbeat.interval.ms"] = "500",
                ["consumer.reconnect.backoff.max.ms"] = "500",
                ["producer.reconnect.backoff.max.ms"] = "500",
                ["producer.linger.ms"] = "5",
            };
            foreach (var (key, value) in options.WorkerProperties)
            {
                props[key] = value;
            }

            var plugins = options.Plugins ?? PipelineDefaults.Plugins;
            foreach (var type in options.PluginTypes)
            {
                plugins.AddType(type);
            }

            foreach (var assembly in options.PluginAssemblies)
            {
                plugins.AddAssembly(assembly);
            }

            worker = await StandaloneRuntime.StartAsync(props, [], options.LoggerFactory ?? NullLoggerFactory.Instance, plugins, cancellationToken: cancellationToken)
                .ConfigureAwait(false);

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmbeddedConnectCluster).Assembly.GetName().Name });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IHerder>(worker.Herder);
            app = builder.Build();
            app.MapConnectApi();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
                ?? throw new InvalidOperationException("The REST API did not report the address it listens on.");
            return new EmbeddedConnectCluster(kafka, ownsKafka, worker, app, new Uri(address + "/"), folder, options.DefaultTimeout);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            if (worker is not null)
            {
                await worker.DisposeAsync().ConfigureAwait(false);
            }

            if (ownsKafka)
            {
                kafka.Dispose();
            }

            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>Creates or updates a connector: <c>PUT /connectors/{name}/config</c>.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="config">The connector configuration (<c>name</c> may be left out).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether the connector was created (rather than updated).</returns>
    /// <exception cref="HttpRequestException">The API refused the configuration; the message holds its answer.</exception>
    public async Task<bool> ConfigureConnectorAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(config);
        var body = new JsonObject();
        foreach (var (key, value) in config)
        {
            body[key] = value;
        }

        var (status, _) = await SendAsync(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/config", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.Created;
    }

    /// <summary>Deletes a connector: <c>DELETE /connectors/{name}</c>.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the connector is deleted.</returns>
    /// <exception cref="HttpRequestException">The API refused; the message holds its answer.</exception>
    public Task DeleteConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"connectors/{Uri.EscapeDataString(name)}", null, cancellationToken);

    /// <summary>Pauses a connector and its tasks: <c>PUT /connectors/{name}/pause</c>.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the request was accepted.</returns>
    /// <exception cref="HttpRequestException">The API refused; the message holds its answer.</exception>
    public Task PauseConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/pause", null, cancellationToken);

    /// <summary>Resumes a paused connector: <c>PUT /connectors/{name}/resume</c>.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the request was accepted.</returns>
    /// <exception cref="HttpRequestException">The API refused; the message holds its answer.</exception>
    public Task ResumeConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/resume", null, cancellationToken);

    /// <summary>Restarts a connector: <c>POST /connectors/{name}/restart?includeTasks=…&amp;onlyFailed=…</c>.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="includeTasks">Whether its tasks restart too.</param>
    /// <param name="onlyFailed">Whether only failed instances restart.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the request was accepted.</returns>
    /// <exception cref="HttpRequestException">The API refused; the message holds its answer.</exception>
    public Task RestartConnectorAsync(string name, bool includeTasks = false, bool onlyFailed = false, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post,
            string.Create(CultureInfo.InvariantCulture, $"connectors/{Uri.EscapeDataString(name)}/restart?includeTasks={(includeTasks ? "true" : "false")}&onlyFailed={(onlyFailed ? "true" : "false")}"),
            null,
            cancellationToken);

    /// <summary>Reads a connector's status: <c>GET /connectors/{name}/status</c>.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status of the connector and its tasks, with failure traces.</returns>
    /// <exception cref="HttpRequestException">The API refused (e.g. 404 for an unknown connector).</exception>
    public async Task<ConnectorStateInfo> GetStatusAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var (_, body) = await SendAsync(HttpMethod.Get, $"connectors/{Uri.EscapeDataString(name)}/status", null, cancellationToken).ConfigureAwait(false);
        return ParseStatus(body ?? throw new HttpRequestException($"GET /connectors/{name}/status answered without a body."));
    }

    /// <summary>Waits until a connector is in a state.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="state">The state to wait for.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> for <see cref="EmbeddedConnectClusterOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The status that matched.</returns>
    /// <exception cref="TimeoutException">The state was not reached; the message shows the last status and traces.</exception>
    public Task<ConnectorStateInfo> AwaitConnectorStateAsync(string name, ConnectState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AwaitStatusAsync(name, s => s.Connector.State == state, $"connector {name} is {state.ToWireName()}", timeout, cancellationToken);

    /// <summary>Waits until one task of a connector is in a state.</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="task">The task number.</param>
    /// <param name="state">The state to wait for.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> for <see cref="EmbeddedConnectClusterOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The status that matched.</returns>
    /// <exception cref="TimeoutException">The state was not reached; the message shows the last status and traces.</exception>
    public Task<ConnectorStateInfo> AwaitTaskStateAsync(string name, int task, ConnectState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AwaitStatusAsync(
            name,
            s => s.Tasks.Any(t => t.Id == task && t.Status.State == state),
            string.Create(CultureInfo.InvariantCulture, $"task {task} of connector {name} is {state.ToWireName()}"),
            timeout,
            cancellationToken);

    /// <summary>Waits until a connector has exactly <paramref name="tasks"/> tasks, all in a state, and is itself
    /// RUNNING (PAUSED when waiting for paused tasks).</summary>
    /// <param name="name">The connector name.</param>
    /// <param name="tasks">The number of tasks.</param>
    /// <param name="state">The state every task must be in.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> for <see cref="EmbeddedConnectClusterOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The status that matched.</returns>
    /// <exception cref="TimeoutException">The state was not reached; the message shows the last status and traces.</exception>
    public Task<ConnectorStateInfo> AwaitTasksAsync(string name, int tasks, ConnectState state = ConnectState.Running, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AwaitStatusAsync(
            name,
            s => s.Connector.State == ConnectorStateFor(state) && s.Tasks.Count == tasks && s.Tasks.All(t => t.Status.State == state),
            string.Create(CultureInfo.InvariantCulture, $"connector {name} is {ConnectorStateFor(state).ToWireName()} with {tasks} task(s) {state.ToWireName()}"),
            timeout,
            cancellationToken);

    /// <summary>Waits until a topic holds at least <paramref name="count"/> records and returns the first ones.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="count">How many records to wait for.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> for <see cref="EmbeddedConnectClusterOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first <paramref name="count"/> records of the topic.</returns>
    /// <exception cref="TimeoutException">Fewer records arrived in time.</exception>
    public Task<IReadOnlyList<ConsumedRecord>> AwaitRecordsAsync(string topic, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Kafka.ConsumeAsync(topic, count, timeout ?? _defaultTimeout, cancellationToken);

    /// <summary>Stops the REST API, the worker (gracefully, committing offsets) and the Kafka cluster it started.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Rest.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Worker.DisposeAsync().ConfigureAwait(false);
        if (_ownsKafka)
        {
            Kafka.Dispose();
        }

        DeleteFolder(_folder);
    }

    private async Task<ConnectorStateInfo> AwaitStatusAsync(
        string name,
        Func<ConnectorStateInfo, bool> condition,
        string description,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var limit = timeout ?? _defaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        ConnectorStateInfo? last = null;
        string? lastError = null;
        while (true)
        {
            try
            {
                last = await GetStatusAsync(name, cancellationToken).ConfigureAwait(false);
                lastError = null;
                if (condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Timed out after {limit.TotalSeconds:0.#} s waiting until {description}; last status: {(last is null ? lastError ?? "none" : Describe(last))}"));
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Rest.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON: reported as text below if the status is an error.
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = body?["message"]?.GetValue<string>() ?? text;
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"{method} /{path} answered {(int)response.StatusCode}: {message}"),
                null,
                response.StatusCode);
        }

        return (response.StatusCode, body);
    }

    private static ConnectState ConnectorStateFor(ConnectState taskState) =>
        taskState == ConnectState.Paused ? ConnectState.Paused : ConnectState.Running;

    private static ConnectorStateInfo ParseStatus(JsonNode body)
    {
        static ComponentStatus Status(JsonNode node) => new(
            Enum.Parse<ConnectState>(node["state"]!.GetValue<string>(), ignoreCase: true),
            node["worker_id"]?.GetValue<string>() ?? string.Empty,
            node["trace"]?.GetValue<string>());

        var tasks = (body["tasks"]?.AsArray() ?? [])
            .Select(t => new TaskStateInfo(t!["id"]!.GetValue<int>(), Status(t)))
            .ToList();
        var type = body["type"]?.GetValue<string>() switch
        {
            "source" => ConnectorType.Source,
            "sink" => ConnectorType.Sink,
            _ => ConnectorType.Unknown,
        };
        return new ConnectorStateInfo(body["name"]!.GetValue<string>(), Status(body["connector"]!), tasks, type);
    }

    private static string Describe(ConnectorStateInfo status) =>
        $"connector {status.Connector.State.ToWireName()}, tasks [{string.Join(", ", status.Tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Id}: {t.Status.State.ToWireName()}")))}]"
        + string.Concat(status.Tasks.Where(t => t.Status.Trace is not null).Select(t => string.Create(CultureInfo.InvariantCulture, $"\ntask {t.Id} trace: {t.Status.Trace}")))
        + (status.Connector.Trace is { } trace ? $"\nconnector trace: {trace}" : string.Empty);

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the system cleans its temporary folder eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }
}
