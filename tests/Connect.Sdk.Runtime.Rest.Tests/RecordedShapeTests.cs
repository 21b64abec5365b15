using System.Text.Json.Nodes;
using Connect.Sdk.Runtime.Rest.Tests.Support;
using FluentAssertions.Execution;

namespace Connect.Sdk.Runtime.Rest.Tests;

/// <summary>Compares property names and nesting of our answers with recorded Kafka Connect responses (see
/// Recorded/README.md for the source of each).</summary>
[Collection(WorkerCollection.Name)]
public class RecordedShapeTests(WorkerFixture fixture)
{
    private static readonly string SourceClass = typeof(RestTestSourceConnector).FullName!;

    private HttpClient Http => fixture.Http;

    [Fact]
    public void JsonShape_FindsMissingAndUnexpectedProperties()
    {
        var expected = JsonNode.Parse("""{"name": "a", "tasks": [{"id": 0, "state": "RUNNING"}], "config": {"k": "v"}}""");
        var actual = JsonNode.Parse("""{"name": "b", "tasks": [{"id": 1, "status": "RUNNING"}], "config": {"other": "x"}}""");

        JsonShape.Differences(expected, actual, "$.config").Should().BeEquivalentTo(
            "$.tasks[]: missing property \"state\"",
            "$.tasks[]: unexpected property \"status\"");
        JsonShape.Differences(expected, JsonNode.Parse("""{"name": {}, "tasks": [], "config": {}}"""), "$.config").Should().Equal(
            "$.name: expected a value, found an object");
    }

    [Fact]
    public async Task Responses_HaveTheShapesOfRecordedKafkaConnectResponses()
    {
        (await Http.PutJsonAsync("/connectors/shape-source/config", Support.Http.SourceConfig("shape-topic"))).Status.Should().Be(201);
        (await Http.PutJsonAsync("/connectors/shape-failing/config", $$"""{"connector.class": "{{typeof(FailingTaskSourceConnector).FullName}}"}""")).Status.Should().Be(201);
        await Http.EventuallyAsync("/connectors/shape-source/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");
        await Http.EventuallyAsync("/connectors/shape-source/topics", t => t["shape-source"]!["topics"]!.AsArray().Count > 0);
        await Http.EventuallyAsync("/connectors/shape-source/offsets", o => o["offsets"]!.AsArray().Count > 0);
        await Http.EventuallyAsync("/connectors/shape-failing/status", s => (string?)s["tasks"]?[0]?["state"] == "FAILED");
        (await Http.PutJsonAsync("/admin/loggers/Connect.Sdk.Runtime.Rest", """{"level": "DEBUG"}""")).Status.Should().Be(200);

        var cases = new List<(string File, JsonNode? Actual, string[] Maps)>
        {
            ("server-info.json", await BodyAsync(HttpMethod.Get, "/"), []),
            ("health.json", await BodyAsync(HttpMethod.Get, "/health"), []),
            ("connector-plugins.json", await BodyAsync(HttpMethod.Get, "/connector-plugins"), []),
            ("connector-info.json", await BodyAsync(HttpMethod.Get, "/connectors/shape-source"), ["$.config"]),
            ("task-configs.json", await BodyAsync(HttpMethod.Get, "/connectors/shape-source/tasks"), ["$[].config"]),
            ("connector-status.json", await BodyAsync(HttpMethod.Get, "/connectors/shape-source/status"), []),
            ("failed-task-status.json", await BodyAsync(HttpMethod.Get, "/connectors/shape-failing/tasks/0/status"), []),
            ("connectors-expanded.json", await BodyAsync(HttpMethod.Get, "/connectors?expand=status&expand=info"), ["$", "$.*.info.config"]),
            ("config-validate.json", await BodyAsync(HttpMethod.Put, "/connector-plugins/RestTestSourceConnector/config/validate", $$"""{"connector.class": "{{SourceClass}}", "name": "v"}"""), []),
            ("plugin-config.json", await BodyAsync(HttpMethod.Get, $"/connector-plugins/{SourceClass}/config"), []),
            ("offsets.json", await BodyAsync(HttpMethod.Get, "/connectors/shape-source/offsets"), ["$.offsets[].partition", "$.offsets[].offset"]),
            ("active-topics.json", await BodyAsync(HttpMethod.Get, "/connectors/shape-source/topics"), ["$"]),
            ("error.json", await BodyAsync(HttpMethod.Get, "/connectors/no-such-connector"), []),
            ("logger-level.json", await BodyAsync(HttpMethod.Get, "/admin/loggers/Connect.Sdk.Runtime.Rest"), []),
            ("loggers.json", await BodyAsync(HttpMethod.Get, "/admin/loggers"), ["$"]),
        };

        (await Http.SendAsync(HttpMethod.Put, "/connectors/shape-source/stop")).Status.Should().Be(204);
        await Http.EventuallyAsync("/connectors/shape-source/status", s => (string?)s["connector"]!["state"] == "STOPPED");
        cases.Add(("offsets-altered.json", await BodyAsync(new HttpMethod("PATCH"), "/connectors/shape-source/offsets", """{"offsets": [{"partition": {"stream": "stream-0"}, "offset": {"count": 5}}]}"""), []));
        cases.Add(("offsets-reset.json", await BodyAsync(HttpMethod.Delete, "/connectors/shape-source/offsets"), []));

        using (new AssertionScope())
        {
            foreach (var (file, actual, maps) in cases)
            {
                var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Recorded", file)));
                actual.Should().NotBeNull(file);
                JsonShape.Differences(recorded, actual, maps).Should().BeEmpty($"{file} was recorded from Kafka Connect; ours: {actual?.ToJsonString()}");
            }
        }

        (await Http.DeleteJsonAsync("/connectors/shape-source")).Status.Should().Be(204);
        (await Http.DeleteJsonAsync("/connectors/shape-failing")).Status.Should().Be(204);
        (await Http.PutJsonAsync("/admin/loggers/Connect.Sdk.Runtime.Rest", """{"level": "INFO"}""")).Status.Should().Be(200);
    }

    private async Task<JsonNode?> BodyAsync(HttpMethod method, string path, string? json = null) => (await Http.SendAsync(method, path, json)).Body;
}
