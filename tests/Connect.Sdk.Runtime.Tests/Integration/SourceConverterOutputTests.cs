using Connect.Sdk.Runtime.Tests.TestConnectors;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>
/// The source worker hands produced key and value arrays back to converters that reuse them
/// (<see cref="Connect.Sdk.Converters.IRecyclableOutputConverter"/>); what reaches Kafka must stay intact.
/// </summary>
[Collection(KafkaCollection.Name)]
public class SourceConverterOutputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SourceTask_RecyclingConverter_GetsEveryProducedArrayBackOnceAndKafkaGetsEveryValueIntact()
    {
        const int records = 300;
        await using var source = await CountingSource.StartAsync(output, "recycling-source", records);
        source.Config["value.converter"] = typeof(RecyclingStringConverter).FullName!;
        source.Config["value.converter." + RecyclingStringConverter.IdConfig] = source.Name;

        await source.CreateConnectorAsync();

        var values = await Eventually.ValueAsync(() => source.ReadValues(), v => v.Count >= records, "every record is written");
        values.Should().Equal(Enumerable.Range(0, records).Select(i => CountingSourceConnector.ValueOf(0, i)));
        var tally = RecyclingStringConverter.For(source.Name);
        tally.Unexpected.Should().Be(0, "only arrays the converter handed out come back, each once");
        tally.HandedOut.Should().Be(records);
        tally.Recycled.Should().Be(records, "every produced value goes back to its converter");
        tally.Reused.Should().BeGreaterThan(records / 2, "values of one length are written into recycled arrays");
    }

    [Fact]
    public async Task SourceTask_JsonConverter_WritesEveryValueIntactWhileReusingItsArrays()
    {
        const int records = 300;
        await using var source = await CountingSource.StartAsync(output, "json-source", records);
        source.Config["value.converter"] = "org.apache.kafka.connect.json.JsonConverter";
        source.Config["value.converter.schemas.enable"] = "true";

        await source.CreateConnectorAsync();

        var values = await Eventually.ValueAsync(() => source.ReadValues(), v => v.Count >= records, "every record is written");
        values.Should().Equal(Enumerable.Range(0, records).Select(i =>
            $"{{\"schema\":{{\"type\":\"string\",\"optional\":true}},\"payload\":\"{CountingSourceConnector.ValueOf(0, i)}\"}}"));
    }
}
