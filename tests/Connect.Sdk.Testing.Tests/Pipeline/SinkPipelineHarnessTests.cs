using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Pipeline;

namespace Connect.Sdk.Testing.Tests.Pipeline;

public class SinkPipelineHarnessTests
{
    private static readonly TopicPartition Orders0 = new("orders", 0);

    [Fact]
    public async Task SendAsync_JsonThroughATransform_PutsTheConvertedRecords()
    {
        var (system, store) = ItemStore.Create();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(Config(system,
            ("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
            ("value.converter.schemas.enable", "false"),
            ("transforms", "name"),
            ("transforms.name.type", "org.apache.kafka.connect.transforms.ExtractField$Value"),
            ("transforms.name.field", "name")));

        var put = await pipeline.SendAsync(
            pipeline.CreateRecord("a", """{"id":1,"name":"book"}"""),
            pipeline.CreateRecord("b", """{"id":2,"name":"pen"}"""),
            pipeline.CreateRecord("a", """{"id":3,"name":"ink"}"""));

        put.Select(r => (r.Key, r.Value)).Should().Equal(("a", "book"), ("b", "pen"), ("a", "ink"));
        put.Select(r => r.KafkaOffset).Should().Equal(0, 1, 2);
        store.Written().Should().BeEquivalentTo("ink", "pen");
        pipeline.Put.Should().HaveCount(3);
    }

    [Fact]
    public async Task CommitAsync_AfterASend_CommitsTheNextOffset()
    {
        var (system, _) = ItemStore.Create();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(Config(system, ("value.converter", "org.apache.kafka.connect.storage.StringConverter")));
        await pipeline.SendValuesAsync("x", "y");

        var committed = await pipeline.CommitAsync();

        committed.Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Orders0] = new(2) });
        pipeline.CommittedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Orders0] = 2 });
    }

    [Fact]
    public async Task SendAsync_WhileTheStoreIsDown_RedeliversInSimulatedTimeUntilTheAttemptsRunOut()
    {
        var (system, store) = ItemStore.Create();
        var time = new ManualTimeProvider();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(
            Config(system, ("value.converter", "org.apache.kafka.connect.storage.StringConverter")),
            new SinkPipelineHarnessOptions { TimeProvider = time, MaxDeliveryAttempts = 3 });
        await pipeline.StartAsync();
        var start = time.Now;

        store.Unavailable = true;
        var whileDown = () => pipeline.SendValuesAsync("x");
        await whileDown.Should().ThrowAsync<RetriableException>();
        store.Unavailable = false;
        await pipeline.SendValuesAsync("y");

        (time.Now - start).Should().BeGreaterThan(TimeSpan.FromMilliseconds(400), "two back-offs of at least 300 ms passed on the manual clock");
        store.Written().Should().Equal("y");
    }

    [Fact]
    public async Task ToleranceAll_BadJson_IsSkippedAndReported()
    {
        var (system, store) = ItemStore.Create();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(Config(system, ("errors.tolerance", "all")));

        var put = await pipeline.SendAsync(pipeline.CreateRecord(null, "not json"), pipeline.CreateRecord(null, """{"schema":{"type":"string"},"payload":"ok"}"""));

        put.Select(r => r.Value).Should().Equal("ok");
        pipeline.ToleratedErrors.Should().ContainSingle().Which.Should().Match<ErrorContext>(e => e.Stage == Stage.ValueConverter && e.Consumed!.Offset.Value == 0);
        store.Written().Should().Equal("ok");
    }

    [Fact]
    public async Task ToleranceNone_BadJson_Throws()
    {
        var (system, _) = ItemStore.Create();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(Config(system));

        var send = () => pipeline.SendValuesAsync("not json");

        (await send.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("Tolerance exceeded");
    }

    [Fact]
    public async Task CreateRecord_NumbersOffsetsPerPartition()
    {
        var (system, _) = ItemStore.Create();
        await using var pipeline = new SinkPipelineHarness<ItemSinkConnector>(Config(system));

        var records = new[]
        {
            pipeline.CreateRecord(null, "a"),
            pipeline.CreateRecord(null, "b", partition: 1),
            pipeline.CreateRecord(null, "c"),
            pipeline.CreateRecord(null, "d", topic: "other"),
        };

        records.Select(r => (r.Topic, r.Partition, r.Offset)).Should().Equal(("orders", 0, 0L), ("orders", 1, 0L), ("orders", 0, 1L), ("other", 0, 0L));
        pipeline.DefaultTopic.Should().Be("orders");
    }

    private static Dictionary<string, string> Config(string system, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            [ItemSinkConnector.SystemConfig] = system,
            ["topics"] = "orders",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }
}
