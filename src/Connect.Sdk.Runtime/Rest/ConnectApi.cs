using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>Where the worker's REST server gets its herder (which may not exist yet while the worker starts).</summary>
internal sealed class ConnectApiHerderSource(Func<IHerder?> herder)
{
    public IHerder? Herder => herder();
}

/// <summary>
/// The Kafka Connect REST API over an <see cref="IHerder"/>: the endpoints, one exception-to-response mapping, and
/// the state they share (request timeouts, serialized configuration writes, secrets redaction).
/// </summary>
internal sealed partial class ConnectApi
{
    private const int NotFoundOrder = 2_000;
    private const int MethodNotAllowedOrder = 1_000;

    private readonly IServiceProvider _services;
    private readonly ConnectRestOptions _options;
    private readonly HerderRequestRunner _runner;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _configWrites = new(1, 1);
    private readonly ConfigRedaction _redaction = new();
    private readonly KafkaClusterIdLookup _clusterId = new();

    private ConnectApi(IServiceProvider services, ConnectRestOptions options)
    {
        _services = services;
        _options = options;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("Connect.Sdk.Runtime.Rest.ConnectApi") ?? NullLogger.Instance;
        _runner = new HerderRequestRunner(options.RequestTimeout, TimeProvider.System, _logger);
    }

    private static ConnectRestJsonContext Json => ConnectRestJsonContext.Api;

    /// <summary>Maps every endpoint on <paramref name="endpoints"/>.</summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, ConnectRestOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodySize, 1, nameof(options));
        var api = new ConnectApi(endpoints.ServiceProvider, options);
        var group = endpoints.MapGroup(string.Empty);
        api.MapRoot(group);
        api.MapConnectors(group);
        api.MapPlugins(group);
        api.MapLoggers(group);
        foreach (var prefix in new[] { "/connectors/{**rest}", "/connector-plugins/{**rest}", "/admin/{**rest}" })
        {
            group.Map(prefix, NotFoundResponse).WithOrder(NotFoundOrder).WithDisplayName("Connect REST API: unknown path");
        }

        return group;
    }

    /// <summary>The 404 answer for a path that is not part of the API, in the API's error shape.</summary>
    public static Task NotFoundResponse(HttpContext context) =>
        Error(StatusCodes.Status404NotFound, RestErrors.NotFoundMessage).ExecuteAsync(context);

    /// <summary>Writes an error in Kafka's shape.</summary>
    public static IResult Error(int status, string? message) =>
        Results.Json(new ErrorMessageDto(status, message), Json.ErrorMessageDto, statusCode: status);

    private void Route(RouteGroupBuilder group, string pattern, params (string Method, Func<HttpContext, Task<IResult>> Handler)[] handlers)
    {
        foreach (var (method, handler) in handlers)
        {
            group.MapMethods(pattern, [method], Handle(handler)).WithDisplayName($"Connect REST API: {method} {pattern}");
        }

        var allowed = string.Join(", ", handlers.Select(h => h.Method));
        group.Map(pattern, context =>
            {
                context.Response.Headers.Allow = allowed;
                return Error(StatusCodes.Status405MethodNotAllowed, RestErrors.MethodNotAllowedMessage).ExecuteAsync(context);
            })
            .WithOrder(MethodNotAllowedOrder)
            .WithDisplayName($"Connect REST API: other methods of {pattern}");
    }

    private RequestDelegate Handle(Func<HttpContext, Task<IResult>> handler) => async context =>
    {
        IResult result;
        try
        {
            result = await handler(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            result = ErrorFor(context, e);
        }

        await result.ExecuteAsync(context).ConfigureAwait(false);
    };

    private IResult ErrorFor(HttpContext context, Exception exception)
    {
        var status = RestErrors.StatusOf(exception);
        if (status >= StatusCodes.Status500InternalServerError && exception is not ConnectRestException)
        {
            _logger.LogError(exception, "REST request {Method} {Path} failed", context.Request.Method, context.Request.Path);
        }
        else
        {
            _logger.LogDebug(exception, "REST request {Method} {Path} answered {Status}", context.Request.Method, context.Request.Path, status);
        }

        return Error(status, exception.Message);
    }

    private static IResult Ok<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Results.Json(value, type, statusCode: status);

    private IHerder Herder() =>
        _services.GetService<ConnectApiHerderSource>() is { } source
            ? source.Herder ?? throw StartingUp()
            : _services.GetService<IHerder>() ?? _services.GetService<ConnectWorkerAccessor>()?.Runtime?.Herder ?? throw StartingUp();

    private static ConnectRestException StartingUp() =>
        new(StatusCodes.Status503ServiceUnavailable, "The Connect worker is still starting up; try again shortly.");

    private ConnectLogLevels? LogLevels() => _services.GetService<ConnectLogLevels>();

    private static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? string.Empty;

    /// <summary>A boolean query parameter read as JAX-RS reads <c>Boolean</c>: <c>true</c> in any case is true,
    /// anything else false, absence the default.</summary>
    private static bool QueryFlag(HttpContext context, string name, bool defaultValue) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0
            ? string.Equals(values[0], "true", StringComparison.OrdinalIgnoreCase)
            : defaultValue;

    private static (string Version, string Commit) VersionInfo()
    {
        var informational = typeof(ConnectApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ConnectApi).Assembly.GetName().Version?.ToString(3)
            ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return (informational, "unknown");
        }

        var commit = informational[(plus + 1)..];
        return (informational[..plus], commit.Length > 16 ? commit[..16] : commit);
    }
}
