using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Acme.Connector.Tests;

/// <summary>Unit tests of the task with <see cref="SourceTaskHarness{TTask}"/>: it starts the task as the runtime
/// does, polls it, acknowledges and commits offsets, and restarts it, all in memory.</summary>
public class ConnectorNameSourceTaskTests
{
    private readonly FakeConnectorNameClient _client = new();

    [Fact]
    public async Task Poll_ReadsEveryStream_IntoStructKeysAndValues()
    {
        _client.Append("orders", 2);
        _client.Append("payments", 1);
        await using var harness = Harness();
        await harness.StartAsync(Config());

        var records = await harness.PollUntilAsync(3, TimeSpan.FromSeconds(5));

        records.Should().HaveCount(3);
        var first = records.Single(r => r.SourcePartition!["stream"] as string == "orders" && r.SourceOffset!["sequence"] is 0L);
        first.Should().HaveTopic("messages")
            .And.HaveValueSchemaNamed(ConnectorNameSchemas.Message.Name!)
            .And.HaveValueField(ConnectorNameSchemas.TextField, "orders message 0");
        var key = (Struct)first.Key!;
        key.Schema.Should().BeSameAs(ConnectorNameSchemas.MessageKey);
        key.Should().HaveField(ConnectorNameSchemas.StreamField, "orders").And.HaveField(ConnectorNameSchemas.SequenceField, 0L);
    }

    [Fact]
    public async Task Poll_AfterRestart_ResumesAfterTheCommittedOffset()
    {
        _client.Append("orders", 5);
        await using var harness = Harness();
        await harness.StartAsync(Config(streams: "orders", batchSize: 2));

        var first = await harness.PollAsync();
        await harness.AcknowledgeAsync(first); // as if Kafka had written them
        await harness.CommitAsync();           // their offsets go to harness.OffsetStore
        await harness.RestartAsync();          // a new task instance reads them in Start

        var next = await harness.PollAsync();
        first.Select(Sequence).Should().Equal(0L, 1L);
        next.Select(Sequence).Should().Equal(2L, 3L);
    }

    [Fact]
    public async Task Poll_WhileTheSourceIsUnavailable_ThrowsRetriableException_AndLosesNothing()
    {
        _client.Append("orders", 3);
        await using var harness = Harness();
        await harness.StartAsync(Config(streams: "orders"));

        _client.Unavailable = true;
        var duringOutage = await harness.PollAsync(); // the harness, like the runtime, treats it as an empty poll
        _client.Unavailable = false;
        var after = await harness.PollUntilAsync(3, TimeSpan.FromSeconds(5));

        duringOutage.Should().BeEmpty();
        harness.RetriableErrors.Should().ContainSingle().Which.Message.Should().Contain("503");
        after.Select(Sequence).Should().Equal(0L, 1L, 2L);
    }

    [Fact]
    public async Task Poll_WhenTheCredentialsAreRejected_FailsWithConnectException()
    {
        await using var harness = Harness();
        await harness.StartAsync(Config());
        _client.RejectCredentials = true;

        // Not a RetriableException: retrying with a bad key cannot succeed, so the task fails and says why.
        await harness.Invoking(h => h.PollAsync()).Should().ThrowExactlyAsync<ConnectException>()
            .WithMessage($"*401*'{ConnectorNameSourceConfig.ApiKeyConfig}'*");
    }

    [Fact]
    public async Task Poll_WaitsForThePollInterval_InSimulatedTime()
    {
        _client.Append("orders", 10);
        var time = new ManualTimeProvider();
        await using var harness = new SourceTaskHarness<ConnectorNameSourceTask>(
            () => new ConnectorNameSourceTask(_ => _client, time),
            new SourceTaskHarnessOptions { TimeProvider = time });
        await harness.StartAsync(Config(streams: "orders", batchSize: 5, pollIntervalMs: 60_000));

        await harness.PollAsync();
        var before = time.Now;
        var second = await harness.PollAsync(); // waits a minute on the manual clock, which the harness advances

        (time.Now - before).Should().Be(TimeSpan.FromMinutes(1));
        second.Select(Sequence).Should().Equal(5L, 6L, 7L, 8L, 9L);
    }

    [Fact]
    public async Task Poll_WithTheSimulatedClient_ReadsTheSameTicksEveryTime()
    {
        // The parameterless constructor, which the worker uses.
        await using var harness = new SourceTaskHarness<ConnectorNameSourceTask>();
        await harness.StartAsync(Config(streams: "orders", batchSize: 3));

        var records = await harness.PollAsync();

        records.Select(r => ((Struct)r.Value!).GetString(ConnectorNameSchemas.TextField))
            .Should().Equal("orders tick 0", "orders tick 1", "orders tick 2");
    }

    private static long Sequence(Connect.Sdk.Source.SourceRecord record) => (long)record.SourceOffset!["sequence"]!;

    private static Dictionary<string, string> Config(string streams = "orders,payments", int batchSize = 100, long pollIntervalMs = 0) => new()
    {
        [ConnectorNameSourceConfig.TopicConfig] = "messages",
        [ConnectorNameSourceConfig.StreamsConfig] = streams,
        [ConnectorNameSourceConfig.ApiKeyConfig] = "test-key",
        [ConnectorNameSourceConfig.BatchSizeConfig] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ConnectorNameSourceConfig.PollIntervalMsConfig] = pollIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private SourceTaskHarness<ConnectorNameSourceTask> Harness() =>
        new(() => new ConnectorNameSourceTask(_ => _client, TimeProvider.System));
}
