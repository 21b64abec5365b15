using Connect.Sdk.Runtime.Rest.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests;

/// <summary>An application hosting the worker with AddConnectWorker maps the API itself.</summary>
public class HostingTests
{
    [Fact]
    public async Task MapConnectApi_InAnAddConnectWorkerHost_ServesTheHostedWorker()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddConnectWorker(options =>
        {
            foreach (var (key, value) in RestWorker.WorkerProps())
            {
                options.Worker[key] = value;
            }

            options.PluginAssemblies.Add(typeof(RestWorker).Assembly);
            options.AddConnector("hosted", new Dictionary<string, string>
            {
                ["connector.class"] = typeof(RestTestSourceConnector).FullName!,
                ["topic"] = "hosted",
            });
        });
        await using var app = builder.Build();
        app.MapGet("/app", () => "the application's own endpoint");
        app.MapConnectApi(options => options.RequestTimeout = TimeSpan.FromSeconds(30));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var connectors = await client.GetJsonAsync("/connectors");
            var status = await client.EventuallyAsync("/connectors/hosted/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");
            var health = await client.GetJsonAsync("/health");
            var loggers = await client.GetJsonAsync("/admin/loggers");

            connectors.Status.Should().Be(200);
            connectors.Body!.ToJsonString().Should().Be("""["hosted"]""");
            status["type"]!.GetValue<string>().Should().Be("source");
            health.Status.Should().Be(200);
            loggers.Status.Should().Be(404);
            loggers.Body!["message"]!.GetValue<string>().Should().Contain("AddConnectLogLevels");
            (await client.GetStringAsync("/app")).Should().Be("the application's own endpoint");
            (await client.GetAsync("/not-the-api")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "paths outside the API stay the application's");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
