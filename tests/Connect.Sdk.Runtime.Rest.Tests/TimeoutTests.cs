using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

/// <summary>A connector whose start hangs must not hang the API. Its own worker: the hang holds the herder.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private RestWorker? _worker;

    private HttpClient Http => _worker!.Http;

    public async Task InitializeAsync() =>
        _worker = await RestWorker.StartAsync(new Dictionary<string, string> { ["rest.request.timeout.ms"] = "1000" });

    public async Task DisposeAsync()
    {
        HangingSourceConnector.Release();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }

    [Fact]
    public async Task HangingConnectorStart_RequestsTimeOutWith500_AndTheWorkerRecovers()
    {
        var started = DateTime.UtcNow;
        var (status, body) = await Http.PutJsonAsync("/connectors/hanging/config", $$"""{"connector.class": "{{typeof(HangingSourceConnector).FullName}}"}""");
        var elapsed = DateTime.UtcNow - started;

        status.Should().Be(500);
        body!["error_code"]!.GetValue<int>().Should().Be(500);
        body["message"]!.GetValue<string>().Should().MatchRegex(
            @"^Request timed out\. The worker is currently configuring connector 'hanging', which began at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900)).And.BeLessThan(TimeSpan.FromSeconds(10));

        // Other changes queue behind the hanging start and time out naming it; reads still answer.
        var (other, otherBody) = await Http.PutJsonAsync("/connectors/queued/config", Support.Http.SourceConfig("queued"));
        other.Should().Be(500);
        otherBody!["message"]!.GetValue<string>().Should().Contain("configuring connector 'hanging'");
        (await Http.GetJsonAsync("/connectors")).Status.Should().Be(200);
        var (health, healthBody) = await Http.GetJsonAsync("/health");
        health.Should().Be(500);
        healthBody!["status"]!.GetValue<string>().Should().Be("unhealthy");
        healthBody["message"]!.GetValue<string>().Should().StartWith("Worker was unable to handle this request and may be unable to handle other requests. The worker is currently configuring connector 'hanging'");

        // Once the start completes, the queued requests take effect, as in Kafka Connect.
        HangingSourceConnector.Release();
        await Http.EventuallyAsync("/connectors/hanging/status", s => (string?)s["connector"]!["state"] == "RUNNING");
        await Http.EventuallyAsync("/connectors/queued/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");
        // Healthy again once the queued operations have finished (they may still be returning as the tasks run).
        await Http.EventuallyAsync("/health", h => (string?)h["status"] == "healthy", TimeSpan.FromSeconds(10));
    }
}
