using System.Net.Sockets;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Logging;
using Connect.Sdk.Runtime.Rest;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Worker;

/// <summary>Starts the worker's REST server and turns bind failures into an operator's message.</summary>
internal static class RestApi
{
    public static async Task<ConnectRestServer> StartAsync(
        IReadOnlyDictionary<string, string> workerProps,
        Func<IHerder?> herder,
        ILoggerFactory loggerFactory,
        ConnectLogLevels logLevels,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ConnectRestServer.StartAsync(workerProps, herder, loggerFactory, logLevels, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            var listeners = workerProps.GetValueOrDefault(RestServerConfig.ListenersConfig) ?? "http://:8083";
            throw new RestApiStartException(
                $"Could not start the REST API on listeners={listeners}: {e.Message} Stop the process using it, or set listeners to another port in the worker properties (port 0 picks a free one).",
                e);
        }
    }
}

/// <summary>The REST server could not listen; the message says what to change.</summary>
internal sealed class RestApiStartException(string message, Exception innerException) : Exception(message, innerException);
