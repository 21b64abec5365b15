using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Storage;

namespace Connect.Sdk.Runtime.Tests.Storage;

public class OffsetCodecTests
{
    [Fact]
    public void SerializeKey_UsesKafkaConnectKeyFormat()
    {
        var key = OffsetCodec.SerializeKey("file-source", new Dictionary<string, object?> { ["filename"] = "/data/orders.csv" });

        key.Should().Be("[\"file-source\",{\"filename\":\"/data/orders.csv\"}]");
    }

    [Fact]
    public void SerializeKey_WritesMapKeysInOrdinalOrder_WhateverTheInsertionOrder()
    {
        var first = new Dictionary<string, object?> { ["b"] = 1, ["a"] = 2, ["B"] = 3, ["_"] = 4 };
        var second = new Dictionary<string, object?> { ["_"] = 4, ["B"] = 3, ["a"] = 2, ["b"] = 1 };

        var key = OffsetCodec.SerializeKey("c", first);

        key.Should().Be("[\"c\",{\"B\":3,\"_\":4,\"a\":2,\"b\":1}]");
        OffsetCodec.SerializeKey("c", second).Should().Be(key);
    }

    [Fact]
    public void SerializeOffset_WritesEveryPrimitiveType()
    {
        var offset = new Dictionary<string, object?>
        {
            ["string"] = "x \"quoted\" Zürich",
            ["int"] = 42,
            ["long"] = 1L << 40,
            ["short"] = (short)7,
            ["byte"] = (byte)8,
            ["bool"] = true,
            ["double"] = 1.5,
            ["float"] = 0.25f,
            ["null"] = null,
        };

        var text = OffsetCodec.SerializeOffset(offset);

        text.Should().Be("{\"bool\":true,\"byte\":8,\"double\":1.5,\"float\":0.25,\"int\":42,\"long\":1099511627776,\"null\":null,\"short\":7,\"string\":\"x \\\"quoted\\\" Zürich\"}");
    }

    [Theory]
    [InlineData("partition")]
    [InlineData("offset")]
    public void Serialize_NonPrimitiveValue_ThrowsWithTheFieldAndType(string what)
    {
        var map = new Dictionary<string, object?> { ["ok"] = 1, ["nested"] = new List<int> { 1, 2 } };

        Action act = what == "partition" ? () => OffsetCodec.SerializeKey("c", map) : () => OffsetCodec.SerializeOffset(map);

        act.Should().Throw<DataException>()
            .WithMessage($"Source {what}s may only contain primitive types as values, but field nested contains System.Collections.Generic.List`1[System.Int32].");
    }

    [Fact]
    public void Validate_RejectsDecimalsAndDates()
    {
        var act = () => OffsetCodec.Validate(new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch }, "offset");

        act.Should().Throw<DataException>().WithMessage("*field when contains System.DateTime*");
        FluentActions.Invoking(() => OffsetCodec.Validate(new Dictionary<string, object?> { ["amount"] = 1.5m }, "offset"))
            .Should().Throw<DataException>();
    }

    [Fact]
    public void DeserializeKey_RoundTripsConnectorAndPartition()
    {
        var partition = new Dictionary<string, object?> { ["table"] = "orders", ["shard"] = 3, ["active"] = false, ["note"] = null };

        var parsed = OffsetCodec.DeserializeKey(OffsetCodec.SerializeKey("jdbc \"source\"", partition));

        parsed.Should().NotBeNull();
        parsed!.Value.Connector.Should().Be("jdbc \"source\"");
        parsed.Value.Partition.Should().BeEquivalentTo(new Dictionary<string, object?> { ["table"] = "orders", ["shard"] = 3L, ["active"] = false, ["note"] = null });
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"a\":1}")]
    [InlineData("[\"only-name\"]")]
    [InlineData("[\"name\",{},\"extra\"]")]
    [InlineData("[1,{}]")]
    [InlineData("[\"name\",[1]]")]
    public void DeserializeKey_NotAKey_ReturnsNull(string text) =>
        OffsetCodec.DeserializeKey(text).Should().BeNull();

    [Fact]
    public void DeserializeOffset_ReadsIntegersAsLongAndOtherNumbersAsDouble()
    {
        var offset = OffsetCodec.DeserializeOffset("{\"position\":1042,\"ratio\":0.5,\"file\":\"a\",\"done\":true,\"none\":null}");

        offset.Should().BeEquivalentTo(new Dictionary<string, object?> { ["position"] = 1042L, ["ratio"] = 0.5, ["file"] = "a", ["done"] = true, ["none"] = null });
        offset["position"].Should().BeOfType<long>();
    }

    [Theory]
    [InlineData("[1,2]", "A stored source offset must be a JSON object, but was: [1,2]")]
    [InlineData("{broken", "A stored source offset is not valid JSON: {broken")]
    public void DeserializeOffset_Invalid_ThrowsDataException(string text, string message) =>
        FluentActions.Invoking(() => OffsetCodec.DeserializeOffset(text)).Should().Throw<DataException>().WithMessage(message);
}
