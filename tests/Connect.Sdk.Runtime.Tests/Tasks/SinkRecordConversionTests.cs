using System.Text;
using Confluent.Kafka;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Json;
using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Sink;
using ConnectTimestampType = Connect.Sdk.Sink.TimestampType;
using KafkaTimestampType = Confluent.Kafka.TimestampType;

namespace Connect.Sdk.Runtime.Tests.Tasks;

public class SinkRecordConversionTests
{
    private readonly CapturingErrorReporter _tolerated = new();

    [Fact]
    public async Task Message_WithHeadersAndLogAppendTime_BecomesARecordWithBoth()
    {
        var message = Consumed("orders", 3, 42, "k", """{"id":7}""", new Timestamp(1_700_000_000_000, KafkaTimestampType.LogAppendTime), ("source", "web"));

        var record = await Conversion().ConvertAndTransformAsync(message, reusable: null, CancellationToken.None);

        record.Should().NotBeNull();
        record!.Topic.Should().Be("orders");
        record.KafkaPartition.Should().Be(3);
        record.KafkaOffset.Should().Be(42);
        record.Key.Should().Be("k");
        record.Value.Should().BeEquivalentTo(new Dictionary<string, object?> { ["id"] = 7L });
        record.Timestamp.Should().Be(1_700_000_000_000);
        record.TimestampType.Should().Be(ConnectTimestampType.LogAppendTime);
        record.Headers.Should().ContainSingle().Which.Should().Be(new Connectors.Header("source", Schema.String, "web"));
    }

    [Fact]
    public async Task Message_WithoutHeadersOrTimestamp_BecomesARecordWithNeither()
    {
        var message = Consumed("orders", 0, 1, null, "{}", new Timestamp(0, KafkaTimestampType.NotAvailable));

        var record = await Conversion().ConvertAndTransformAsync(message, reusable: null, CancellationToken.None);

        record!.Timestamp.Should().BeNull();
        record.TimestampType.Should().Be(ConnectTimestampType.NoTimestampType);
        record.Headers.Should().BeEmpty();
        record.Key.Should().BeNull();
    }

    [Fact]
    public async Task Message_TheTransformsDrop_GivesNoRecordAndNoError()
    {
        var dropAll = new TransformationStage<SinkRecord>(_ => null, typeof(SinkRecordConversionTests), () => { });
        var message = Consumed("orders", 0, 1, "k", "{}", new Timestamp(5, KafkaTimestampType.CreateTime));

        var record = await Conversion(dropAll).ConvertAndTransformAsync(message, reusable: null, CancellationToken.None);

        record.Should().BeNull();
        _tolerated.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Message_ValueConverterFails_IsSkippedAndReportedWithTheOriginalMessage()
    {
        var message = Consumed("orders", 0, 9, "k", "{not json", new Timestamp(5, KafkaTimestampType.CreateTime));

        var record = await Conversion().ConvertAndTransformAsync(message, reusable: null, CancellationToken.None);

        record.Should().BeNull("errors.tolerance=all skips the message");
        var error = _tolerated.Errors.Should().ContainSingle().Subject;
        error.Stage.Should().Be(Stage.ValueConverter);
        error.ExecutingClass.Should().Be<JsonConverter>();
        error.Consumed.Should().BeSameAs(message, "the dead letter queue writes the original bytes");
    }

    [Fact]
    public async Task Message_WithAReusableRecord_OverwritesEveryPropertyOfIt()
    {
        var first = Consumed("orders", 3, 42, "k", """{"id":7}""", new Timestamp(1_700_000_000_000, KafkaTimestampType.LogAppendTime), ("source", "web"));
        var second = Consumed("refunds", 1, 9, null, """{"id":8}""", new Timestamp(0, KafkaTimestampType.NotAvailable));
        var conversion = Conversion();
        var reused = (await conversion.ConvertAndTransformAsync(first, reusable: null, CancellationToken.None))!;
        var keptHeaders = reused.Headers;
        var moved = reused.WithTopic("elsewhere");

        var record = await conversion.ConvertAndTransformAsync(second, reusable: reused, CancellationToken.None);

        record.Should().BeSameAs(reused);
        record.Should().Be(await Conversion().ConvertAndTransformAsync(second, reusable: null, CancellationToken.None), "it holds what a new record of the message would");
        record!.OriginalTopic.Should().Be("refunds", "the read position of the record before is gone");
        record.TimestampType.Should().Be(ConnectTimestampType.NoTimestampType);
        keptHeaders.Should().ContainSingle("headers taken from the record before are not reused").Which.Key.Should().Be("source");
        moved.Headers.Should().ContainSingle().Which.Key.Should().Be("source");
        moved.Key.Should().Be("k", "a copy made from the record is its own");
        moved.OriginalTopic.Should().Be("orders");
    }

    [Fact]
    public async Task Message_WithAReusableRecord_ThatFailsToConvert_LeavesTheRecordAlone()
    {
        var conversion = Conversion();
        var reused = (await conversion.ConvertAndTransformAsync(Consumed("orders", 0, 1, "k", "{}", new Timestamp(5, KafkaTimestampType.CreateTime)), reusable: null, CancellationToken.None))!;

        var record = await conversion.ConvertAndTransformAsync(Consumed("orders", 0, 2, "k", "{not json", new Timestamp(5, KafkaTimestampType.CreateTime)), reused, CancellationToken.None);

        record.Should().BeNull();
        reused.KafkaOffset.Should().Be(1);
    }

    private SinkRecordConversion Conversion(TransformationStage<SinkRecord>? transforms = null)
    {
        var value = new JsonConverter();
        value.Configure(new Dictionary<string, string> { ["schemas.enable"] = "false" }, isKey: false);
        var converters = new RecordConverters(new StringConverter(), value, new SimpleHeaderConverter());
        var errors = new RetryWithToleranceOperator(TimeSpan.Zero, TimeSpan.FromSeconds(1), tolerateAll: true, [_tolerated]);
        return new SinkRecordConversion(converters, transforms ?? TransformationStage<SinkRecord>.Identity, errors);
    }

    private static ConsumeResult<byte[]?, byte[]?> Consumed(string topic, int partition, long offset, string? key, string value, Timestamp timestamp, params (string Key, string Value)[] headers)
    {
        var kafkaHeaders = new Headers();
        foreach (var (name, text) in headers)
        {
            kafkaHeaders.Add(name, Encoding.UTF8.GetBytes(text));
        }

        return new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(topic, partition, offset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = key is null ? null : Encoding.UTF8.GetBytes(key),
                Value = Encoding.UTF8.GetBytes(value),
                Timestamp = timestamp,
                Headers = kafkaHeaders,
            },
        };
    }
}
