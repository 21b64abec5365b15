using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Tests.Connectors;

public class RecordTests
{
    private static readonly Dictionary<string, object?> Partition = new() { ["file"] = "orders.csv" };
    private static readonly Dictionary<string, object?> Offset = new() { ["position"] = 42L };

    [Fact]
    public void SourceRecord_KeepsAllProperties()
    {
        var headers = new Headers().AddString("h", "v");
        var record = new SourceRecord(Partition, Offset, "orders", 3, Schema.String, "k", Schema.Int32, 7, 1000L, headers);

        record.SourcePartition.Should().BeSameAs(Partition);
        record.SourceOffset.Should().BeSameAs(Offset);
        record.Topic.Should().Be("orders");
        record.KafkaPartition.Should().Be(3);
        record.KeySchema.Should().Be(Schema.String);
        record.Key.Should().Be("k");
        record.ValueSchema.Should().Be(Schema.Int32);
        record.Value.Should().Be(7);
        record.Timestamp.Should().Be(1000L);
        record.Headers.Equals(headers).Should().BeTrue();
        record.Headers.Should().NotBeSameAs(headers, "a record copies the headers it is given");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, 0L)]
    [InlineData(5, -1L)]
    [InlineData(int.MaxValue, long.MinValue)]
    [InlineData(null, long.MaxValue)]
    public void Records_KeepPartitionAndTimestamp_IncludingNullAndExtremes(int? partition, long? timestamp)
    {
        var source = new SourceRecord(Partition, Offset, "orders", partition, null, null, null, null, timestamp);
        var sink = new SinkRecord("orders", partition ?? 0, null, null, null, null, 1, timestamp);

        source.KafkaPartition.Should().Be(partition);
        source.Timestamp.Should().Be(timestamp);
        source.NewRecord("copy", partition, null, null, null, null, timestamp).Timestamp.Should().Be(timestamp);
        sink.KafkaPartition.Should().Be(partition ?? 0);
        sink.Timestamp.Should().Be(timestamp);
    }

    [Fact]
    public void SourceRecord_NegativePartition_Throws()
    {
        var act = () => new SourceRecord(null, null, "t", kafkaPartition: -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void SourceRecord_NewRecord_KeepsSourcePartitionAndOffset()
    {
        var record = new SourceRecord(Partition, Offset, "orders", valueSchema: Schema.String, value: "v");

        var routed = record.WithTopic("orders-2024");

        routed.Topic.Should().Be("orders-2024");
        routed.SourcePartition.Should().BeSameAs(Partition);
        routed.SourceOffset.Should().BeSameAs(Offset);
        routed.Value.Should().Be("v");
    }

    [Fact]
    public void NewRecord_CopiesHeadersSoChangesDoNotLeak()
    {
        var record = new SourceRecord(Partition, Offset, "t", headers: new Headers().AddString("a", "1"));

        var copy = record.WithValue(Schema.String, "x");
        copy.Headers.AddString("b", "2");

        record.Headers.Count.Should().Be(1);
        copy.Headers.Count.Should().Be(2);
    }

    [Fact]
    public void NewRecord_OriginalChangedBeforeTheCopyReadsItsHeaders_CopyKeepsTheHeadersAtCopyTime()
    {
        var record = new SourceRecord(Partition, Offset, "t", headers: new Headers().AddString("a", "1"));

        var copy = record.WithTopic("u");
        record.Headers.AddString("b", "2").Remove("a");

        copy.Headers.Select(h => h.Key).Should().Equal("a");
        record.Headers.Select(h => h.Key).Should().Equal("b");
    }

    [Fact]
    public void NewRecord_CopyOfACopy_SharesTheHeadersUntilEitherChanges()
    {
        var record = new SinkRecord("t", 0, null, null, null, "v", 5, headers: new Headers().AddString("a", "1"));

        var first = record.WithTopic("u");
        var second = first.WithValue(Schema.String, "w");
        second.Headers.AddString("b", "2");
        first.Headers.AddString("c", "3");

        record.Headers.Select(h => h.Key).Should().Equal("a");
        first.Headers.Select(h => h.Key).Should().Equal("a", "c");
        second.Headers.Select(h => h.Key).Should().Equal("a", "b");
    }

    [Fact]
    public void Records_MadeWithoutHeaders_GetTheirOwnEmptyCollections()
    {
        var first = new SourceRecord(Partition, Offset, "t");
        var second = new SourceRecord(Partition, Offset, "t");

        first.Headers.AddString("a", "1");

        first.Headers.Should().BeSameAs(first.Headers, "the collection is created once");
        second.Headers.IsEmpty.Should().BeTrue();
        first.WithTopic("u").Headers.Select(h => h.Key).Should().Equal("a");
    }

    [Fact]
    public void NewRecord_WithExplicitHeaders_UsesThemInsteadOfTheOriginals()
    {
        var record = new SourceRecord(Partition, Offset, "t", headers: new Headers().AddString("a", "1"));
        var replacement = new List<Header> { new("z", Schema.String, "9") };

        var copy = record.NewRecord("t", null, null, null, null, null, null, replacement);
        replacement.Add(new Header("y", Schema.String, "8"));

        copy.Headers.Select(h => h.Key).Should().Equal("z");
    }

    [Fact]
    public void SourceRecord_Equality_ComparesPartitionsByContent()
    {
        var a = new SourceRecord(new Dictionary<string, object?> { ["f"] = "x" }, new Dictionary<string, object?> { ["o"] = 1L }, "t", value: new byte[] { 1 });
        var b = new SourceRecord(new Dictionary<string, object?> { ["f"] = "x" }, new Dictionary<string, object?> { ["o"] = 1L }, "t", value: new byte[] { 1 });
        var c = new SourceRecord(new Dictionary<string, object?> { ["f"] = "x" }, new Dictionary<string, object?> { ["o"] = 2L }, "t", value: new byte[] { 1 });

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(c);
    }

    [Fact]
    public void SinkRecord_DefaultsOriginalsToCurrentPosition()
    {
        var record = new SinkRecord("orders", 2, null, "k", null, "v", 99, 5L, TimestampType.CreateTime);

        record.OriginalTopic.Should().Be("orders");
        record.OriginalKafkaPartition.Should().Be(2);
        record.OriginalKafkaOffset.Should().Be(99);
        record.OriginalTopicPartition.Should().Be(new TopicPartition("orders", 2));
        record.TimestampType.Should().Be(TimestampType.CreateTime);
    }

    [Fact]
    public void SinkRecord_NewRecord_KeepsOriginalsAndOffset()
    {
        var record = new SinkRecord("orders", 2, null, "k", null, "v", 99, 5L, TimestampType.LogAppendTime);

        var routed = record.NewRecord("archive", 0, null, "k2", null, "v2", 6L);

        routed.Topic.Should().Be("archive");
        routed.KafkaPartition.Should().Be(0);
        routed.KafkaOffset.Should().Be(99);
        routed.TimestampType.Should().Be(TimestampType.LogAppendTime);
        routed.OriginalTopic.Should().Be("orders");
        routed.OriginalKafkaPartition.Should().Be(2);
        routed.OriginalKafkaOffset.Should().Be(99);
    }

    [Fact]
    public void SinkRecord_CopiesOfCopies_KeepTheFirstReadPosition()
    {
        var record = new SinkRecord("orders", 2, null, "k", null, "v", 99);

        var repartitioned = record.NewRecord("orders", 5, null, "k", null, "v", null);
        var routed = repartitioned.NewRecord("archive", null, null, "k", null, "v", null);
        var routedBack = routed.NewRecord("orders", 2, null, "k", null, "v", null);

        repartitioned.OriginalTopicPartition.Should().Be(new TopicPartition("orders", 2));
        routed.KafkaPartition.Should().Be(2, "a copy without a partition takes the one the record was read from, as before");
        routed.OriginalTopicPartition.Should().Be(new TopicPartition("orders", 2));
        routedBack.Should().Be(record, "a record moved back to where it was read equals the one read there");
        routedBack.OriginalKafkaOffset.Should().Be(99);
    }

    [Fact]
    public void SinkRecord_ExplicitOriginals_AreKeptEvenWhenOnlyOneDiffers()
    {
        var record = new SinkRecord("orders", 2, null, "k", null, "v", 99, originalKafkaOffset: 42);
        var same = new SinkRecord("orders", 2, null, "k", null, "v", 99, originalTopic: "orders", originalKafkaPartition: 2, originalKafkaOffset: 99);

        record.OriginalTopic.Should().Be("orders");
        record.OriginalKafkaPartition.Should().Be(2);
        record.OriginalKafkaOffset.Should().Be(42);
        record.NewRecord("copy", null, null, "k", null, "v", null).OriginalKafkaOffset.Should().Be(42);
        same.Should().Be(new SinkRecord("orders", 2, null, "k", null, "v", 99), "originals equal to the position are the default");
        record.Should().NotBe(same);
    }

    [Theory]
    [InlineData(TimestampType.NoTimestampType)]
    [InlineData(TimestampType.CreateTime)]
    [InlineData(TimestampType.LogAppendTime)]
    public void SinkRecord_TimestampType_IsKeptByCopies(TimestampType type)
    {
        var record = new SinkRecord("t", 0, null, null, null, "v", 1, 7L, type);

        record.TimestampType.Should().Be(type);
        record.WithTopic("u").TimestampType.Should().Be(type);
    }

    [Fact]
    public void SinkRecord_Equality_IncludesOffsets()
    {
        var a = new SinkRecord("t", 0, null, null, null, "v", 1);
        var b = new SinkRecord("t", 0, null, null, null, "v", 1);
        var c = new SinkRecord("t", 0, null, null, null, "v", 2);

        a.Should().Be(b);
        a.Should().NotBe(c);
        a.Should().NotBe(new SourceRecord(null, null, "t", 0, value: "v"));
    }

    [Fact]
    public void SinkRecord_Reinitialize_LeavesNothingOfTheRecordBefore()
    {
        var before = new SinkRecord("orders", 3, Schema.String, "k", Schema.Int32, 7, 42, 1000L, TimestampType.LogAppendTime, new Headers().AddString("h", "v"), "raw-orders", 1, 40);
        var keptHeaders = before.Headers;

        before.Reinitialize("refunds", 0, null, null, Schema.OptionalString, null, 9, null, TimestampType.NoTimestampType, null);

        before.Should().Be(new SinkRecord("refunds", 0, null, null, Schema.OptionalString, null, 9));
        before.OriginalTopicPartition.Should().Be(new TopicPartition("refunds", 0));
        before.OriginalKafkaOffset.Should().Be(9);
        before.Headers.Should().BeEmpty().And.NotBeSameAs(keptHeaders);
        keptHeaders.Should().ContainSingle("headers taken from the record before stay as they were").Which.Key.Should().Be("h");
    }

    [Fact]
    public void SinkTask_KeepsRecordsAfterPut_UnlessItSaysOtherwise() =>
        new MinimalSinkTask().KeepsRecordsAfterPut.Should().BeTrue("Kafka Connect's tasks may keep the records they are given");

    [Fact]
    public void ToString_NamesTheRecordParts()
    {
        var record = new SourceRecord(Partition, Offset, "orders", value: "v");

        record.ToString().Should().Contain("sourcePartition={file=orders.csv}").And.Contain("topic='orders'");
    }

    [Fact]
    public void TopicPartition_FormatsAsKafka() => new TopicPartition("orders", 3).ToString().Should().Be("orders-3");
}

/// <summary>A sink task that overrides only what it must.</summary>
internal sealed class MinimalSinkTask : SinkTask
{
    public override string Version => "1.0";

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
    }

    public override ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override void Stop()
    {
    }
}
