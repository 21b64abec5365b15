using Connect.Sdk.Config;
using Connect.Sdk.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace Connect.Sdk.Runtime.Hosting;

/// <summary>Checks worker and connector settings when the host starts (with <c>ValidateOnStart</c>), so a typo
/// stops the host with a message naming the key instead of failing later.</summary>
internal sealed class ConnectWorkerOptionsValidator : IValidateOptions<ConnectWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            _ = new WorkerConfig(options.Worker);
        }
        catch (ConfigException e)
        {
            failures.Add($"ConnectWorker:Worker: {e.Message}");
        }

        foreach (var (connector, config) in options.Connectors)
        {
            if (!config.TryGetValue(ConnectorConfig.ConnectorClassConfig, out var connectorClass) || string.IsNullOrWhiteSpace(connectorClass))
            {
                failures.Add($"ConnectWorker:Connectors:{connector}: Missing required configuration \"connector.class\" which has no default value.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
