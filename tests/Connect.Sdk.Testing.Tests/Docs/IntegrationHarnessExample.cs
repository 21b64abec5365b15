using System.Text;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Testing.Integration;

namespace Connect.Sdk.Testing.Tests.Docs;

#region integration-test
public class ItemSinkIntegrationTests
{
    [Fact]
    public async Task Sink_OnAConnectCluster_WritesWhatIsProducedAndCommitsItsOffsets()
    {
        // Kafka (in-process), a standalone worker and the REST API on a free port of 127.0.0.1.
        await using var connect = await EmbeddedConnectCluster.StartAsync();
        connect.Kafka.CreateTopic("orders");
        await connect.Kafka.ProduceStringAsync("orders", null, """{"schema":{"type":"string"},"payload":"book"}""");
        var (system, store) = ItemStore.Create();

        // Through the REST API, as an operator would: PUT /connectors/orders-sink/config.
        await connect.ConfigureConnectorAsync("orders-sink", new Dictionary<string, string>
        {
            ["connector.class"] = typeof(ItemSinkConnector).FullName!,
            ["topics"] = "orders",
            ["system"] = system,
        });
        await connect.AwaitTasksAsync("orders-sink", tasks: 1, ConnectState.Running);

        await Eventually(() => store.Written().Count == 1);
        await Eventually(async () => (await connect.Kafka.CommittedOffsetsAsync("connect-orders-sink", "orders")).Count == 1);
        store.Written().Should().Equal("book");
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var waited = 0; !await condition(); waited += 100)
        {
            waited.Should().BeLessThan(20_000, "the condition should hold within 20 s");
            await Task.Delay(100);
        }
    }

    private static Task Eventually(Func<bool> condition) => Eventually(() => Task.FromResult(condition()));
}
#endregion

#region kafka-faults
public class ItemSourceOutageTests
{
    [Fact]
    public async Task Source_AcrossABrokerOutage_LosesNoRecord()
    {
        var options = new EmbeddedConnectClusterOptions();
        options.WorkerProperties["key.converter"] = "org.apache.kafka.connect.storage.StringConverter";
        await using var connect = await EmbeddedConnectCluster.StartAsync(options);
        connect.Kafka.CreateTopic("items");
        var (system, store) = ItemStore.Create();
        store.Append(5);
        await connect.ConfigureConnectorAsync("items-source", new Dictionary<string, string>
        {
            ["connector.class"] = typeof(PacedItemSourceConnector).FullName!,
            ["system"] = system,
            ["topic"] = "items",
        });
        await connect.AwaitRecordsAsync("items", 5);

        using (connect.Kafka.TakeBrokerDown()) // no broker answers until this is disposed
        {
            store.Append(5);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var records = await connect.AwaitRecordsAsync("items", 10);
        records.Select(r => Encoding.UTF8.GetString(r.Key!)).Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => $"item-{i}"));
    }
}
#endregion
