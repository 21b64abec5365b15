using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Runtime.Distributed;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Worker.Tests;

/// <summary>
/// Two distributed worker processes share one cluster; one is killed with SIGKILL. Its tasks restart on the other
/// worker after the session timeout and every record still reaches Kafka.
/// </summary>
public sealed partial class DistributedFailoverTests(ITestOutputHelper output) : IDisposable
{
    private const string Group = "failover-cluster";
    private const int TasksMax = 2;
    private const int PerTask = 3000;
    private readonly string _folder = Directory.CreateTempSubdirectory("connect-distributed-").FullName;

    [Fact]
    public async Task KillMinus9_OfOneWorker_MovesItsTasksToTheOther_AndLosesNoRecord()
    {
        using var cluster = DevKafkaCluster.Start();
        // The mock cluster has no CreateTopics API, so the topics are created the way an operator would beforehand.
        cluster.CreateTopic("connect-configs", 1);
        cluster.CreateTopic("connect-offsets", 5);
        cluster.CreateTopic("connect-status", 2);
        cluster.CreateTopic("orders", 1);
        foreach (var topic in UnitTopics.All(Group, "datagen", TasksMax))
        {
            cluster.CreateTopic(topic, 1);
        }

        using var a = StartWorker(cluster, "worker-a");
        using var b = StartWorker(cluster, "worker-b");
        var restA = await a.WaitForLineAsync(RestLine(), TimeSpan.FromSeconds(60));
        var restB = await b.WaitForLineAsync(RestLine(), TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(restA) };

        var created = await http.PostAsJsonAsync("/connectors", new
        {
            name = "datagen",
            config = new Dictionary<string, string>
            {
                ["connector.class"] = "DatagenSource",
                ["tasks.max"] = TasksMax.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["kafka.topic"] = "orders",
                ["max.interval"] = "3",
                ["iterations"] = PerTask.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["random.seed"] = "11",
            },
        });
        ((int)created.StatusCode).Should().Be(201, await created.Content.ReadAsStringAsync());

        var running = await WaitForStatusAsync(http, s => RunningTasks(s).Count == TasksMax, TimeSpan.FromSeconds(90));
        output.WriteLine($"tasks run on: {string.Join(", ", RunningTasks(running).Select(t => $"{t.Id}@{t.Worker}"))}");

        // Kill a worker that runs a task, the hard way, once it has produced a little; watch through the other one.
        var victimId = RunningTasks(running)[0].Worker;
        var (victim, survivorId, survivorRest) = victimId == "worker-a" ? (a, "worker-b", restB) : (b, "worker-a", restA);
        using var survivorHttp = new HttpClient { BaseAddress = new Uri(survivorRest) };
        await Task.Delay(1500);
        victim.KillHard();
        var clock = Stopwatch.StartNew();
        await WaitForStatusAsync(survivorHttp, s => RunningTasks(s).Count == TasksMax && RunningTasks(s).All(t => t.Worker == survivorId), TimeSpan.FromSeconds(90));
        var failover = clock.Elapsed;
        output.WriteLine($"failover after kill -9: {failover.TotalSeconds:F1} s (session.timeout.ms=6000)");

        var ids = await WaitForAllIdsAsync(cluster.BootstrapServers, TasksMax * PerTask, TimeSpan.FromSeconds(120));
        ids.Distinct().Should().BeEquivalentTo(Enumerable.Range(0, TasksMax * PerTask).Select(i => (long)i), "no record may be lost");
        output.WriteLine($"records: {ids.Count}, duplicates: {ids.Count - ids.Distinct().Count()}");
        failover.Should().BeLessThan(TimeSpan.FromSeconds(60));
        var survivor = victim == a ? b : a;
        survivor.Terminate();
        (await survivor.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, survivor.Output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"REST API listening at (\S+)")]
    private static partial Regex RestLine();

    private WorkerProcess StartWorker(DevKafkaCluster cluster, string id)
    {
        var file = Path.Combine(_folder, id + ".properties");
        File.WriteAllLines(file,
        [
            $"bootstrap.servers={cluster.BootstrapServers}",
            $"group.id={Group}",
            $"worker.id={id}",
            "listeners=http://127.0.0.1:0",
            "config.storage.topic=connect-configs",
            "offset.storage.topic=connect-offsets",
            "status.storage.topic=connect-status",
            "session.timeout.ms=6000",
            "heartbeat.interval.ms=1000",
            "offset.flush.interval.ms=500",
            "key.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable=false",
            "value.converter.schemas.enable=false",
            $"plugin.path={WorkerProcess.SamplePluginFolder("Datagen")}",
        ]);
        return WorkerProcess.Start(_folder, "distributed", "--no-progress", file);
    }

    private static List<(int Id, string Worker)> RunningTasks(JsonElement status) =>
        status.GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("state").GetString() == ConnectState.Running.ToWireName())
            .Select(t => (t.GetProperty("id").GetInt32(), t.GetProperty("worker_id").GetString()!))
            .ToList();

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient http, Func<JsonElement, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync("/connectors/datagen/status");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var status = JsonDocument.Parse(last).RootElement.Clone();
                if (accept(status))
                {
                    return status;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The connector status did not reach the expected state within {timeout}; last: {last}");
    }

    private static async Task<List<long>> WaitForAllIdsAsync(string bootstrap, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "check-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("orders", 0, Offset.Beginning));
        var ids = new List<long>();
        var distinct = new HashSet<long>();
        while (distinct.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            var id = JsonDocument.Parse(result.Message.Value).RootElement.GetProperty("order_id").GetInt64();
            ids.Add(id);
            distinct.Add(id);
        }

        await Task.CompletedTask;
        return ids;
    }
}
