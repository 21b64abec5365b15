using System.Text.RegularExpressions;
using Connect.Sdk.Runtime.Rest.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public partial class AdminApiTests(WorkerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Root_AnswersVersionCommitAndTheClusterIdOfTheBrokers()
    {
        var (status, body) = await Http.GetJsonAsync("/");

        status.Should().Be(200);
        body!.AsObject().Select(p => p.Key).Should().Equal("version", "commit", "kafka_cluster_id");
        body["version"]!.GetValue<string>().Should().Be(typeof(ConnectRestServer).Assembly.GetName().Version!.ToString(3));
        body["commit"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        // librdkafka's mock cluster reports ids like "mockCluster1a2b3c…" in its metadata.
        body["kafka_cluster_id"]!.GetValue<string>().Should().StartWith("mockCluster");
    }

    [Fact]
    public async Task Health_IsHealthy()
    {
        var (status, body) = await Http.GetJsonAsync("/health");

        status.Should().Be(200);
        body!.ToJsonString().Should().Be("""{"status":"healthy","message":"Worker has completed startup and is ready to handle requests."}""");
    }

    [Fact]
    public async Task Loggers_ListGetAndSet()
    {
        // A logger the runtime has used exists; its level is inherited from the root until set.
        var category = "Connect.Sdk.Runtime.Herder.StandaloneHerder";
        fixture.Worker.LoggerFactory.CreateLogger(category).IsEnabled(LogLevel.Information);
        var (inheritedStatus, inherited) = await Http.GetJsonAsync($"/admin/loggers/{category}");
        inheritedStatus.Should().Be(200);
        inherited!.ToJsonString().Should().Be("""{"level":"INFO","last_modified":null}""");

        var initial = (await Http.GetJsonAsync("/admin/loggers")).Body!;
        initial["root"]!.ToJsonString().Should().Be("""{"level":"INFO","last_modified":null}""");
        initial["Microsoft"]!["level"]!.GetValue<string>().Should().Be("WARN");

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (setStatus, affected) = await Http.PutJsonAsync("/admin/loggers/Connect.Sdk.Runtime.Herder", """{"level": "DEBUG"}""");
        setStatus.Should().Be(200);
        affected!.AsArray().Select(n => (string)n!).Should().Equal("Connect.Sdk.Runtime.Herder", category);

        var changed = (await Http.GetJsonAsync($"/admin/loggers/{category}")).Body!;
        changed["level"]!.GetValue<string>().Should().Be("DEBUG");
        changed["last_modified"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(before);
        fixture.Worker.LogLevels.IsEnabled(category, LogLevel.Debug).Should().BeTrue();
        fixture.Worker.LoggerFactory.CreateLogger(category).IsEnabled(LogLevel.Debug).Should().BeTrue("the logging pipeline asks the levels on every call");
        fixture.Worker.LoggerFactory.CreateLogger(category).IsEnabled(LogLevel.Trace).Should().BeFalse();
        fixture.Worker.LogLevels.IsEnabled("Connect.Sdk.Runtime.Worker.ConnectWorker", LogLevel.Debug).Should().BeFalse();
        (await Http.GetJsonAsync("/admin/loggers")).Body!["Connect.Sdk.Runtime.Herder"]!["level"]!.GetValue<string>().Should().Be("DEBUG");

        var (clusterStatus, clusterBody) = await Http.PutJsonAsync("/admin/loggers/Connect.Sdk.Runtime.Herder?scope=cluster", """{"level": "info"}""");
        clusterStatus.Should().Be(204);
        clusterBody.Should().BeNull();
        fixture.Worker.LogLevels.IsEnabled(category, LogLevel.Debug).Should().BeFalse();
        fixture.Worker.LoggerFactory.CreateLogger(category).IsEnabled(LogLevel.Debug).Should().BeFalse();
    }

    [Fact]
    public async Task Loggers_Errors()
    {
        var (unknown, unknownBody) = await Http.GetJsonAsync("/admin/loggers/com.example.NeverUsed");
        var (missingLevel, missingLevelBody) = await Http.PutJsonAsync("/admin/loggers/Connect.Sdk", """{"lvl": "DEBUG"}""");
        var (badLevel, badLevelBody) = await Http.PutJsonAsync("/admin/loggers/Connect.Sdk", """{"level": "LOUD"}""");

        unknown.Should().Be(404);
        unknownBody!["message"]!.GetValue<string>().Should().Be("Logger com.example.NeverUsed not found.");
        missingLevel.Should().Be(400);
        missingLevelBody!["message"]!.GetValue<string>().Should().Be("Desired 'level' parameter was not specified in request.");
        badLevel.Should().Be(404, "Kafka answers an unknown level with 404");
        badLevelBody!["message"]!.GetValue<string>().Should().Be("invalid log level 'LOUD'.");
    }

    [Theory]
    [InlineData("GET", "/nothing-here")]
    [InlineData("GET", "/connectors/x/unknown-sub-resource")]
    [InlineData("GET", "/connector-plugins/x/y/z")]
    [InlineData("GET", "/admin/unknown")]
    public async Task UnknownPath_Answers404InTheErrorShape(string method, string path)
    {
        var (status, body) = await Http.SendAsync(new HttpMethod(method), path);

        status.Should().Be(404);
        body!.ToJsonString().Should().Be("""{"error_code":404,"message":"HTTP 404 Not Found"}""");
    }

    [Theory]
    [InlineData("DELETE", "/connectors", "GET, POST")]
    [InlineData("POST", "/connectors/x/status", "GET")]
    [InlineData("GET", "/connectors/x/restart", "POST")]
    [InlineData("POST", "/connectors/x/pause", "PUT")]
    [InlineData("PUT", "/connectors/x/offsets", "GET, PATCH, DELETE")]
    [InlineData("POST", "/connector-plugins/x/config/validate", "PUT")]
    [InlineData("DELETE", "/admin/loggers/x", "GET, PUT")]
    public async Task WrongMethod_Answers405InTheErrorShape(string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(405);
        body.Should().Be("""{"error_code":405,"message":"HTTP 405 Method Not Allowed"}""");
        response.Content.Headers.Allow.Should().BeEquivalentTo(allowed.Split(", "));
    }

    [Fact]
    public async Task Responses_AreJson()
    {
        using var response = await Http.GetAsync("/connectors");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        IdPattern().IsMatch(Support.RestWorkerIds.StandIn).Should().BeTrue();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{22}$")]
    private static partial Regex IdPattern();
}
