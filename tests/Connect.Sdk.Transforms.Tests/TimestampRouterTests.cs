using Connect.Sdk.Config;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's TimestampRouterTest unless a comment says otherwise.</summary>
public class TimestampRouterTests
{
    // TimestampRouterTest.defaultConfiguration: 1483425001864 is 2017-01-03T06:30:01.864Z.
    [Fact]
    public void Apply_Defaults_AppendsTheDate()
    {
        var transform = new TimestampRouter<SourceRecord>().Configured();
        var record = new SourceRecord(null, null, "test", 0, null, null, null, null, 1483425001864L);

        transform.ApplyOrFail(record).Topic.Should().Be("test-20170103");
    }

    [Fact]
    public void Apply_CustomFormats_AreUsed()
    {
        var transform = new TimestampRouter<SourceRecord>().Configured(("topic.format", "${timestamp}.${topic}.${topic}"), ("timestamp.format", "yyyy-MM-dd'T'HH"));
        var record = new SourceRecord(null, null, "orders", 0, null, null, null, null, 1483425001864L);

        var routed = transform.ApplyOrFail(record);

        routed.Topic.Should().Be("2017-01-03T06.orders.orders");
        routed.Timestamp.Should().Be(1483425001864L);
    }

    [Fact]
    public void Apply_NoTimestamp_Throws()
    {
        var act = () => new TimestampRouter<SourceRecord>().Configured().Apply(Records.Value(null, "v"));

        act.Should().Throw<DataException>().WithMessage("Timestamp missing on record: SourceRecord*");
    }

    [Fact]
    public void Configure_BadTimestampFormat_ThrowsNamingTheKey()
    {
        var act = () => new TimestampRouter<SourceRecord>().Configured(("timestamp.format", "yyyyqq"));

        act.Should().Throw<ConfigException>().WithMessage("Invalid value yyyyqq for configuration timestamp.format: Illegal pattern character 'q'*");
    }
}
