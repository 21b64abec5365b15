using Connect.Sdk.Runtime.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>Root, health and logger endpoints.</summary>
internal sealed partial class ConnectApi
{
    private void MapRoot(RouteGroupBuilder group)
    {
        Route(group, "/", (HttpMethods.Get, ServerInfoAsync));
        Route(group, "/health", (HttpMethods.Get, HealthAsync));
    }

    private void MapLoggers(RouteGroupBuilder group)
    {
        Route(group, "/admin/loggers", (HttpMethods.Get, ListLoggersAsync));
        Route(group, "/admin/loggers/{logger}", (HttpMethods.Get, GetLoggerAsync), (HttpMethods.Put, SetLoggerAsync));
    }

    private async Task<IResult> ServerInfoAsync(HttpContext context)
    {
        var herder = Herder();
        var (version, commit) = VersionInfo();
        var clusterId = await _clusterId.GetAsync(herder.Worker.Config, context.RequestAborted).ConfigureAwait(false);
        return Ok(new ServerInfoDto(version, commit, clusterId), Json.ServerInfoDto);
    }

    private Task<IResult> HealthAsync(HttpContext context)
    {
        // Kafka's WorkerStatus: healthy, starting (503) or unhealthy (500).
        IResult result;
        if (_services.GetService(typeof(ConnectApiHerderSource)) is ConnectApiHerderSource { Herder: null })
        {
            result = Ok(new WorkerStatusDto("starting", "Worker is still starting up."), Json.WorkerStatusDto, StatusCodes.Status503ServiceUnavailable);
        }
        else
        {
            try
            {
                _ = Herder();
                result = _runner.Stalled() is { } stalled
                    ? Ok(new WorkerStatusDto("unhealthy", "Worker was unable to handle this request and may be unable to handle other requests. " + stalled), Json.WorkerStatusDto, StatusCodes.Status500InternalServerError)
                    : Ok(new WorkerStatusDto("healthy", "Worker has completed startup and is ready to handle requests."), Json.WorkerStatusDto);
            }
            catch (ConnectRestException e) when (e.StatusCode == StatusCodes.Status503ServiceUnavailable)
            {
                result = Ok(new WorkerStatusDto("starting", "Worker is still starting up."), Json.WorkerStatusDto, StatusCodes.Status503ServiceUnavailable);
            }
        }

        return Task.FromResult(result);
    }

    private Task<IResult> ListLoggersAsync(HttpContext context)
    {
        var levels = RequireLogLevels();
        var result = levels.ExplicitLevels().ToDictionary(
            p => p.Key,
            p => new LoggerLevelDto(ConnectLogLevels.LevelName(p.Value.Level), p.Value.LastModified),
            StringComparer.Ordinal);
        return Task.FromResult(Ok<IReadOnlyDictionary<string, LoggerLevelDto>>(result, Json.IReadOnlyDictionaryStringLoggerLevelDto));
    }

    private Task<IResult> GetLoggerAsync(HttpContext context)
    {
        var levels = RequireLogLevels();
        var name = Route(context, "logger");
        var level = levels.Level(name) ?? throw RestErrors.NotFound($"Logger {name} not found.");
        return Task.FromResult(Ok(new LoggerLevelDto(ConnectLogLevels.LevelName(level.Level), level.LastModified), Json.LoggerLevelDto));
    }

    private async Task<IResult> SetLoggerAsync(HttpContext context)
    {
        var levels = RequireLogLevels();
        var name = Route(context, "logger");
        using var body = await RestBody.ReadJsonAsync(context.Request, _options.MaxRequestBodySize, context.RequestAborted).ConfigureAwait(false);
        var settings = RestBody.StringMap(body.RootElement, "The request body", allowNull: true);
        if (!settings.TryGetValue("level", out var levelName) || levelName is null)
        {
            throw RestErrors.BadRequest("Desired 'level' parameter was not specified in request.");
        }

        // Kafka answers an unknown level with 404.
        if (!ConnectLogLevels.TryParseLevel(levelName, out var level))
        {
            throw RestErrors.NotFound($"invalid log level '{levelName}'.");
        }

        var affected = levels.SetLevel(name, level);
        var scope = context.Request.Query.TryGetValue("scope", out var scopes) ? scopes[0] : null;
        return string.Equals(scope, "cluster", StringComparison.OrdinalIgnoreCase)
            ? Results.NoContent()
            : Ok(affected, Json.IReadOnlyListString);
    }

    private ConnectLogLevels RequireLogLevels() =>
        LogLevels() ?? throw RestErrors.NotFound(
            "Log levels cannot be changed in this process: install ConnectLogLevels with logging.AddConnectLogLevels(...).");
}
