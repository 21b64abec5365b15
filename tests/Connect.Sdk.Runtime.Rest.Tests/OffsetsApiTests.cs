using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public class OffsetsApiTests(WorkerFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Offsets_ReadWhileRunning_ChangedAndResetOnlyWhenStopped()
    {
        (await Http.PutJsonAsync("/connectors/offsets/config", Support.Http.SourceConfig("offsets"))).Status.Should().Be(201);

        // Offsets are readable in any state, as in Kafka; they appear once the first commit happened.
        var running = await Http.EventuallyAsync("/connectors/offsets/offsets", o => o["offsets"]!.AsArray().Count > 0);
        running["offsets"]![0]!["partition"]!["stream"]!.GetValue<string>().Should().Be("stream-0");
        running["offsets"]![0]!["offset"]!["count"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(0);

        var (patchRunning, patchRunningBody) = await Http.PatchJsonAsync("/connectors/offsets/offsets",
            """{"offsets": [{"partition": {"stream": "stream-0"}, "offset": {"count": 100}}]}""");
        var (deleteRunning, deleteRunningBody) = await Http.DeleteJsonAsync("/connectors/offsets/offsets");
        var stateMessage = "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/offsets/stop' endpoint";
        patchRunning.Should().Be(400);
        patchRunningBody!["error_code"]!.GetValue<int>().Should().Be(400);
        patchRunningBody["message"]!.GetValue<string>().Should().Be(stateMessage);
        deleteRunning.Should().Be(400);
        deleteRunningBody!["message"]!.GetValue<string>().Should().Be(stateMessage);

        (await Http.SendAsync(HttpMethod.Put, "/connectors/offsets/pause")).Status.Should().Be(202);
        await Http.EventuallyAsync("/connectors/offsets/status", s => (string?)s["connector"]!["state"] == "PAUSED");
        (await Http.DeleteJsonAsync("/connectors/offsets/offsets")).Status.Should().Be(400, "PAUSED is not STOPPED");

        (await Http.SendAsync(HttpMethod.Put, "/connectors/offsets/stop")).Status.Should().Be(204);
        await Http.EventuallyAsync("/connectors/offsets/status", s => (string?)s["connector"]!["state"] == "STOPPED");

        var (patched, patchedBody) = await Http.PatchJsonAsync("/connectors/offsets/offsets", """
            {"offsets": [
              {"partition": {"stream": "stream-0"}, "offset": {"count": 100}},
              {"partition": {"stream": "other", "shard": 3}, "offset": {"count": 7, "exact": true, "ratio": 0.5, "note": null}}
            ]}
            """);
        patched.Should().Be(200, patchedBody?.ToJsonString());
        patchedBody!["message"]!.GetValue<string>().Should().Be("The offsets for this connector have been altered successfully");

        var afterPatch = (await Http.GetJsonAsync("/connectors/offsets/offsets")).Body!["offsets"]!.AsArray();
        afterPatch.Should().HaveCount(2);
        afterPatch.Single(o => (string?)o!["partition"]!["stream"] == "stream-0")!["offset"]!["count"]!.GetValue<long>().Should().Be(100);
        var other = afterPatch.Single(o => (string?)o!["partition"]!["stream"] == "other")!;
        other["partition"]!["shard"]!.GetValue<long>().Should().Be(3);
        other["offset"]!["exact"]!.GetValue<bool>().Should().BeTrue();
        other["offset"]!["ratio"]!.GetValue<double>().Should().Be(0.5);

        var (removedOne, _) = await Http.PatchJsonAsync("/connectors/offsets/offsets", """{"offsets": [{"partition": {"stream": "other", "shard": 3}, "offset": null}]}""");
        removedOne.Should().Be(200);
        (await Http.GetJsonAsync("/connectors/offsets/offsets")).Body!["offsets"]!.AsArray().Should().ContainSingle();

        var (reset, resetBody) = await Http.DeleteJsonAsync("/connectors/offsets/offsets");
        reset.Should().Be(200);
        resetBody!["message"]!.GetValue<string>().Should().Be("The offsets for this connector have been reset successfully");
        (await Http.GetJsonAsync("/connectors/offsets/offsets")).Body!.ToJsonString().Should().Be("""{"offsets":[]}""");

        // Resumed, the task starts again from scratch.
        (await Http.SendAsync(HttpMethod.Put, "/connectors/offsets/resume")).Status.Should().Be(202);
        await Http.EventuallyAsync("/connectors/offsets/status", s => (string?)s["tasks"]?[0]?["state"] == "RUNNING");
        (await Http.DeleteJsonAsync("/connectors/offsets")).Status.Should().Be(204);
    }

    [Theory]
    [InlineData("{}", "Partitions / offsets need to be provided for an alter offsets request")]
    [InlineData("{\"offsets\": []}", "Partitions / offsets need to be provided for an alter offsets request")]
    [InlineData("{\"offsets\": null}", "Partitions / offsets need to be provided for an alter offsets request")]
    [InlineData("{\"offsets\": {}}", "\"offsets\" must be an array")]
    [InlineData("{\"offsets\": [{\"offset\": {\"count\": 1}}]}", "The partition may not be null")]
    [InlineData("{\"offsets\": [{\"partition\": {\"stream\": [1]}, \"offset\": {\"count\": 1}}]}", "Partitions may only contain primitive types as values, but field stream contains an array.")]
    [InlineData("{\"offsets\": [{\"partition\": {\"stream\": \"s\"}, \"offset\": {\"count\": {\"n\": 1}}}]}", "Offsets may only contain primitive types as values, but field count contains an object.")]
    public async Task Patch_InvalidBody_Answers400(string json, string expected)
    {
        (await Http.PutJsonAsync("/connectors/offsets-invalid/config", Support.Http.SourceConfig("offsets-invalid"))).Status.Should().BeOneOf(200, 201);

        var (status, body) = await Http.PatchJsonAsync("/connectors/offsets-invalid/offsets", json);

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Contain(expected);
        (await Http.DeleteJsonAsync("/connectors/offsets-invalid")).Status.Should().Be(204);
    }
}
