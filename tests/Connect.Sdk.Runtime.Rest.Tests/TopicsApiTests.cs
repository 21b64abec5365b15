using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public class TopicsApiTests(WorkerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Topics_ListsWhatTheTasksUse_ResetEmptiesIt()
    {
        // The sink subscribes to the topic; create it first so the consumer does not wait for a metadata refresh.
        fixture.Worker.Runtime.DevCluster!.CreateTopic("topical-out");
        (await Http.PutJsonAsync("/connectors/topical/config", Support.Http.SourceConfig("topical-out"))).Status.Should().Be(201);
        (await Http.PutJsonAsync("/connectors/topical-sink/config",
            $$"""{"connector.class": "{{typeof(RestTestSinkConnector).FullName}}", "topics": "topical-out"}""")).Status.Should().Be(201);

        var source = await Http.EventuallyAsync("/connectors/topical/topics", t => t["topical"]!["topics"]!.AsArray().Count > 0);
        var sink = await Http.EventuallyAsync("/connectors/topical-sink/topics", t => t["topical-sink"]!["topics"]!.AsArray().Count > 0, TimeSpan.FromSeconds(30));
        source.ToJsonString().Should().Be("""{"topical":{"topics":["topical-out"]}}""");
        sink.ToJsonString().Should().Be("""{"topical-sink":{"topics":["topical-out"]}}""");

        (await Http.SendAsync(HttpMethod.Put, "/connectors/topical/stop")).Status.Should().Be(204);
        await Http.EventuallyAsync("/connectors/topical/status", s => (string?)s["connector"]!["state"] == "STOPPED");
        var (reset, resetBody) = await Http.SendAsync(HttpMethod.Put, "/connectors/topical/topics/reset");
        reset.Should().Be(202);
        resetBody.Should().BeNull();
        (await Http.GetJsonAsync("/connectors/topical/topics")).Body!.ToJsonString().Should().Be("""{"topical":{"topics":[]}}""");

        (await Http.DeleteJsonAsync("/connectors/topical")).Status.Should().Be(204);
        (await Http.DeleteJsonAsync("/connectors/topical-sink")).Status.Should().Be(204);
    }

    [Fact]
    public async Task Topics_WhenTrackingIsDisabled_Answers403()
    {
        await using var disabled = await fixture.Worker.StartServerAsync(new Dictionary<string, string> { ["topic.tracking.enable"] = "false" });
        await using var noReset = await fixture.Worker.StartServerAsync(new Dictionary<string, string> { ["topic.tracking.allow.reset"] = "false" });
        using var disabledClient = new HttpClient { BaseAddress = disabled.Url };
        using var noResetClient = new HttpClient { BaseAddress = noReset.Url };
        (await Http.PutJsonAsync("/connectors/untracked/config", Support.Http.SourceConfig("untracked"))).Status.Should().Be(201);

        var (topics, topicsBody) = await disabledClient.GetJsonAsync("/connectors/untracked/topics");
        var (reset, resetBody) = await disabledClient.SendAsync(HttpMethod.Put, "/connectors/untracked/topics/reset");
        var (resetNotAllowed, resetNotAllowedBody) = await noResetClient.SendAsync(HttpMethod.Put, "/connectors/untracked/topics/reset");

        topics.Should().Be(403);
        topicsBody!.ToJsonString().Should().Be("""{"error_code":403,"message":"Topic tracking is disabled."}""");
        reset.Should().Be(403);
        resetBody!["message"]!.GetValue<string>().Should().Be("Topic tracking is disabled.");
        resetNotAllowed.Should().Be(403);
        resetNotAllowedBody!["message"]!.GetValue<string>().Should().Be("Topic tracking reset is disabled.");
        (await noResetClient.GetJsonAsync("/connectors/untracked/topics")).Status.Should().Be(200);
        (await Http.DeleteJsonAsync("/connectors/untracked")).Status.Should().Be(204);
    }
}
