using Connect.Sdk.Runtime.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests.Docs;

// The example of docs/rest-api.md "Serving the API from your own application"; DocSnippetTests (in
// Connect.Sdk.Tests) fails when the page and this region drift apart, HostingExampleTests runs it.

#region host
public static class ConnectApiHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // /admin/loggers changes these levels at runtime.
        var logLevels = new ConnectLogLevels(LogLevel.Information).Configure("Microsoft", LogLevel.Warning);
        builder.Logging.AddConnectLogLevels(logLevels);

        // The worker runs as a hosted service; its settings come from the "ConnectWorker" section.
        builder.Services.AddConnectWorker(builder.Configuration.GetSection("ConnectWorker"));

        var app = builder.Build();
        app.MapConnectApi(options => options.RequestTimeout = TimeSpan.FromSeconds(30));
        return app;
    }
}
#endregion
