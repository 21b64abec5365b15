using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Connect.Sdk.Testing.Integration;

namespace Connect.Sdk.Testing.Tests.Integration;

public sealed class EmbeddedKafkaClusterTests : IDisposable
{
    private readonly EmbeddedKafkaCluster _kafka = EmbeddedKafkaCluster.Start();

    public void Dispose() => _kafka.Dispose();

    [Fact]
    public async Task ProduceAndConsume_Bytes_RoundTripWithHeadersAndOffsets()
    {
        _kafka.CreateTopic("bytes");

        var first = await _kafka.ProduceAsync("bytes", [1, 2], [3, 4], [new("trace", Encoding.UTF8.GetBytes("t-1"))]);
        var second = await _kafka.ProduceAsync("bytes", null, null);
        var read = await _kafka.ConsumeAsync("bytes", 2);

        (first.Partition, first.Offset, second.Offset).Should().Be((0, 0L, 1L));
        read[0].Key.Should().Equal(1, 2);
        read[0].Value.Should().Equal(3, 4);
        read[0].Headers.Should().ContainSingle().Which.Key.Should().Be("trace");
        read[0].Timestamp.Should().NotBeNull();
        read[1].Value.Should().BeNull("a tombstone stays null");
    }

    [Fact]
    public async Task ProduceAndConsume_Strings_AcrossPartitions()
    {
        _kafka.CreateTopic("strings", partitions: 3);

        for (var p = 0; p < 3; p++)
        {
            await _kafka.ProduceStringAsync("strings", $"k{p}", $"v{p}", partition: p);
        }

        var read = await _kafka.ConsumeStringsAsync("strings", 3);

        read.Should().BeEquivalentTo(new[] { KeyValuePair.Create<string?, string?>("k0", "v0"), new("k1", "v1"), new("k2", "v2") });
    }

    [Fact]
    public async Task ConsumeAsync_FewerRecordsThanExpected_TimesOutSayingHowManyArrived()
    {
        await _kafka.ProduceStringAsync("short", null, "only one");

        // Long enough for the one record to arrive on a loaded machine; the second never comes.
        var consume = () => _kafka.ConsumeAsync("short", 2, TimeSpan.FromSeconds(5));

        (await consume.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Be(
            "Expected 2 records in topic short within 5 s, but 1 arrived: only one.");
    }

    [Fact]
    public async Task CommittedOffsetsAsync_ReadsWhatAGroupCommitted()
    {
        _kafka.CreateTopic("committed", partitions: 2);
        await _kafka.ProduceStringAsync("committed", null, "a", partition: 1);
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = "readers" }).Build())
        {
            consumer.Commit([new TopicPartitionOffset("committed", 1, 1)]);
        }

        var committed = await _kafka.CommittedOffsetsAsync("readers", "committed");

        committed.Should().Equal(new Dictionary<Sdk.TopicPartition, long> { [new("committed", 1)] = 1 });
    }

    [Fact]
    public async Task TakeBrokerDown_ProduceWaitsUntilTheBrokerIsBack()
    {
        _kafka.CreateTopic("outage");
        await _kafka.ProduceStringAsync("outage", null, "before");

        Task<Connect.Sdk.Runtime.Embedded.ConsumedRecord> during;
        using (_kafka.TakeBrokerDown())
        {
            during = _kafka.ProduceStringAsync("outage", null, "during");
            await Task.Delay(500);
            during.IsCompleted.Should().BeFalse("no broker accepts the record");
        }

        (await during.WaitAsync(TimeSpan.FromSeconds(15))).Offset.Should().Be(1);
        (await _kafka.ConsumeStringsAsync("outage", 2)).Select(r => r.Value).Should().Equal("before", "during");
    }

    [Fact]
    public async Task FailRequests_RetriableProduceErrors_AreRetriedByTheClient()
    {
        _kafka.CreateTopic("flaky");
        await _kafka.ProduceStringAsync("flaky", null, "warm-up");

        _kafka.FailRequests(KafkaApi.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);
        var record = await _kafka.ProduceStringAsync("flaky", null, "after errors");

        record.Offset.Should().Be(1);
    }

    [Fact]
    public async Task FailRequests_NonRetriableError_FailsTheProduce()
    {
        _kafka.CreateTopic("refused");
        await _kafka.ProduceStringAsync("refused", null, "warm-up");

        _kafka.FailRequests(KafkaApi.Produce, ErrorCode.TopicAuthorizationFailed);
        var produce = () => _kafka.ProduceStringAsync("refused", null, "refused");

        (await produce.Should().ThrowAsync<ProduceException<byte[]?, byte[]?>>()).Which.Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
    }

    [Fact]
    public async Task SetLatency_DelaysEveryResponse()
    {
        _kafka.CreateTopic("slow");
        await _kafka.ProduceStringAsync("slow", null, "warm-up");

        _kafka.SetLatency(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await _kafka.ProduceStringAsync("slow", null, "slow");
        var slow = clock.Elapsed;
        _kafka.SetLatency(TimeSpan.Zero);

        slow.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
    }
}
