using System.Net;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Testing.Integration;

namespace Connect.Sdk.Testing.Tests.Integration;

/// <summary>One worker and Kafka cluster for the tests of this class; each test uses its own connectors and topics.</summary>
public sealed class EmbeddedConnectClusterFixture : IAsyncLifetime
{
    public EmbeddedConnectCluster Connect { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new EmbeddedConnectClusterOptions();
        options.WorkerProperties["key.converter"] = "org.apache.kafka.connect.storage.StringConverter";
        options.WorkerProperties["offset.flush.interval.ms"] = "200";
        options.PluginTypes.Add(typeof(PacedItemSourceConnector));
        Connect = await EmbeddedConnectCluster.StartAsync(options);
    }

    public async Task DisposeAsync() => await Connect.DisposeAsync();
}

public sealed class EmbeddedConnectClusterTests(EmbeddedConnectClusterFixture fixture) : IClassFixture<EmbeddedConnectClusterFixture>
{
    private EmbeddedConnectCluster Connect => fixture.Connect;

    [Fact]
    public async Task Source_ConfiguredThroughRest_WritesItsRecordsToKafka()
    {
        var (system, store) = ItemStore.Create();
        store.Append(5);
        Connect.Kafka.CreateTopic("items");

        var created = await Connect.ConfigureConnectorAsync("items-source", SourceConfig(system, "items"));
        var status = await Connect.AwaitTasksAsync("items-source", tasks: 1);
        var records = await Connect.AwaitRecordsAsync("items", 5);

        created.Should().BeTrue();
        status.Type.Should().Be(ConnectorType.Source);
        status.Connector.WorkerId.Should().Be("embedded-worker");
        records.Select(r => System.Text.Encoding.UTF8.GetString(r.Key!)).Should().Equal("item-0", "item-1", "item-2", "item-3", "item-4");
        System.Text.Encoding.UTF8.GetString(records[0].Value!).Should().Contain("\"payload\":{\"position\":0,\"text\":\"item-0\"}");
        await Connect.DeleteConnectorAsync("items-source");
    }

    [Fact]
    public async Task Sink_ReadsWhatIsProducedAndCommitsItsOffsets()
    {
        var (system, store) = ItemStore.Create();
        Connect.Kafka.CreateTopic("to-store");
        await Connect.Kafka.ProduceStringAsync("to-store", "a", """{"schema":{"type":"string"},"payload":"one"}""");
        await Connect.Kafka.ProduceStringAsync("to-store", "b", """{"schema":{"type":"string"},"payload":"two"}""");

        await Connect.ConfigureConnectorAsync("store-sink", new Dictionary<string, string>
        {
            ["connector.class"] = typeof(ItemSinkConnector).FullName!,
            ["topics"] = "to-store",
            [ItemSinkConnector.SystemConfig] = system,
        });
        await Connect.AwaitTasksAsync("store-sink", tasks: 1);
        await Eventually(() => store.Written().Count == 2);
        await Eventually(async () => (await Connect.Kafka.CommittedOffsetsAsync("connect-store-sink", "to-store")).GetValueOrDefault(new("to-store", 0)) == 2);

        store.Written().Should().BeEquivalentTo("one", "two");
        await Connect.DeleteConnectorAsync("store-sink");
    }

    [Fact]
    public async Task FailingTask_IsReportedWithItsTrace()
    {
        var (system, store) = ItemStore.Create();
        store.Unavailable = true;
        var config = SourceConfig(system, "fragile");
        config["connector.class"] = typeof(FragileSourceConnector).FullName!;

        await Connect.ConfigureConnectorAsync("fragile-source", config);
        var status = await Connect.AwaitTaskStateAsync("fragile-source", 0, ConnectState.Failed);

        status.Tasks.Single().Status.Trace.Should().Contain("connection refused");
        await Connect.DeleteConnectorAsync("fragile-source");
    }

    [Fact]
    public async Task PauseAndResume_ThroughRest_ChangeTheStates()
    {
        var (system, _) = ItemStore.Create();
        await Connect.ConfigureConnectorAsync("paused-source", SourceConfig(system, "paused"));
        await Connect.AwaitTasksAsync("paused-source", tasks: 1);

        await Connect.PauseConnectorAsync("paused-source");
        var paused = await Connect.AwaitTasksAsync("paused-source", tasks: 1, ConnectState.Paused);
        await Connect.ResumeConnectorAsync("paused-source");
        await Connect.AwaitTasksAsync("paused-source", tasks: 1);

        paused.Connector.State.Should().Be(ConnectState.Paused);
        await Connect.DeleteConnectorAsync("paused-source");
    }

    [Fact]
    public async Task ConfigureConnectorAsync_InvalidConfig_ThrowsWithTheApisMessage()
    {
        var configure = () => Connect.ConfigureConnectorAsync("broken", new Dictionary<string, string> { ["connector.class"] = typeof(PacedItemSourceConnector).FullName! });

        var failure = await configure.Should().ThrowAsync<HttpRequestException>();
        failure.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        failure.Which.Message.Should().Contain("PUT /connectors/broken/config answered 400").And.Contain("system");
    }

    [Fact]
    public async Task AwaitConnectorStateAsync_UnknownConnector_TimesOutWithTheLastAnswer()
    {
        var wait = () => Connect.AwaitConnectorStateAsync("missing", ConnectState.Running, TimeSpan.FromMilliseconds(300));

        (await wait.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("404");
    }

    private static Dictionary<string, string> SourceConfig(string system, string topic) => new()
    {
        ["connector.class"] = typeof(PacedItemSourceConnector).FullName!,
        [ItemSourceConnector.SystemConfig] = system,
        [ItemSourceConnector.TopicConfig] = topic,
    };

    private static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 20 s");
            await Task.Delay(100);
        }
    }
}
