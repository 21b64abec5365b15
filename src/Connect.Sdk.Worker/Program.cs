using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Rest;
using Connect.Sdk.Worker;
using System.Runtime.InteropServices;

CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"connect-worker: {e.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

switch (command.Mode)
{
    case "help":
        Console.WriteLine(CommandLine.Usage);
        return 0;
    case "version":
        Console.WriteLine(typeof(CommandLine).Assembly.GetName().Version?.ToString(3));
        return 0;
}

var logLevels = WorkerLogging.Levels();
using var loggerFactory = WorkerLogging.CreateFactory(logLevels);

using var stopping = new CancellationTokenSource();

// Ctrl+C and SIGTERM stop the worker gracefully: tasks finish, offsets are committed, then the process exits.
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

IConnectRuntime? runtime = null;
ConnectRestServer? restServer = null;
try
{
    var workerProps = new Dictionary<string, string>(StringComparer.Ordinal);
    var connectorFiles = command.ConnectorFiles.ToList();
    if (command.WorkerFile is not null)
    {
        var first = ConfigFiles.ReadConnector(command.WorkerFile);
        if (command.Dev && first.ContainsKey(ConnectorConfig.ConnectorClassConfig))
        {
            // With --dev the worker file may be left out: the first file is then a connector.
            connectorFiles.Insert(0, command.WorkerFile);
        }
        else
        {
            foreach (var (key, value) in ConfigFiles.ReadWorker(command.WorkerFile))
            {
                workerProps[key] = value;
            }
        }
    }

    if (command.Dev)
    {
        workerProps[WorkerConfig.DevClusterEnabledConfig] = "true";
        workerProps.Remove(WorkerConfig.BootstrapServersConfig);
    }

    var connectors = connectorFiles.Select(ConfigFiles.ReadConnector).ToList();

    // As Kafka's worker, the REST server starts first (answering 503 until the herder is ready), so the worker id
    // can be the advertised host:port.
    restServer = await RestApi.StartAsync(workerProps, () => runtime?.Herder, loggerFactory, logLevels, stopping.Token);
    if (!workerProps.TryGetValue(WorkerConfig.WorkerIdConfig, out var workerId) || string.IsNullOrWhiteSpace(workerId))
    {
        workerProps[WorkerConfig.WorkerIdConfig] = restServer.AdvertisedHostPort;
    }

    runtime = command.Mode == "distributed"
        ? await DistributedRuntime.StartAsync(workerProps, loggerFactory, cancellationToken: stopping.Token)
        : await StandaloneRuntime.StartAsync(workerProps, connectors, loggerFactory, cancellationToken: stopping.Token);
}
catch (Exception e) when (e is ConnectException or ConfigException or RestApiStartException)
{
    Console.Error.WriteLine($"connect-worker: {e.Message}");
    if (restServer is not null)
    {
        await restServer.DisposeAsync();
    }

    return 1;
}

Console.WriteLine($"REST API listening at {restServer.Url}");

if (runtime.DevCluster is { } cluster)
{
    Console.WriteLine($"Development Kafka cluster (in-memory, NOT FOR PRODUCTION) listening at bootstrap.servers={cluster.BootstrapServers}");
}

var progress = new ProgressReporter(runtime.Herder, Console.Out);
var showProgress = command.Progress ?? !Console.IsOutputRedirected;
var progressTask = showProgress ? progress.RunAsync(stopping.Token) : Task.CompletedTask;
try
{
    if (command.Duration is { } duration)
    {
        await Task.Delay(duration, stopping.Token);
    }
    else
    {
        await Task.Delay(Timeout.Infinite, stopping.Token);
    }
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: stop gracefully.
}

await stopping.CancelAsync();
await progressTask;
await restServer.DisposeAsync();
var failed = runtime.Herder.Connectors()
    .Select(runtime.Herder.ConnectorStatus)
    .SelectMany(s => s.Tasks.Select(t => (s.Name, t)).Prepend((s.Name, new Connect.Sdk.Runtime.Herder.TaskStateInfo(-1, s.Connector))))
    .Where(x => x.Item2.Status.State == Connect.Sdk.Runtime.Worker.ConnectState.Failed)
    .ToList();
await runtime.DisposeAsync();
progress.PrintSummary();
foreach (var (name, task) in failed)
{
    Console.Error.WriteLine(task.Id < 0
        ? $"connector {name} FAILED:\n{task.Status.Trace}"
        : $"task {name}-{task.Id} FAILED:\n{task.Status.Trace}");
}

return failed.Count == 0 ? 0 : 3;
