using Connect.Sdk.Data;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

/// <summary>
/// A converter that has read an envelope recognizes the same schema member next time without tokenizing it again.
/// Whatever follows it, the result (value or error) must be what a converter that never saw the schema gives.
/// </summary>
public class JsonConverterKnownEnvelopeTests
{
    private const string Schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"a\"}],\"optional\":false}";

    private static string Envelope(string rest) => "{\"schema\":" + Schema + ",\"payload\":" + rest;

    [Theory]
    [InlineData("{\"a\":1}}")]
    [InlineData("{\"a\":1} }\n")]
    [InlineData("{\"a\":1}\t}")]
    [InlineData("{\"a\":1},\"payload\":{\"a\":2}}")]
    [InlineData("{\"a\":1},\"schema\":{\"type\":\"string\",\"optional\":false}}")]
    [InlineData("{\"a\":1},\"schema\":" + Schema + "}")]
    [InlineData("{\"a\":1}}x")]
    [InlineData("{\"a\":1}}}")]
    [InlineData("{\"a\":1},\"extra\":1}")]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"a\":1},}")]
    [InlineData("{\"a\":1} /* comment */}")]
    [InlineData("{\"a\":\"x\"}}")]
    [InlineData("{\"b\":1}}")]
    [InlineData("{\"a\":1")]
    [InlineData("null}")]
    [InlineData("7}")]
    [InlineData("}")]
    [InlineData("")]
    public void AfterAWarmRead_AnEnvelopeReadsAsOnAFreshConverter(string rest)
    {
        var json = Bytes(Envelope(rest));

        Outcome(Warm(), json).Should().Be(Outcome(Value(), json));
    }

    [Theory]
    [InlineData(996)]
    [InlineData(997)]
    [InlineData(998)]
    [InlineData(999)]
    [InlineData(1000)]
    public void AfterAWarmRead_ThePayloadDepthLimitCountsTheEnvelope(int arrays)
    {
        // The envelope's object and the payload's add two levels to the nested arrays.
        var json = Bytes(Envelope("{\"a\":" + new string('[', arrays) + new string(']', arrays) + "}}"));

        Outcome(Warm(), json).Should().Be(Outcome(Value(), json));
    }

    [Fact]
    public void AfterAWarmRead_ManyRecords_ReadTheirOwnValues()
    {
        var converter = Warm();

        for (var i = 0; i < 100; i++)
        {
            var result = converter.ToConnectData(Topic, null, Bytes(Envelope("{\"a\":" + i + "}}")));

            ((Struct)result.Value!).GetInt32("a").Should().Be(i);
        }

        converter.SchemaReads.Should().Be(1, "the schema is parsed once");
    }

    [Fact]
    public void AnotherSchema_IsReadInFull_AndThenRecognized()
    {
        var converter = Warm();
        var other = "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"x\"}";

        converter.ToConnectData(Topic, null, Bytes(other)).Value.Should().Be("x");
        converter.ToConnectData(Topic, null, Bytes(other)).Value.Should().Be("x");
        ((Struct)converter.ToConnectData(Topic, null, Bytes(Envelope("{\"a\":5}}"))).Value!).GetInt32("a").Should().Be(5);
        converter.SchemaReads.Should().Be(2);
    }

    private static JsonConverter Warm()
    {
        var converter = Value();
        converter.ToConnectData(Topic, null, Bytes(Envelope("{\"a\":0}}")));
        return converter;
    }

    private static string Outcome(JsonConverter converter, byte[] json)
    {
        try
        {
            var result = converter.ToConnectData(Topic, null, json);
            return $"{result.Schema} {(result.Value is Struct s ? s.ToString() : result.Value)}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message} ({e.InnerException?.GetType().Name}: {e.InnerException?.Message})";
        }
    }
}
