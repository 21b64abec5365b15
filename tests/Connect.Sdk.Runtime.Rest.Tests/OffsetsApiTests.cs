using System.Text.Json.Nodes;
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
        patchedBody!["message"]!.GetValue<string>().Should().Be("The offsets for this connector have been altered successfully", "the connector handles the change (AlterOffsets returns true)");

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

    // KIP-875: a sink connector's offsets are its consumer group's, shown as kafka_topic / kafka_partition / kafka_offset.
    [Fact]
    public async Task SinkOffsets_ReadFromTheConsumerGroup_AndAlteredWhenStopped()
    {
        const int partitions = 3;
        fixture.Worker.Runtime.DevCluster!.CreateTopic("sink-offsets-in", partitions);
        var sinkConfig = $$"""{"connector.class": "{{typeof(RestTestSinkConnector).FullName}}", "tasks.max": "1", "topics": "sink-offsets-in"}""";
        (await Http.PutJsonAsync("/connectors/sink-offsets-source/config", Support.Http.SourceConfig("sink-offsets-in"))).Status.Should().Be(201);
        (await Http.PutJsonAsync("/connectors/sink-offsets/config", sinkConfig)).Status.Should().Be(201);

        static JsonNode? Partition0(JsonNode offsets) =>
            offsets["offsets"]!.AsArray().SingleOrDefault(o => o!["partition"]!["kafka_partition"]!.GetValue<int>() == 0);
        var running = await Http.EventuallyAsync("/connectors/sink-offsets/offsets", o => Partition0(o)?["offset"]!["kafka_offset"]!.GetValue<long>() > 2);
        running["offsets"]!.AsArray().Should().OnlyContain(o => o!["partition"]!["kafka_topic"]!.GetValue<string>() == "sink-offsets-in");

        var (patchRunning, _) = await Http.PatchJsonAsync("/connectors/sink-offsets/offsets",
            """{"offsets": [{"partition": {"kafka_topic": "sink-offsets-in", "kafka_partition": 0}, "offset": {"kafka_offset": 1}}]}""");
        patchRunning.Should().Be(400, "offsets change only while the connector is STOPPED");

        // A connector created STOPPED: its group has no members (librdkafka's mock cluster, unlike Kafka, refuses offsets
        // for a group whose members have left).
        (await Http.PostJsonAsync("/connectors", $$"""{"name": "sink-offsets-stopped", "config": {{sinkConfig}}, "initial_state": "STOPPED"}""")).Status.Should().Be(201);
        var (patched, patchedBody) = await Http.PatchJsonAsync("/connectors/sink-offsets-stopped/offsets",
            """{"offsets": [{"partition": {"kafka_topic": "sink-offsets-in", "kafka_partition": "0"}, "offset": {"kafka_offset": "2"}}]}""");
        patched.Should().Be(200, patchedBody?.ToJsonString());
        patchedBody!["message"]!.GetValue<string>().Should().Be(
            "The Connect framework-managed offsets for this connector have been altered successfully. However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.",
            "this connector leaves AlterOffsets at its default (false), for which Kafka answers so");
        var altered = (await Http.GetJsonAsync("/connectors/sink-offsets-stopped/offsets")).Body!;
        altered.ToJsonString().Should().Be("""{"offsets":[{"partition":{"kafka_topic":"sink-offsets-in","kafka_partition":0},"offset":{"kafka_offset":2}}]}""");

        // The development cluster cannot delete offsets: a clear error rather than a request it cannot answer.
        var (reset, resetBody) = await Http.DeleteJsonAsync("/connectors/sink-offsets-stopped/offsets");
        reset.Should().Be(500);
        resetBody!["message"]!.GetValue<string>().Should().StartWith("Cannot reset the offsets of consumer group connect-sink-offsets-stopped on the development cluster");
        var (removeOne, removeOneBody) = await Http.PatchJsonAsync("/connectors/sink-offsets-stopped/offsets",
            """{"offsets": [{"partition": {"kafka_topic": "sink-offsets-in", "kafka_partition": 0}, "offset": null}]}""");
        removeOne.Should().Be(500);
        removeOneBody!["message"]!.GetValue<string>().Should().StartWith("Cannot delete the offsets of consumer group connect-sink-offsets-stopped");

        // Resumed, the connector's task consumes on from there and commits as it goes.
        (await Http.SendAsync(HttpMethod.Put, "/connectors/sink-offsets-stopped/resume")).Status.Should().Be(202);
        await Http.EventuallyAsync(
            "/connectors/sink-offsets-stopped/offsets",
            o => o["offsets"]!.AsArray().Count == partitions && Partition0(o)!["offset"]!["kafka_offset"]!.GetValue<long>() > 2);
        (await Http.DeleteJsonAsync("/connectors/sink-offsets-stopped")).Status.Should().Be(204);
        (await Http.DeleteJsonAsync("/connectors/sink-offsets")).Status.Should().Be(204);
        (await Http.DeleteJsonAsync("/connectors/sink-offsets-source")).Status.Should().Be(204);
    }

    // Kafka's SinkUtils.parseSinkConnectorOffsets messages.
    [Theory]
    [InlineData("{\"kafka_topic\": \"t\"}", "{\"kafka_offset\": 1}", "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'")]
    [InlineData("{\"kafka_topic\": null, \"kafka_partition\": 0}", "{\"kafka_offset\": 1}", "Kafka topic names must be valid strings and may not be null")]
    [InlineData("{\"kafka_topic\": \"t\", \"kafka_partition\": null}", "{\"kafka_offset\": 1}", "Kafka partitions must be valid numbers and may not be null")]
    [InlineData("{\"kafka_topic\": \"t\", \"kafka_partition\": \"first\"}", "{\"kafka_offset\": 1}", "Failed to parse the following Kafka partition value in the provided offsets: 'first'. Partition values for sink connectors need to be integers.")]
    [InlineData("{\"kafka_topic\": \"t\", \"kafka_partition\": 0}", "{\"offset\": 1}", "The offset for a sink connector should either be null or contain the key 'kafka_offset'")]
    [InlineData("{\"kafka_topic\": \"t\", \"kafka_partition\": 0}", "{\"kafka_offset\": 1.5}", "Failed to parse the following Kafka offset value in the provided offsets: '1.5'. Offset values for sink connectors need to be integers.")]
    public async Task SinkOffsets_MalformedPartitionOrOffset_Answers400WithKafkasMessage(string partition, string offset, string expected)
    {
        var sinkConfig = $$"""{"connector.class": "{{typeof(RestTestSinkConnector).FullName}}", "tasks.max": "1", "topics": "sink-offsets-bad"}""";
        (await Http.PutJsonAsync("/connectors/sink-offsets-bad/config", sinkConfig)).Status.Should().BeOneOf(200, 201);
        (await Http.SendAsync(HttpMethod.Put, "/connectors/sink-offsets-bad/stop")).Status.Should().Be(204);
        await Http.EventuallyAsync("/connectors/sink-offsets-bad/status", s => (string?)s["connector"]!["state"] == "STOPPED");

        var (status, body) = await Http.PatchJsonAsync("/connectors/sink-offsets-bad/offsets", $$"""{"offsets": [{"partition": {{partition}}, "offset": {{offset}}}]}""");

        status.Should().Be(400, body?.ToJsonString());
        body!["message"]!.GetValue<string>().Should().Be(expected);
        (await Http.DeleteJsonAsync("/connectors/sink-offsets-bad")).Status.Should().Be(204);
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
