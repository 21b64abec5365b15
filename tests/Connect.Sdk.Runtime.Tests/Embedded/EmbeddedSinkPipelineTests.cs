using System.Text;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Tests.Integration;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Embedded;

public sealed class EmbeddedSinkPipelineTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TopicPartition Numbers0 = new("numbers", 0);
    private static readonly TopicPartition Numbers1 = new("numbers", 1);

    private readonly TestOutputLoggerFactory _logs = new(output);

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Deliver_ConvertsAndTransformsIntoPut()
    {
        var config = EmbeddedTestSupport.CollectingSink(
            ("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            ("value.converter.schemas.enable", "false"),
            ("transforms", "id"),
            ("transforms.id.type", "org.apache.kafka.connect.transforms.ExtractField$Value"),
            ("transforms.id.field", "id"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        var put = await pipeline.DeliverAsync(
            Record(0, 0, "a", """{"id":1,"name":"one"}""") with { Headers = [new("source", Encoding.UTF8.GetBytes("test"))], Timestamp = 1_700_000_000_000 },
            Record(0, 1, "b", """{"id":2,"name":"two"}"""));

        put.Select(r => r.Value).Should().Equal(1L, 2L);
        put[0].Key.Should().Be("a");
        put[0].Headers.Single().Value.Should().Be("test");
        put[0].Timestamp.Should().Be(1_700_000_000_000);
        SinkLog.For(config["name"]).Delivered.Select(r => r.Value).Should().Equal(1L, 2L);
        SinkLog.For(config["name"]).Opened.Should().Equal(Numbers0);
        pipeline.CurrentOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Numbers0] = 2 });
    }

    [Fact]
    public async Task Commit_CommitsWhatPreCommitApproves()
    {
        var config = EmbeddedTestSupport.CollectingSink(("collect.hold.flush", "true"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());
        await pipeline.DeliverAsync(Record(0, 0, "a", "x"), Record(1, 0, "b", "y"));

        var beforeFlush = await pipeline.CommitAsync();
        SinkLog.For(config["name"]).RequestFlush();
        await pipeline.DeliverAsync(Record(0, 1, "c", "z"));
        var afterFlush = await pipeline.CommitAsync();

        beforeFlush.Should().BeEmpty("the task flushed nothing yet");
        afterFlush.Should().Equal(new Dictionary<TopicPartition, OffsetAndMetadata> { [Numbers0] = new(2), [Numbers1] = new(1) });
        pipeline.CommittedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Numbers0] = 2, [Numbers1] = 1 });
    }

    [Fact]
    public async Task Deliver_RetriableException_RedeliversTheSameBatch()
    {
        var config = EmbeddedTestSupport.CollectingSink(("collect.retriable.failures", "2"), ("collect.retry.timeout.ms", "10"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        await pipeline.DeliverAsync(Record(0, 0, "a", "x"), Record(0, 1, "b", "y"));

        var log = SinkLog.For(config["name"]);
        log.Attempts.Should().HaveCount(3).And.AllSatisfy(a => a.Select(r => r.Value).Should().Equal("x", "y"));
        log.Delivered.Should().HaveCount(2);
    }

    [Fact]
    public async Task Deliver_RetriableExceptionBeyondMaxAttempts_Propagates()
    {
        var config = EmbeddedTestSupport.CollectingSink(("collect.retriable.failures", "5"), ("collect.retry.timeout.ms", "1"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options(maxAttempts: 2));

        var deliver = () => pipeline.DeliverAsync(Record(0, 0, "a", "x"));

        await deliver.Should().ThrowAsync<RetriableException>();
        pipeline.CurrentOffsets.Should().BeEmpty("nothing was written");
    }

    [Fact]
    public async Task ToleranceAll_BadBytes_AreSkippedAndTheirOffsetsCommitted()
    {
        var config = EmbeddedTestSupport.CollectingSink(
            ("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            ("errors.tolerance", "all"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        var put = await pipeline.DeliverAsync(Record(0, 0, "a", "not json"), Record(0, 1, "b", """{"schema":{"type":"int32"},"payload":7}"""));
        var committed = await pipeline.CommitAsync();

        put.Select(r => r.Value).Should().Equal(7);
        pipeline.ToleratedErrors.Should().ContainSingle().Which.Should().Match<ErrorContext>(e =>
            e.Stage == Stage.ValueConverter && e.Consumed!.Offset.Value == 0);
        committed[Numbers0].Offset.Should().Be(2);
    }

    [Fact]
    public async Task ToleranceNone_BadBytes_FailThePipeline()
    {
        var config = EmbeddedTestSupport.CollectingSink(("value.converter", "org.apache.kafka.connect.json.JsonConverter"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        var deliver = () => pipeline.DeliverAsync(Record(0, 0, "a", "not json"));
        var again = () => pipeline.DeliverAsync(Record(0, 1, "a", "{}"));

        (await deliver.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("Tolerance exceeded");
        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("*failed*");
    }

    [Fact]
    public async Task ErrantRecordReporter_ToleranceAll_ReportsWithTheOriginalRecord()
    {
        var config = EmbeddedTestSupport.CollectingSink(("collect.errant.value", "bad"), ("errors.tolerance", "all"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        await pipeline.DeliverAsync(Record(0, 0, "a", "good"), Record(0, 1, "b", "bad"));

        pipeline.ToleratedErrors.Should().ContainSingle().Which.Should().Match<ErrorContext>(e =>
            e.Stage == Stage.TaskPut && e.Consumed!.Offset.Value == 1 && Encoding.UTF8.GetString(e.Consumed.Message.Value!) == "bad");
        SinkLog.For(config["name"]).Delivered.Select(r => r.Value).Should().Equal("good");
    }

    [Fact]
    public async Task Deliver_NonRetriableException_FailsThePipeline()
    {
        var config = EmbeddedTestSupport.CollectingSink(("collect.fatal.value", "boom"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        var deliver = () => pipeline.DeliverAsync(Record(0, 0, "a", "boom"));

        (await deliver.Should().ThrowAsync<ConnectException>()).WithInnerException<InvalidOperationException>();
    }

    [Fact]
    public async Task Deliver_TopicNotSubscribed_Throws()
    {
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(EmbeddedTestSupport.CollectingSink(), Options());

        var deliver = () => pipeline.DeliverAsync(new ConsumedRecord("other", 0, 0, null, null));

        await deliver.Should().ThrowAsync<ArgumentException>().WithMessage("*'other'*");
    }

    [Fact]
    public async Task Deliver_TopicsRegex_AcceptsMatchingTopics()
    {
        var config = EmbeddedTestSupport.CollectingSink(("topics", ""), ("topics.regex", "num.*"));
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        var put = await pipeline.DeliverAsync(Record(0, 0, "a", "x"));

        put.Should().ContainSingle();
    }

    [Fact]
    public async Task Stop_CommitsAndClosesThePartitions()
    {
        var config = EmbeddedTestSupport.CollectingSink();
        var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());
        await pipeline.DeliverAsync(Record(0, 0, "a", "x"));

        await pipeline.StopAsync();

        var log = SinkLog.For(config["name"]);
        pipeline.CommittedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [Numbers0] = 1 });
        log.Closed.Should().Equal(Numbers0);
        log.Stops.Should().Be(1);
        log.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task Start_SourceConnector_IsRefused()
    {
        var start = () => EmbeddedSinkPipeline.StartAsync(EmbeddedTestSupport.CountingSource(), Options());

        (await start.Should().ThrowAsync<ConnectException>()).Which.Message.Should().Contain("EmbeddedEngine");
    }

    [Fact]
    public async Task Converters_NotConfigured_AreTheWorkerDefaults()
    {
        var config = EmbeddedTestSupport.CollectingSink();
        config.Remove("key.converter");
        config.Remove("value.converter");
        await using var pipeline = await EmbeddedSinkPipeline.StartAsync(config, Options());

        var put = await pipeline.DeliverAsync(new ConsumedRecord("numbers", 0, 0, null, Encoding.UTF8.GetBytes("""{"schema":{"type":"string"},"payload":"json"}""")));

        put.Single().Value.Should().Be("json");
        put.Single().ValueSchema.Should().Be(Schema.String);
    }

    private static ConsumedRecord Record(int partition, long offset, string key, string value) =>
        new("numbers", partition, offset, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value));

    private EmbeddedSinkPipelineOptions Options(int? maxAttempts = null) => new()
    {
        Plugins = EmbeddedTestSupport.Plugins,
        LoggerFactory = _logs,
        MaxDeliveryAttempts = maxAttempts,
    };
}
