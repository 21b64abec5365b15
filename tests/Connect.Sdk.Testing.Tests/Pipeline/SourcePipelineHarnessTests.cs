using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Testing.Pipeline;

namespace Connect.Sdk.Testing.Tests.Pipeline;

public class SourcePipelineHarnessTests
{
    [Fact]
    public async Task TakeAsync_DefaultConverters_CapturesJsonBytesAndTheirDecodedForms()
    {
        var (system, store) = ItemStore.Create();
        store.Append(3);
        await using var pipeline = new SourcePipelineHarness<PacedItemSourceConnector>(Config(system));

        var records = await pipeline.TakeAsync(3);

        records.Select(r => r.Topic).Should().AllBe("items");
        records[0].KeyText.Should().Be("""{"schema":{"type":"string","optional":false},"payload":"item-0"}""");
        records[0].ValueText.Should().Be(
            """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"position"},{"type":"string","optional":false,"field":"text"}],"optional":false,"name":"example.Item"},"payload":{"position":0,"text":"item-0"}}""");
        records[0].Key.Value.Should().Be("item-0");
        records[2].Value.Value.Should().BeOfType<Struct>().Which.GetInt64("position").Should().Be(2);
        records[2].Record.SourceOffset.Should().BeEquivalentTo(new Dictionary<string, object?> { ["position"] = 3L });
        pipeline.Config["value.converter"].Should().Be("org.apache.kafka.connect.json.JsonConverter");
        pipeline.ConnectorName.Should().Be(nameof(PacedItemSourceConnector));
    }

    [Fact]
    public async Task TakeAsync_TransformsAndConvertersFromTheConfig_AreApplied()
    {
        var (system, store) = ItemStore.Create();
        store.Append(2);
        var config = Config(system,
            ("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
            ("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            ("value.converter.schemas.enable", "false"),
            ("transforms", "text,route"),
            ("transforms.text.type", "org.apache.kafka.connect.transforms.ExtractField$Value"),
            ("transforms.text.field", "text"),
            ("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"),
            ("transforms.route.regex", "(.*)"),
            ("transforms.route.replacement", "$1-copy"));
        await using var pipeline = new SourcePipelineHarness<PacedItemSourceConnector>(config);

        var records = await pipeline.TakeAsync(2);

        records.Select(r => (r.Topic, r.KeyText, r.ValueText)).Should().Equal(("items-copy", "item-0", "\"item-0\""), ("items-copy", "item-1", "\"item-1\""));
        records[1].Value.Value.Should().Be("item-1");
    }

    [Fact]
    public async Task RestartAsync_ResumesAfterTheRecordsTaken()
    {
        var (system, store) = ItemStore.Create();
        store.Append(8);
        await using var pipeline = new SourcePipelineHarness<PacedItemSourceConnector>(Config(system, ("batch.size", "2")));

        var first = await pipeline.TakeAsync(3);
        await pipeline.RestartAsync();
        var after = await pipeline.TakeAsync(5);

        first.Select(r => r.Key.Value).Should().Equal("item-0", "item-1", "item-2");
        after.Select(r => r.Key.Value).Should().Equal("item-3", "item-4", "item-5", "item-6", "item-7");
        pipeline.Starts.Should().Be(2);
        pipeline.Produced.Should().HaveCount(8);
        pipeline.CommittedOffsets[new Dictionary<string, object?> { ["system"] = system }]
            .Should().BeEquivalentTo(new Dictionary<string, object?> { ["position"] = 3L }, "only the records taken before the restart were committed by it");
    }

    [Fact]
    public async Task TakeAsync_FewerRecordsThanAskedFor_TimesOutSayingHowManyCame()
    {
        var (system, store) = ItemStore.Create();
        store.Append(2);
        await using var pipeline = new SourcePipelineHarness<PacedItemSourceConnector>(Config(system));

        // Long enough for the start and both records on a loaded machine; the third never comes.
        var take = () => pipeline.TakeAsync(3, TimeSpan.FromSeconds(3));

        (await take.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("to produce 3 records within 3000 ms").And.Contain("it produced 2");
    }

    [Fact]
    public async Task ToleranceAll_FailingTransform_SkipsRecordsAndSaysSo()
    {
        var (system, store) = ItemStore.Create();
        store.Append(2);
        var config = Config(system,
            ("errors.tolerance", "all"),
            ("transforms", "cast"),
            ("transforms.cast.type", "org.apache.kafka.connect.transforms.Cast$Value"),
            ("transforms.cast.spec", "text:int32"));
        await using var pipeline = new SourcePipelineHarness<PacedItemSourceConnector>(config);

        // Long enough for both records to fail on a loaded machine; no record ever comes out.
        var take = () => pipeline.TakeAsync(1, TimeSpan.FromSeconds(3));

        (await take.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("skipped 2 because of tolerated errors");
        pipeline.ToleratedErrors.Should().HaveCount(2).And.AllSatisfy(e => e.Stage.Should().Be(Stage.Transformation));
    }

    [Fact]
    public async Task TakeAsync_TaskFails_ThrowsTheFailure()
    {
        var (system, store) = ItemStore.Create();
        store.Unavailable = true;
        await using var pipeline = new SourcePipelineHarness<FragileSourceConnector>(Config(system));

        var take = () => pipeline.TakeAsync(1);

        (await take.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("connection refused");
    }

    [Fact]
    public async Task Constructor_ConfigWithoutConnectorClass_UsesTheGivenConfigAsIs()
    {
        var (system, store) = ItemStore.Create();
        store.Append(1);
        var config = Config(system, ("connector.class", typeof(PacedItemSourceConnector).FullName!), ("name", "items-source"));
        await using var pipeline = new SourcePipelineHarness(config);

        var record = (await pipeline.TakeAsync(1)).Single();

        record.Record.Value.Should().BeOfType<Struct>();
        pipeline.ConnectorName.Should().Be("items-source");
    }

    private static Dictionary<string, string> Config(string system, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            [ItemSourceConnector.SystemConfig] = system,
            [ItemSourceConnector.TopicConfig] = "items",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }
}
