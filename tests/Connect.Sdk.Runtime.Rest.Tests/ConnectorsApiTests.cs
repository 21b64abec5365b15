using System.Net;
using System.Text.Json.Nodes;
using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public class ConnectorsApiTests(WorkerFixture fixture)
{
    private static readonly string SourceClass = typeof(RestTestSourceConnector).FullName!;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Post_CreatesConnector_Answers201WithLocationAndInfo()
    {
        using var response = await Http.PostAsync("/connectors", Support.Http.Json($$$"""
            {"name": "post-create", "config": {"connector.class": "{{{SourceClass}}}", "tasks.max": "2", "topic": "post-create"}}
            """));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location.Should().Be(new Uri(fixture.Worker.Server.Url, "/connectors/post-create"));
        body["name"]!.GetValue<string>().Should().Be("post-create");
        body["type"]!.GetValue<string>().Should().Be("source");
        body["config"]!["name"]!.GetValue<string>().Should().Be("post-create");
        body["config"]!["tasks.max"]!.GetValue<string>().Should().Be("2");
        body["tasks"]!.AsArray().Select(t => t!["task"]!.GetValue<int>()).Should().Equal(0, 1);
        body["tasks"]![0]!["connector"]!.GetValue<string>().Should().Be("post-create");
        await DeleteAsync("post-create");
    }

    [Fact]
    public async Task Post_Duplicate_Answers409()
    {
        await CreateAsync("dup");
        var (status, body) = await Http.PostJsonAsync("/connectors", $$$"""{"name": "dup", "config": {{{Support.Http.SourceConfig("dup")}}}}""");

        status.Should().Be(409);
        body!["error_code"]!.GetValue<int>().Should().Be(409);
        body["message"]!.GetValue<string>().Should().Be("Connector dup already exists");
        await DeleteAsync("dup");
    }

    [Fact]
    public async Task Post_TrimsNameAndAcceptsNumbersAsValues()
    {
        var (status, body) = await Http.PostJsonAsync("/connectors", $$$"""
            {"name": "  trimmed  ", "config": {"connector.class": "{{{SourceClass}}}", "tasks.max": 1, "topic": "t"}}
            """);

        status.Should().Be(201, body?.ToJsonString());
        body!["name"]!.GetValue<string>().Should().Be("trimmed");
        body["config"]!["tasks.max"]!.GetValue<string>().Should().Be("1");
        await DeleteAsync("trimmed");
    }

    [Theory]
    [InlineData("PAUSED", "PAUSED")]
    [InlineData("STOPPED", "STOPPED")]
    [InlineData("running", "RUNNING")]
    public async Task Post_WithInitialState_StartsInThatState(string initialState, string expected)
    {
        var name = "initial-" + initialState.ToLowerInvariant();
        var (status, _) = await Http.PostJsonAsync("/connectors", $$$"""
            {"name": "{{{name}}}", "config": {{{Support.Http.SourceConfig(name)}}}, "initial_state": "{{{initialState}}}"}
            """);

        status.Should().Be(201);
        await Http.EventuallyAsync($"/connectors/{name}/status", s => (string?)s["connector"]!["state"] == expected);
        await DeleteAsync(name);
    }

    [Fact]
    public async Task Post_InvalidInitialState_Answers400()
    {
        var (status, body) = await Http.PostJsonAsync("/connectors", $$$"""
            {"name": "bad-state", "config": {{{Support.Http.SourceConfig("x")}}}, "initial_state": "SLEEPING"}
            """);

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Contain("RUNNING, PAUSED or STOPPED");
    }

    [Fact]
    public async Task Post_InvalidConfig_Answers400WithTheValidationMessages()
    {
        var (status, body) = await Http.PostJsonAsync("/connectors", $$$"""
            {"name": "invalid", "config": {"connector.class": "{{{SourceClass}}}", "tasks.max": "zero"}}
            """);

        status.Should().Be(400);
        body!["error_code"]!.GetValue<int>().Should().Be(400);
        var message = body["message"]!.GetValue<string>();
        message.Should().StartWith("Connector configuration is invalid and contains the following 2 error(s):\n");
        message.Should().Contain("Missing required configuration \"topic\" which has no default value.");
        message.Should().Contain("tasks.max");
        message.Should().EndWith("You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
        (await Http.GetJsonAsync("/connectors/invalid")).Status.Should().Be(404);
    }

    [Fact]
    public async Task Post_UnknownConnectorClass_Answers400NamingTheClass()
    {
        var (status, body) = await Http.PostJsonAsync("/connectors", """
            {"name": "unknown-class", "config": {"connector.class": "com.example.NoSuchConnector"}}
            """);

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Contain("Failed to find any class that implements Connector and which name matches com.example.NoSuchConnector");
    }

    [Fact]
    public async Task Post_EmptyName_Answers400WithTheNameError()
    {
        var (status, body) = await Http.PostJsonAsync("/connectors", $$$"""{"config": {{{Support.Http.SourceConfig("x")}}}}""");

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Contain("name");
    }

    [Theory]
    [InlineData("{\"name\": \"broken\", \"config\": {", "The request body is not valid JSON")]
    [InlineData("{\"name\": \"broken\" \"config\": {}}", "The request body is not valid JSON")]
    [InlineData("", "The request body is empty")]
    [InlineData("[1, 2]", "The request body must be a JSON object, but the request has an array.")]
    [InlineData("{\"name\": \"broken\"}", "must have a \"config\" object")]
    [InlineData("{\"name\": 5, \"config\": {}}", "\"name\" in the request body must be a string, but it is the number 5.")]
    [InlineData("{\"name\": \"broken\", \"config\": {\"topic\": {\"nested\": true}}}", "The value of \"topic\" in \"config\" must be a string, number or boolean, but it is an object.")]
    public async Task Post_MalformedBody_Answers400NamingTheProblem(string json, string expected)
    {
        var (status, body) = await Http.PostJsonAsync("/connectors", json);

        status.Should().Be(400);
        body!["error_code"]!.GetValue<int>().Should().Be(400);
        body["message"]!.GetValue<string>().Should().Contain(expected);
    }

    [Fact]
    public async Task Post_InvalidJson_MessageSaysWhereTheProblemIs()
    {
        var (_, body) = await Http.PostJsonAsync("/connectors", "{\"name\": \"x\", }");

        body!["message"]!.GetValue<string>().Should().Contain("LineNumber: 0 | BytePositionInLine:");
    }

    [Fact]
    public async Task Put_CreatesThenUpdates_201Then200()
    {
        using var created = await Http.PutAsync("/connectors/put-idem/config", Support.Http.Json(Support.Http.SourceConfig("put-1")));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location.Should().Be(new Uri(fixture.Worker.Server.Url, "/connectors/put-idem"));

        using var updated = await Http.PutAsync("/connectors/put-idem/config", Support.Http.Json(Support.Http.SourceConfig("put-2")));
        var body = JsonNode.Parse(await updated.Content.ReadAsStringAsync())!;
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        updated.Headers.Location.Should().BeNull();
        body["config"]!["topic"]!.GetValue<string>().Should().Be("put-2");
        (await Http.GetJsonAsync("/connectors/put-idem/config")).Body!["topic"]!.GetValue<string>().Should().Be("put-2");
        await DeleteAsync("put-idem");
    }

    [Fact]
    public async Task Put_NameMismatch_Answers400()
    {
        var (status, body) = await Http.PutJsonAsync("/connectors/url-name/config", Support.Http.SourceConfig("t", ", \"name\": \"body-name\""));

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Be("Connector name configuration (body-name) doesn't match connector name in the URL (url-name)");
    }

    [Fact]
    public async Task Put_NullValue_Answers400()
    {
        var (status, body) = await Http.PutJsonAsync("/connectors/nulls/config", $$$"""{"connector.class": "{{{SourceClass}}}", "topic": null}""");

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Contain("\"topic\"");
    }

    [Fact]
    public async Task Patch_ChangesAndRemovesKeys_Answers200()
    {
        await CreateAsync("patched", ", \"secret\": \"s3cr3t\"");

        var (status, body) = await Http.PatchJsonAsync("/connectors/patched/config", """{"topic": "patched-2", "secret": null, "tasks.max": 2}""");

        status.Should().Be(200, body?.ToJsonString());
        body!["config"]!["topic"]!.GetValue<string>().Should().Be("patched-2");
        body["config"]!["tasks.max"]!.GetValue<string>().Should().Be("2");
        body["config"]!.AsObject().ContainsKey("secret").Should().BeFalse();
        fixture.Worker.Runtime.Herder.ConnectorInfo("patched").Config.Should().NotContainKey("secret");
        await DeleteAsync("patched");
    }

    [Fact]
    public async Task Patch_UnknownConnector_Answers404()
    {
        var (status, body) = await Http.PatchJsonAsync("/connectors/ghost/config", """{"topic": "x"}""");

        status.Should().Be(404);
        body!["message"]!.GetValue<string>().Should().Be("Connector ghost not found");
    }

    [Fact]
    public async Task Config_PasswordIsHidden_AndSendingItBackKeepsTheSecret()
    {
        await CreateAsync("secretive", ", \"secret\": \"hunter2\"");

        var config = (await Http.GetJsonAsync("/connectors/secretive/config")).Body!;
        var info = (await Http.GetJsonAsync("/connectors/secretive")).Body!;
        var tasks = (await Http.GetJsonAsync("/connectors/secretive/tasks")).Body!;
        var expanded = (await Http.GetJsonAsync("/connectors?expand=info")).Body!;

        config["secret"]!.GetValue<string>().Should().Be("[hidden]");
        info["config"]!["secret"]!.GetValue<string>().Should().Be("[hidden]");
        tasks[0]!["config"]!["secret"]!.GetValue<string>().Should().Be("[hidden]");
        expanded["secretive"]!["info"]!["config"]!["secret"]!.GetValue<string>().Should().Be("[hidden]");
        config.ToJsonString().Should().NotContain("hunter2");

        // The idempotent-update workflow: GET the config, change a key, PUT it back.
        config["topic"] = "secretive-2";
        (await Http.PutJsonAsync("/connectors/secretive/config", config.ToJsonString())).Status.Should().Be(200);
        fixture.Worker.Runtime.Herder.ConnectorInfo("secretive").Config["secret"].Should().Be("hunter2");
        fixture.Worker.Runtime.Herder.ConnectorInfo("secretive").Config["topic"].Should().Be("secretive-2");
        await DeleteAsync("secretive");
    }

    [Fact]
    public async Task Config_PlaceholdersAreReturnedUnresolved()
    {
        Environment.SetEnvironmentVariable("CONNECT_SDK_REST_TEST_TOPIC", "from-env");
        await CreateAsync("placeholders", ", \"secret\": \"${env:CONNECT_SDK_REST_TEST_TOPIC}\"", topic: "${env:CONNECT_SDK_REST_TEST_TOPIC}");

        var config = (await Http.GetJsonAsync("/connectors/placeholders/config")).Body!;

        config["topic"]!.GetValue<string>().Should().Be("${env:CONNECT_SDK_REST_TEST_TOPIC}");
        config["secret"]!.GetValue<string>().Should().Be("${env:CONNECT_SDK_REST_TEST_TOPIC}");
        var topics = await Http.EventuallyAsync("/connectors/placeholders/topics", t => t["placeholders"]!["topics"]!.AsArray().Count > 0);
        topics["placeholders"]!["topics"]![0]!.GetValue<string>().Should().Be("from-env");
        await DeleteAsync("placeholders");
    }

    [Fact]
    public async Task List_AndExpand()
    {
        await CreateAsync("listed-a");
        await CreateAsync("listed-b");
        await Http.EventuallyAsync("/connectors/listed-b/status", s => (string?)s["connector"]!["state"] == "RUNNING");

        var names = (await Http.GetJsonAsync("/connectors")).Body!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var both = (await Http.GetJsonAsync("/connectors?expand=status&expand=info")).Body!;
        var statusOnly = (await Http.GetJsonAsync("/connectors?expand=status")).Body!;
        var trailingSlash = await Http.GetJsonAsync("/connectors/");

        names.Should().Contain(["listed-a", "listed-b"]);
        both["listed-b"]!["status"]!["connector"]!["state"]!.GetValue<string>().Should().Be("RUNNING");
        both["listed-b"]!["info"]!["config"]!["topic"]!.GetValue<string>().Should().Be("listed-b");
        statusOnly["listed-a"]!.AsObject().Select(p => p.Key).Should().Equal("status");
        trailingSlash.Status.Should().Be(200);
        await DeleteAsync("listed-a");
        await DeleteAsync("listed-b");
    }

    [Fact]
    public async Task Status_Tasks_AndTaskStatus()
    {
        await CreateAsync("statused", tasksMax: 2);
        var status = await Http.EventuallyAsync("/connectors/statused/status",
            s => s["tasks"]!.AsArray().Count == 2 && s["tasks"]!.AsArray().All(t => (string?)t!["state"] == "RUNNING"));

        var tasks = (await Http.GetJsonAsync("/connectors/statused/tasks")).Body!.AsArray();
        var task1 = await Http.GetJsonAsync("/connectors/statused/tasks/1/status");

        status["name"]!.GetValue<string>().Should().Be("statused");
        status["type"]!.GetValue<string>().Should().Be("source");
        status["connector"]!["worker_id"]!.GetValue<string>().Should().Be(fixture.Worker.Runtime.Worker.WorkerId);
        status["connector"]!.AsObject().ContainsKey("trace").Should().BeFalse();
        tasks.Select(t => t!["id"]!["task"]!.GetValue<int>()).Should().Equal(0, 1);
        tasks[1]!["id"]!["connector"]!.GetValue<string>().Should().Be("statused");
        tasks[1]!["config"]!["task.index"]!.GetValue<string>().Should().Be("1");
        task1.Status.Should().Be(200);
        task1.Body!["id"]!.GetValue<int>().Should().Be(1);
        task1.Body["state"]!.GetValue<string>().Should().Be("RUNNING");
        (await Http.GetJsonAsync("/connectors/statused/tasks/7/status")).Status.Should().Be(404);
        (await Http.GetJsonAsync("/connectors/statused/tasks/x/status")).Status.Should().Be(404);
        await DeleteAsync("statused");
    }

    [Fact]
    public async Task FailedTask_StatusCarriesTheTrace()
    {
        var (created, _) = await Http.PutJsonAsync("/connectors/failing/config", $$$"""{"connector.class": "{{{typeof(FailingTaskSourceConnector).FullName}}}"}""");
        created.Should().Be(201);

        var status = await Http.EventuallyAsync("/connectors/failing/status", s => (string?)s["tasks"]?[0]?["state"] == "FAILED");
        var task = (await Http.GetJsonAsync("/connectors/failing/tasks/0/status")).Body!;

        status["connector"]!["state"]!.GetValue<string>().Should().Be("RUNNING");
        status["tasks"]![0]!["trace"]!.GetValue<string>().Should().Contain("The upstream system refused the connection.");
        task["trace"]!.GetValue<string>().Should().Contain("ConnectException");
        await DeleteAsync("failing");
    }

    [Fact]
    public async Task Restart_WithoutFlags204_WithIncludeTasks202AndStatus()
    {
        await CreateAsync("restarted");
        await Http.EventuallyAsync("/connectors/restarted/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");

        using var plain = await Http.PostAsync("/connectors/restarted/restart", null);
        plain.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await plain.Content.ReadAsStringAsync()).Should().BeEmpty();

        var (status, body) = await Http.PostJsonAsync("/connectors/restarted/restart?includeTasks=true&onlyFailed=false", "");
        status.Should().Be(202);
        body!["name"]!.GetValue<string>().Should().Be("restarted");
        body["connector"]!["state"]!.GetValue<string>().Should().Be("RESTARTING");
        body["tasks"]![0]!["state"]!.GetValue<string>().Should().Be("RESTARTING");
        await Http.EventuallyAsync("/connectors/restarted/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING" && (string?)s["connector"]!["state"] == "RUNNING");

        var (onlyFailedStatus, onlyFailed) = await Http.PostJsonAsync("/connectors/restarted/restart?includeTasks=true&onlyFailed=true", "");
        onlyFailedStatus.Should().Be(202);
        onlyFailed!["tasks"]![0]!["state"]!.GetValue<string>().Should().Be("RUNNING");

        (await Http.PostJsonAsync("/connectors/nobody/restart", "")).Status.Should().Be(404);
        await DeleteAsync("restarted");
    }

    [Fact]
    public async Task TaskRestart_Answers204()
    {
        await CreateAsync("task-restart");
        await Http.EventuallyAsync("/connectors/task-restart/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");

        using var response = await Http.PostAsync("/connectors/task-restart/tasks/0/restart", null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.EventuallyAsync("/connectors/task-restart/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");
        (await Http.PostJsonAsync("/connectors/task-restart/tasks/3/restart", "")).Status.Should().Be(404);
        await DeleteAsync("task-restart");
    }

    [Fact]
    public async Task PauseResumeStop()
    {
        await CreateAsync("lifecycle");
        await Http.EventuallyAsync("/connectors/lifecycle/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");

        using (var pause = await Http.PutAsync("/connectors/lifecycle/pause", null))
        {
            pause.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        await Http.EventuallyAsync("/connectors/lifecycle/status", s => (string?)s["connector"]!["state"] == "PAUSED" && (string?)s["tasks"]?[0]?["state"] == "PAUSED");

        using (var resume = await Http.PutAsync("/connectors/lifecycle/resume", null))
        {
            resume.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        await Http.EventuallyAsync("/connectors/lifecycle/status", s => (string?)s["connector"]!["state"] == "RUNNING" && (string?)s["tasks"]?[0]?["state"] == "RUNNING");

        using (var stop = await Http.PutAsync("/connectors/lifecycle/stop", null))
        {
            stop.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var stopped = await Http.EventuallyAsync("/connectors/lifecycle/status", s => (string?)s["connector"]!["state"] == "STOPPED");
        stopped["tasks"]!.AsArray().Should().BeEmpty();
        (await Http.GetJsonAsync("/connectors/lifecycle/tasks")).Body!.AsArray().Should().BeEmpty();

        using (var resumeStopped = await Http.PutAsync("/connectors/lifecycle/resume", null))
        {
            resumeStopped.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        await Http.EventuallyAsync("/connectors/lifecycle/status", s => (string?)s["connector"]!["state"] == "RUNNING" && (string?)s["tasks"]?[0]?["state"] == "RUNNING");
        await DeleteAsync("lifecycle");
    }

    [Fact]
    public async Task Delete_Answers204_ThenTheConnectorIsGone()
    {
        await CreateAsync("deleted");

        using var response = await Http.DeleteAsync("/connectors/deleted");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Http.GetJsonAsync("/connectors")).Body!.AsArray().Select(n => n!.GetValue<string>()).Should().NotContain("deleted");
        (await Http.DeleteJsonAsync("/connectors/deleted")).Status.Should().Be(404);
    }

    [Theory]
    [InlineData("GET", "/connectors/missing")]
    [InlineData("GET", "/connectors/missing/config")]
    [InlineData("GET", "/connectors/missing/status")]
    [InlineData("GET", "/connectors/missing/tasks")]
    [InlineData("GET", "/connectors/missing/tasks/0/status")]
    [InlineData("POST", "/connectors/missing/tasks/0/restart")]
    [InlineData("POST", "/connectors/missing/restart")]
    [InlineData("PUT", "/connectors/missing/pause")]
    [InlineData("PUT", "/connectors/missing/resume")]
    [InlineData("PUT", "/connectors/missing/stop")]
    [InlineData("DELETE", "/connectors/missing")]
    [InlineData("GET", "/connectors/missing/topics")]
    [InlineData("PUT", "/connectors/missing/topics/reset")]
    [InlineData("GET", "/connectors/missing/offsets")]
    [InlineData("DELETE", "/connectors/missing/offsets")]
    public async Task UnknownConnector_Answers404InKafkasShape(string method, string path)
    {
        var (status, body) = await Http.SendAsync(new HttpMethod(method), path);

        status.Should().Be(404);
        body!.AsObject().Select(p => p.Key).Should().Equal("error_code", "message");
        body["error_code"]!.GetValue<int>().Should().Be(404);
        body["message"]!.GetValue<string>().Should().Contain("missing");
    }

    private async Task CreateAsync(string name, string extra = "", string? topic = null, int tasksMax = 1)
    {
        var config = $$$"""{"connector.class": "{{{SourceClass}}}", "tasks.max": "{{{tasksMax}}}", "topic": "{{{topic ?? name}}}"{{{extra}}}}""";
        var (status, body) = await Http.PutJsonAsync($"/connectors/{name}/config", config);
        status.Should().Be(201, body?.ToJsonString());
    }

    private async Task DeleteAsync(string name) => (await Http.DeleteJsonAsync($"/connectors/{name}")).Status.Should().Be(204);
}
