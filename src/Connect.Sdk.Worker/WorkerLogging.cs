using Connect.Sdk.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Worker;

/// <summary>The worker's console logging, with levels the REST API's <c>/admin/loggers</c> can change.</summary>
internal static class WorkerLogging
{
    /// <summary>The root level is <c>CONNECT_LOG_LEVEL</c> (a .NET level name such as <c>Debug</c>) or Information;
    /// <c>Microsoft</c> (ASP.NET Core, hosting) starts at Warning.</summary>
    public static ConnectLogLevels Levels() =>
        new ConnectLogLevels(Environment.GetEnvironmentVariable("CONNECT_LOG_LEVEL") is { } level && Enum.TryParse<LogLevel>(level, true, out var parsed) ? parsed : LogLevel.Information)
            .Configure("Microsoft", LogLevel.Warning);

    public static ILoggerFactory CreateFactory(ConnectLogLevels levels) => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console =>
        {
            console.IncludeScopes = true;
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConnectLogLevels(levels));
}
