using Connect.Sdk.Testing.Pipeline;

namespace Connect.Sdk.Testing.Tests.Docs;

#region source-pipeline-test
public class ItemSourcePipelineTests
{
    [Fact]
    public async Task Items_ThroughATransformAndJsonConverter_AreProducedAsJson()
    {
        var (system, store) = ItemStore.Create();
        store.Append(4);
        await using var pipeline = new SourcePipelineHarness<ItemSourceConnector>(new Dictionary<string, string>
        {
            ["system"] = system,
            ["topic"] = "items",
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["value.converter.schemas.enable"] = "false",
            ["transforms"] = "text",
            ["transforms.text.type"] = "org.apache.kafka.connect.transforms.ExtractField$Value",
            ["transforms.text.field"] = "text",
        });

        var produced = await pipeline.TakeAsync(3); // starts the connector; a record taken counts as written to Kafka

        produced[0].Topic.Should().Be("items");
        produced[0].ValueText.Should().Be("\"item-0\"");  // the bytes Kafka would store
        produced[0].Value.Value.Should().Be("item-0");     // read back with the same converter
        produced[0].KeyText.Should().Be("""{"schema":{"type":"string","optional":false},"payload":"item-0"}"""); // the worker's default

        await pipeline.RestartAsync(); // commits the offsets of the records taken; the new task resumes after them
        (await pipeline.TakeAsync(1)).Single().Key.Value.Should().Be("item-3");
    }
}
#endregion

#region sink-pipeline-test
public class ItemSinkPipelineTests
{
    [Fact]
    public async Task JsonRecords_ThroughAConverterAndATransform_AreUpserted()
    {
        var (system, store) = ItemStore.Create();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(new Dictionary<string, string>
        {
            ["system"] = system,
            ["topics"] = "orders",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter.schemas.enable"] = "false", // the value converter is the worker's default, JsonConverter
            ["transforms"] = "item",
            ["transforms.item.type"] = "org.apache.kafka.connect.transforms.ExtractField$Value",
            ["transforms.item.field"] = "item",
        });

        // Records as a consumer reads them from Kafka: bytes, with offsets 0, 1, … per partition.
        var put = await pipeline.SendAsync(
            pipeline.CreateRecord("a", """{"id":1,"item":"book"}"""),
            pipeline.CreateRecord("a", """{"id":2,"item":"pen"}"""));
        var committed = await pipeline.CommitAsync(); // PreCommitAsync decides what is committed

        put.Select(r => r.Value).Should().Equal("book", "pen");
        store.Written().Should().Equal("pen");
        committed[new TopicPartition("orders", 0)].Offset.Should().Be(2);
    }
}
#endregion
