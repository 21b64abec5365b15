using Connect.Sdk.Runtime.Rest;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Kafka Connect-compatible REST API into an ASP.NET Core application.</summary>
public static class ConnectApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Kafka Connect's REST API (<c>/</c>, <c>/health</c>, <c>/connectors…</c>, <c>/connector-plugins…</c>,
    /// <c>/admin/loggers…</c>) with Kafka's paths, methods, status codes and JSON shapes, and errors as
    /// <c>{"error_code":…,"message":…}</c>.
    /// </summary>
    /// <remarks>
    /// The herder is resolved from the application's services on each request: a registered
    /// <see cref="Connect.Sdk.Runtime.Herder.IHerder"/>, else the worker started by <c>AddConnectWorker</c> (through
    /// <see cref="Connect.Sdk.Runtime.Hosting.ConnectWorkerAccessor"/>); until the worker has started, requests get
    /// <c>503</c>. <c>/admin/loggers</c> needs <c>logging.AddConnectLogLevels(...)</c>. Protect the endpoints with the
    /// returned builder (for example <c>.RequireAuthorization()</c>) as with any other endpoints.
    /// </remarks>
    /// <param name="endpoints">The endpoint route builder, for example the <c>WebApplication</c>.</param>
    /// <param name="configure">Changes the options (request timeout, body size limit, topic tracking).</param>
    /// <returns>A builder for conventions that apply to every Connect endpoint.</returns>
    public static IEndpointConventionBuilder MapConnectApi(this IEndpointRouteBuilder endpoints, Action<ConnectRestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new ConnectRestOptions();
        configure?.Invoke(options);
        return ConnectApi.Map(endpoints, options);
    }
}
