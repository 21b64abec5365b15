using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Source;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class SourceOffsetTests(ITestOutputHelper output)
{
    private const int SourcePartitions = 3;
    private const int RecordsPerPartition = 100;

    [Fact]
    public async Task SourceTask_RestartedWorker_ResumesFromCommittedOffsetWithoutLoss()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts", partitions: 2);
        var name = "counting-" + Guid.NewGuid().ToString("N")[..8];
        var config = SourceConfig(name, pollDelayMs: 40);
        var progress = SourceProgress.For(name);
        var expected = Enumerable.Range(0, SourcePartitions)
            .SelectMany(p => Enumerable.Range(0, RecordsPerPartition).Select(seq => CountingSourceConnector.ValueOf(p, seq)))
            .ToList();

        // First worker lifetime: stop it part-way, after offsets were committed at least once.
        var first = await cluster.StartWorkerAsync();
        await first.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);
        await first.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);
        await Eventually.TrueAsync(() => progress.Polled >= 60 && first.Offsets.Snapshot().Count == SourcePartitions, "offsets of every source partition were committed");
        await first.DisposeAsync();
        var storedAfterFirst = OffsetsOf(name, new FileOffsetBackingStore(cluster.OffsetsFile));
        var writtenByFirst = cluster.ReadValues("counts", partitions: 2);
        writtenByFirst.Count.Should().BeLessThan(expected.Count, "the first lifetime is stopped before the source is exhausted");

        // The graceful stop committed the offset of every record Kafka acknowledged.
        foreach (var (partition, seq) in storedAfterFirst)
        {
            writtenByFirst.Should().Contain(CountingSourceConnector.ValueOf(partition, seq));
            writtenByFirst.Should().NotContain(CountingSourceConnector.ValueOf(partition, seq + 1), "nothing past the committed offset was written before the stop");
        }

        // Second lifetime: a new worker reading the same offsets file.
        var second = await cluster.StartWorkerAsync();
        await second.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);
        var all = await Eventually.ValueAsync(
            () => cluster.ReadValues("counts", partitions: 2),
            values => values.Count >= expected.Count && expected.All(new HashSet<string>(values).Contains),
            "every expected value is in the topic");

        progress.Starts.Should().Be(4, "two tasks started in each lifetime");
        foreach (var (partition, seq) in storedAfterFirst)
        {
            progress.ResumedFrom[partition].Should().Be(seq + 1, $"source partition {partition} resumes after its committed offset");
        }

        all.Should().OnlyHaveUniqueItems("a graceful stop commits everything acknowledged, so nothing is produced twice");
        all.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task SourceTask_OffsetsAreCommittedWhileRunning_WithKafkaKeyFormat()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = "counting-" + Guid.NewGuid().ToString("N")[..8];
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        await worker.Herder.PutConnectorConfigAsync(name, SourceConfig(name, pollDelayMs: 0, tasks: 1, partitions: 1, records: 50), allowReplace: false);

        var key = OffsetCodec.SerializeKey(name, CountingSourceConnector.SourcePartition(0));
        await Eventually.TrueAsync(
            () => worker.Offsets.Snapshot().GetValueOrDefault(key) == "{\"seq\":49}",
            "the last record's offset is committed by the periodic flush");

        key.Should().Be($"[\"{name}\",{{\"counter\":\"test\",\"partition\":0}}]");
        var offsets = await worker.Herder.GetOffsetsAsync(name);
        offsets.Should().ContainSingle().Which.Offset.Should().BeEquivalentTo(new Dictionary<string, object?> { ["seq"] = 49L });
        SourceProgress.For(name).CommittedRecords.Should().Be(50, "commitRecord is called once per acknowledged record");
        var metadata = SourceProgress.For(name).CommittedMetadata.ToList();
        metadata.Should().AllSatisfy(m => m.Should().NotBeNull().And.Match<RecordMetadata>(r => r.Topic == "counts" && r.Partition == 0));
        metadata.Select(m => m!.Offset).Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => (long)i), "each record's offset comes from its delivery report");
        metadata.Should().AllSatisfy(m => m!.Timestamp.Should().BePositive("the delivery report's timestamp (the mock broker's log append time) is passed on; without it the client reports 0"));
    }

    internal static Dictionary<string, string> SourceConfig(string name, int pollDelayMs, int tasks = 2, int partitions = SourcePartitions, int records = RecordsPerPartition, string topic = "counts") => new()
    {
        ["connector.class"] = typeof(CountingSourceConnector).FullName!,
        ["tasks.max"] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CountingSourceConnector.TopicConfig] = topic,
        [CountingSourceConnector.TotalRecordsConfig] = records.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CountingSourceConnector.BatchSizeConfig] = "5",
        [CountingSourceConnector.SourcePartitionsConfig] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [CountingSourceConnector.PollDelayConfig] = pollDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<int, long> OffsetsOf(string connector, FileOffsetBackingStore store)
    {
        using (store)
        {
            store.StartAsync().GetAwaiter().GetResult();
            var result = new Dictionary<int, long>();
            foreach (var (key, value) in store.Snapshot())
            {
                var parsed = OffsetCodec.DeserializeKey(key);
                if (parsed is { } p && p.Connector == connector)
                {
                    result[Convert.ToInt32(p.Partition["partition"], System.Globalization.CultureInfo.InvariantCulture)] = (long)OffsetCodec.DeserializeOffset(value)["seq"]!;
                }
            }

            return result;
        }
    }
}
