using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Plugins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>Runs a standalone worker for the lifetime of the host.</summary>
internal sealed class ConnectWorkerHostedService(
    IOptions<ConnectWorkerOptions> options,
    ILoggerFactory loggerFactory,
    ConnectMetrics metrics,
    ConnectWorkerAccessor accessor) : IHostedService
{
    private StandaloneRuntime? _runtime;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var plugins = PluginRegistry.FromApplication();
        foreach (var assembly in settings.PluginAssemblies)
        {
            plugins.AddAssembly(assembly);
        }

        var pluginPath = new WorkerConfig(settings.Worker).GetList(WorkerConfig.PluginPathConfig) ?? [];
        plugins.AddPluginPath(pluginPath);
        var connectors = settings.Connectors.Select(c => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(c.Value, StringComparer.Ordinal)
        {
            [ConnectorConfig.NameConfig] = c.Key,
        });
        _runtime = await StandaloneRuntime.StartAsync(settings.Worker, connectors, loggerFactory, plugins, metrics, cancellationToken).ConfigureAwait(false);
        accessor.Runtime = _runtime;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync().ConfigureAwait(false);
            accessor.Runtime = null;
            _runtime = null;
        }
    }
}
