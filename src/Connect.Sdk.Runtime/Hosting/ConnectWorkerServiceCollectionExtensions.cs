using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Connect worker that runs as a hosted service inside any .NET host.</summary>
public static class ConnectWorkerServiceCollectionExtensions
{
    /// <summary>Adds a standalone Connect worker configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets worker and connector settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConnectWorker(this IServiceCollection services, Action<ConnectWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConnectWorkerOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Adds a standalone Connect worker bound to a configuration section (e.g. <c>ConnectWorker</c> with
    /// <c>Worker</c> and <c>Connectors</c> children).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConnectWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectWorkerOptions>().Configure(options =>
        {
            foreach (var setting in configuration.GetSection("Worker").AsEnumerable(makePathsRelative: true).Where(s => s.Value is not null))
            {
                options.Worker[setting.Key] = setting.Value!;
            }

            foreach (var connector in configuration.GetSection("Connectors").GetChildren())
            {
                options.Connectors[connector.Key] = connector.AsEnumerable(makePathsRelative: true)
                    .Where(s => s.Value is not null)
                    .ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal);
            }
        }).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectWorkerOptions>, ConnectWorkerOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(provider => new ConnectMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ConnectWorkerAccessor>();
        services.AddHostedService<ConnectWorkerHostedService>();
        return services;
    }
}
