using Connect.Sdk.Runtime.Rest.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Sdk.Runtime.Rest.Tests.Docs;

public class HostingExampleTests
{
    [Fact]
    public async Task DocumentedHost_ServesTheApi_WithAdjustableLogLevels()
    {
        var args = RestWorker.WorkerProps()
            .Select(p => $"--ConnectWorker:Worker:{p.Key}={p.Value}")
            .Append("--urls=http://127.0.0.1:0")
            .ToArray();
        await using var app = ConnectApiHost.Build(args);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var health = await client.EventuallyAsync("/health", h => (string?)h["status"] == "healthy");
            var (status, levels) = await client.PutJsonAsync("/admin/loggers/Connect.Sdk", """{"level": "DEBUG"}""");

            health["message"]!.GetValue<string>().Should().Be("Worker has completed startup and is ready to handle requests.");
            status.Should().Be(200);
            levels!.AsArray().Select(n => (string)n!).Should().Contain("Connect.Sdk");
            (await client.GetJsonAsync("/admin/loggers")).Body!["Connect.Sdk"]!["level"]!.GetValue<string>().Should().Be("DEBUG");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
