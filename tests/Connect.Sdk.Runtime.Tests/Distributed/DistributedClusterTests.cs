using System.Diagnostics;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Distributed;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tests.Integration;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Distributed;

/// <summary>
/// Three distributed workers in one process (separate worker instances and Kafka clients) sharing the internal topics
/// of one development cluster: connectors and tasks spread over them, move when a worker leaves or joins, and resume
/// from the topics after every worker restarted.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class DistributedClusterTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const string Group = "connect-test";
    private readonly ConnectTestCluster _cluster = ConnectTestCluster.Start(output);
    private readonly List<DistributedRuntime> _workers = [];

    [Fact]
    public async Task TasksSpreadOverWorkers_FailOverWhenOneLeaves_AndNoRecordIsLost()
    {
        _cluster.CreateTopic("counts", partitions: 3);
        var a = await StartWorkerAsync("worker-a");
        var b = await StartWorkerAsync("worker-b");
        var c = await StartWorkerAsync("worker-c");

        await a.Herder.PutConnectorConfigAsync("counter", SourceConfig("counter", tasks: 6, total: 400), allowReplace: false);

        var status = await Eventually.ValueAsync(
            () => a.Herder.ConnectorStatus("counter"),
            s => s.Tasks.Count == 6 && s.Tasks.All(t => t.Status.State == ConnectState.Running) && s.Connector.State == ConnectState.Running,
            "the connector and its 6 tasks run",
            TimeSpan.FromSeconds(60));
        var units = _workers.Select(w => w.Herder.OwnedUnits.Count).ToList();
        output.WriteLine($"units per worker: {string.Join(", ", units)}; task workers: {string.Join(", ", status.Tasks.Select(t => t.Status.WorkerId))}");
        units.Sum().Should().Be(7, "one connector and six tasks");
        (units.Max() - units.Min()).Should().BeLessThanOrEqualTo(1, "connectors and tasks are balanced within one");
        status.Tasks.Select(t => t.Status.WorkerId).Distinct().Should().HaveCount(3);

        // Worker c leaves: its units move to a and b within the session timeout, and nothing is lost.
        var moved = c.Herder.OwnedUnits.Count;
        var clock = Stopwatch.StartNew();
        await c.DisposeAsync();
        _workers.Remove(c);
        await Eventually.TrueAsync(
            () => _workers.Sum(w => w.Herder.OwnedUnits.Count) == 7
                && a.Herder.ConnectorStatus("counter").Tasks.All(t => t.Status.State == ConnectState.Running && t.Status.WorkerId != "worker-c"),
            "the units of worker-c run on the other workers",
            TimeSpan.FromSeconds(60));
        output.WriteLine($"failover of {moved} unit(s) after a graceful leave took {clock.Elapsed.TotalSeconds:F1} s");

        var values = await Eventually.ValueAsync(
            () => _cluster.ReadValues("counts", 3),
            v => v.Distinct().Count() == 6 * 400,
            "every counter value is in the topic",
            TimeSpan.FromSeconds(60));
        values.Distinct().Should().BeEquivalentTo(Enumerable.Range(0, 6).SelectMany(p => Enumerable.Range(0, 400).Select(s => CountingSourceConnector.ValueOf(p, s))));
        output.WriteLine($"duplicates after the move: {values.Count - values.Distinct().Count()}");
    }

    [Fact]
    public async Task AddingAWorker_MovesSomeUnits_AndLeavesTheOthersRunning()
    {
        _cluster.CreateTopic("counts", partitions: 3);
        var a = await StartWorkerAsync("worker-a");
        var b = await StartWorkerAsync("worker-b");
        await a.Herder.PutConnectorConfigAsync("endless", SourceConfig("endless", tasks: 4, total: -1, pollDelayMs: 20), allowReplace: false);
        await Eventually.TrueAsync(
            () => AllRunning(a, "endless", 4),
            "the connector and its 4 tasks run",
            TimeSpan.FromSeconds(60));
        var before = _workers.ToDictionary(w => w.Worker.WorkerId, w => w.Herder.OwnedUnits.ToHashSet());
        var startsBefore = SourceProgress.For("endless").Starts;

        var c = await StartWorkerAsync("worker-c");
        await Eventually.TrueAsync(
            () => c.Herder.OwnedUnits.Count > 0 && AllRunning(a, "endless", 4) && _workers.Sum(w => w.Herder.OwnedUnits.Count) == 5,
            "worker-c takes over part of the work",
            TimeSpan.FromSeconds(60));

        var stayed = before.SelectMany(kv => kv.Value.Where(u => _workers.Single(w => w.Worker.WorkerId == kv.Key).Herder.OwnedUnits.Contains(u))).ToList();
        var movedCount = c.Herder.OwnedUnits.Count;
        output.WriteLine($"moved to worker-c: {movedCount}; stayed: {stayed.Count}; task starts before {startsBefore}, after {SourceProgress.For("endless").Starts}");
        stayed.Should().NotBeEmpty("an incremental rebalance leaves unmoved units in place");
        var taskStartsFromTheMove = SourceProgress.For("endless").Starts - startsBefore;
        taskStartsFromTheMove.Should().BeLessThanOrEqualTo(movedCount, "only the moved tasks restart; the others keep running");
    }

    [Fact]
    public async Task RestartingEveryWorker_ResumesConnectorsTargetStatesAndOffsetsFromTheTopics()
    {
        _cluster.CreateTopic("counts", partitions: 3);
        var a = await StartWorkerAsync("worker-a");
        await a.Herder.PutConnectorConfigAsync("first", SourceConfig("first", tasks: 2, total: 150), allowReplace: false);
        await a.Herder.PutConnectorConfigAsync("second", SourceConfig("second", tasks: 1, total: 100), allowReplace: false, TargetState.Paused);
        await Eventually.TrueAsync(() => SourceProgress.For("first").CommittedRecords >= 2 * 150, "the first connector produced everything", TimeSpan.FromSeconds(60));
        await Task.Delay(700); // one offset flush interval, so the last offsets are committed before the stop as well
        await a.DisposeAsync();
        _workers.Clear();

        var b = await StartWorkerAsync("worker-b");
        await Eventually.TrueAsync(
            () => b.Herder.Connectors().SequenceEqual(["first", "second"]) && AllRunning(b, "first", 2, on: "worker-b")
                && b.Herder.ConnectorStatus("second").Connector.State == ConnectState.Paused,
            "the restarted cluster runs the first connector and keeps the second paused",
            TimeSpan.FromSeconds(60));

        SourceProgress.For("first").ResumedFrom.Values.Should().AllSatisfy(next => next.Should().Be(150), "tasks resume from the offsets topic");
        (await b.Herder.GetOffsetsAsync("first")).Should().HaveCount(2);
        b.Herder.ConnectorInfo("first").Config["tasks.max"].Should().Be("2");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await _cluster.DisposeAsync();
    }

    private static bool AllRunning(DistributedRuntime worker, string connector, int tasks, string? on = null)
    {
        var status = worker.Herder.ConnectorStatus(connector);
        return status.Connector.State == ConnectState.Running && status.Tasks.Count == tasks
            && status.Tasks.All(t => t.Status.State == ConnectState.Running && (on is null || t.Status.WorkerId == on));
    }

    private static Dictionary<string, string> SourceConfig(string name, int tasks, long total, int pollDelayMs = 0) => new()
    {
        ["name"] = name,
        ["connector.class"] = typeof(CountingSourceConnector).FullName!,
        ["tasks.max"] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CountingSourceConnector.TopicConfig] = "counts",
        [CountingSourceConnector.SourcePartitionsConfig] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CountingSourceConnector.TotalRecordsConfig] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CountingSourceConnector.BatchSizeConfig] = "20",
        [CountingSourceConnector.PollDelayConfig] = pollDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<DistributedRuntime> StartWorkerAsync(string id)
    {
        var props = _cluster.WorkerProps(new Dictionary<string, string>
        {
            [WorkerConfig.GroupIdConfig] = Group,
            [WorkerConfig.WorkerIdConfig] = id,
            [DistributedConfig.ConfigTopicConfig] = "connect-configs",
            [DistributedConfig.OffsetTopicConfig] = "connect-offsets",
            [DistributedConfig.StatusTopicConfig] = "connect-status",
            [DistributedConfig.OffsetPartitionsConfig] = "5",
            [DistributedConfig.StatusPartitionsConfig] = "2",
            [DistributedConfig.ConfigReplicationConfig] = "1",
            [DistributedConfig.OffsetReplicationConfig] = "1",
            [DistributedConfig.StatusReplicationConfig] = "1",
            [DistributedConfig.SessionTimeoutConfig] = "3000",
            [DistributedConfig.HeartbeatIntervalConfig] = "300",
        });
        props.Remove(WorkerConfig.OffsetStorageFileConfig);
        var plugins = PluginRegistry.FromApplication().AddType(typeof(CountingSourceConnector)).AddType(typeof(CollectingSinkConnector));
        var runtime = await DistributedRuntime.StartAsync(props, _cluster.LoggerFactory, plugins, (topic, partitions, rf) => _cluster.Kafka.CreateTopic(topic, partitions, rf));
        _workers.Add(runtime);
        return runtime;
    }
}
