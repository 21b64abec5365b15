using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>
/// A counting source connector (one task, one partition, no delay between records) on a fresh cluster and worker,
/// writing to <c>counts</c>; the test adjusts <see cref="Config"/> before <see cref="CreateConnectorAsync"/>.
/// </summary>
internal sealed class CountingSource(ConnectTestCluster cluster, TestWorker worker, string name, Dictionary<string, string> config) : IAsyncDisposable
{
    public string Name => name;

    public TestWorker Worker => worker;

    public Dictionary<string, string> Config => config;

    public long Skipped => worker.Worker.TaskMetrics(new ConnectorTaskId(name, 0))!.Skipped;

    public ConnectState TaskState => worker.Status(name).Tasks.Single().Status.State;

    public static async Task<CountingSource> StartAsync(ITestOutputHelper output, string prefix, int records)
    {
        var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName(prefix);
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        return new CountingSource(cluster, worker, name, SourceOffsetTests.SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: records));
    }

    public Task CreateConnectorAsync() => worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

    public IReadOnlyList<string> ReadValues() => cluster.ReadValues("counts");

    public Task<ConnectorStateInfo> TaskFailedAsync() =>
        Eventually.ValueAsync(() => worker.Status(name), s => s.Tasks.Any(t => t.Status.State == ConnectState.Failed), "the task failed");

    public Task OffsetCommittedAsync(string offsetJson, string because)
    {
        var key = OffsetCodec.SerializeKey(name, CountingSourceConnector.SourcePartition(0));
        return Eventually.TrueAsync(() => worker.Offsets.Snapshot().GetValueOrDefault(key) == offsetJson, because);
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
