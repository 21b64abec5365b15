using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Tests.Transforms;

public class RecordPartTests
{
    private static readonly SinkRecord Record = new(
        "orders", 1, Schema.String, "k", Schema.Int32, 7, 42, 5L, TimestampType.CreateTime, new Headers().AddString("h", "1"));

    [Fact]
    public void Key_ReadsAndReplacesTheKeyOnly()
    {
        var part = RecordPart<SinkRecord>.Key;

        var copy = part.With(Record, Schema.OptionalString, "k2");

        (part.Name, part.ToString(), part.SchemaOf(Record), part.ValueOf(Record)).Should().Be(("key", "key", Schema.String, "k"));
        (copy.KeySchema, copy.Key).Should().Be((Schema.OptionalString, "k2"));
        (copy.ValueSchema, copy.Value, copy.KafkaOffset, copy.Timestamp).Should().Be((Schema.Int32, 7, 42L, 5L));
        copy.Headers.Should().Equal(Record.Headers);
    }

    [Fact]
    public void Value_ReadsAndReplacesTheValueOnly()
    {
        var part = RecordPart<SinkRecord>.Value;

        var copy = part.With(Record, Schema.Int64, 8L);

        (part.Name, part.SchemaOf(Record), part.ValueOf(Record)).Should().Be(("value", Schema.Int32, 7));
        (copy.ValueSchema, copy.Value).Should().Be((Schema.Int64, 8L));
        (copy.KeySchema, copy.Key, copy.Topic, copy.KafkaPartition).Should().Be((Schema.String, "k", "orders", 1));
    }

    [Fact]
    public void WithHeaders_ReplacesThePartAndTheHeaders()
    {
        var headers = new Headers().AddString("other", "2");

        var keyCopy = RecordPart<SinkRecord>.Key.With(Record, null, null, headers);
        var valueCopy = RecordPart<SinkRecord>.Value.With(Record, null, null, headers);

        keyCopy.Key.Should().BeNull();
        keyCopy.Value.Should().Be(7);
        valueCopy.Value.Should().BeNull();
        valueCopy.Key.Should().Be("k");
        keyCopy.Headers.Select(h => h.Key).Should().Equal("other");
        valueCopy.Headers.Select(h => h.Key).Should().Equal("other");
    }

    [Fact]
    public void Parts_AreOnePerRecordType()
    {
        RecordPart<SourceRecord>.Key.Should().BeSameAs(RecordPart<SourceRecord>.Key);
        RecordPart<SourceRecord>.Key.Should().NotBeSameAs(RecordPart<SourceRecord>.Value);
        RecordPart<SourceRecord>.Value.With(new SourceRecord(null, null, "t", value: "v"), null, "w").Value.Should().Be("w");
    }
}
