using System.Text.Json;
using Confluent.Kafka;
using Connect.Sdk.Runtime.DevCluster;
using Xunit.Abstractions;

namespace Connect.Sdk.Worker.Tests;

/// <summary>
/// kill -9 of a worker mid-run, then a restart: every record reaches Kafka, and the duplicates are only the records
/// produced after the last offset commit before the kill (at most one flush interval's worth).
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Total = 4000;
    private readonly string _folder = Directory.CreateTempSubdirectory("connect-crash-").FullName;

    [Fact]
    public async Task KillMinus9_ThenRestart_LosesNoRecord_DuplicatesBoundedByLastCommit()
    {
        // The cluster lives in the test process, so it survives the worker's death.
        using var cluster = DevKafkaCluster.Start();
        cluster.CreateTopic("orders", partitions: 1);
        var offsetsFile = Path.Combine(_folder, "offsets.json");
        var workerFile = Path.Combine(_folder, "worker.properties");
        await File.WriteAllTextAsync(workerFile, string.Join('\n',
            $"bootstrap.servers={cluster.BootstrapServers}",
            $"offset.storage.file.filename={offsetsFile}",
            "offset.flush.interval.ms=500",
            "key.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable=false",
            "key.converter.schemas.enable=false",
            $"plugin.path={WorkerProcess.SamplePluginFolder("Datagen")}",
            "listeners=http://127.0.0.1:0"));
        var connectorFile = Path.Combine(_folder, "datagen.properties");
        await File.WriteAllTextAsync(connectorFile, string.Join('\n',
            "name=datagen-orders", "connector.class=DatagenSource", "tasks.max=1", "kafka.topic=orders",
            "max.interval=2", $"iterations={Total}", "random.seed=7"));

        long committedAtKill;
        using (var first = WorkerProcess.Start(_folder, "standalone", "--no-progress", workerFile, connectorFile))
        {
            // Let it commit offsets a few times, then kill it without any chance to clean up.
            committedAtKill = await WaitForCommittedSequenceAsync(offsetsFile, atLeast: 300, TimeSpan.FromSeconds(60));
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            committedAtKill = ReadCommittedSequence(offsetsFile) ?? committedAtKill;
        }

        var beforeRestart = ReadOrderIds(cluster.BootstrapServers);
        output.WriteLine($"killed with {beforeRestart.Count} records in Kafka, last committed sequence {committedAtKill}");
        beforeRestart.Count.Should().BeLessThan(Total, "the worker must be killed mid-run for this test to mean anything");

        using (var second = WorkerProcess.Start(_folder, "standalone", "--no-progress", workerFile, connectorFile))
        {
            await WaitUntilAsync(() => ReadCommittedSequence(offsetsFile) == Total - 1, TimeSpan.FromSeconds(90), second);
            second.Terminate();
            (await second.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, second.Output);
        }

        var ids = ReadOrderIds(cluster.BootstrapServers);
        ids.Distinct().Should().BeEquivalentTo(Enumerable.Range(0, Total).Select(i => (long)i), "no record may be lost");
        var duplicates = ids.Count - Total;
        var producedAfterLastCommit = beforeRestart.Max() - committedAtKill;
        output.WriteLine($"duplicates: {duplicates}; records produced after the last commit before the kill: {producedAfterLastCommit}");
        duplicates.Should().BeLessThanOrEqualTo((int)producedAfterLastCommit, "only records after the last committed offset are produced again");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long? ReadCommittedSequence(string offsetsFile)
    {
        if (!File.Exists(offsetsFile))
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(offsetsFile))!;
            var offset = stored.Values.Single();
            return JsonDocument.Parse(offset).RootElement.GetProperty("sequence").GetInt64();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<long> WaitForCommittedSequenceAsync(string offsetsFile, long atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ReadCommittedSequence(offsetsFile) is { } sequence && sequence >= atLeast)
            {
                return sequence;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No offset of at least {atLeast} was committed within {timeout}.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || worker.HasExited)
            {
                throw new TimeoutException($"Condition not met within {timeout}. Worker output:\n{worker.Output}");
            }

            await Task.Delay(100);
        }
    }

    private static List<long> ReadOrderIds(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "check-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("orders", 0, Offset.Beginning));
        var ids = new List<long>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                break;
            }

            ids.Add(JsonDocument.Parse(result.Message.Value).RootElement.GetProperty("order_id").GetInt64());
        }

        return ids;
    }
}
