using System.Text.Json;
using Connect.Sdk.Data;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Testing.Pipeline;

namespace Connect.Sdk.Samples.Tests.Datagen;

/// <summary>The data generator as a worker would run it, in-process: its records go through a transform and Kafka's
/// JsonConverter, and the test sees the bytes that would be written to Kafka.</summary>
public class DatagenPipelineTests
{
    [Fact]
    public async Task Orders_ThroughAMaskAndJsonConverter_AreWrittenAsKafkasJsonEnvelope()
    {
        await using var pipeline = new SourcePipelineHarness<DatagenSourceConnector>(new Dictionary<string, string>
        {
            ["kafka.topic"] = "orders",
            ["max.interval"] = "0",
            ["iterations"] = "5",
            ["random.seed"] = "42",
            ["key.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["key.converter.schemas.enable"] = "false",
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["transforms"] = "mask",
            ["transforms.mask.type"] = "org.apache.kafka.connect.transforms.MaskField$Value",
            ["transforms.mask.fields"] = "customer_id",
        });

        var orders = await pipeline.TakeAsync(5);
        await pipeline.StopAsync();

        orders.Select(o => o.Topic).Should().AllBe("orders");
        orders.Select(o => o.KeyText).Should().Equal(Enumerable.Range(0, 5).Select(id => $$"""{"order_id":{{id}}}"""));
        using var json = JsonDocument.Parse(orders[0].ValueText!);
        json.RootElement.GetProperty("schema").GetProperty("name").GetString().Should().Be("io.connect.sdk.samples.datagen.Order");
        var payload = json.RootElement.GetProperty("payload");
        payload.GetProperty("order_id").GetInt64().Should().Be(0);
        payload.GetProperty("customer_id").GetString().Should().BeEmpty("the mask replaces the customer id");
        var value = orders[0].Value.Value.Should().BeOfType<Struct>().Subject;
        value.Schema.Name.Should().Be(OrderSchemas.Order.Name);
        value.GetString(OrderSchemas.CustomerIdField).Should().BeEmpty();
        value.Get(OrderSchemas.PriceField).Should().Be(((Struct)orders[0].Record.Value!).Get(OrderSchemas.PriceField), "the price survives the round trip through JSON");
        pipeline.CommittedOffsets.Should().ContainSingle().Which.Value.Should().BeEquivalentTo(new Dictionary<string, object?> { ["sequence"] = 4L });
    }
}
