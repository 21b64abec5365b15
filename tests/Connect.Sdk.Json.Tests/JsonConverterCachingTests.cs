using Connect.Sdk.Data;
using static Connect.Sdk.Json.Tests.TestConverters;

namespace Connect.Sdk.Json.Tests;

public class JsonConverterCachingTests
{
    private static Schema Order() => SchemaBuilder.Struct().Name("order")
        .Field("id", Schema.Int64)
        .Field("lines", SchemaBuilder.Array(SchemaBuilder.Struct().Field("sku", Schema.String).Build()).Build())
        .Build();

    [Fact]
    public void SameSchemaInstance_IsTurnedIntoJsonOnce()
    {
        var converter = Value();
        var schema = Order();
        var value = new Struct(schema).Put("id", 1L).Put("lines", new List<object>());

        var first = converter.FromConnectData(Topic, null, schema, value);
        for (var i = 0; i < 10; i++)
        {
            converter.FromConnectData(Topic, null, schema, value).Should().Equal(first);
        }

        converter.SchemaWrites.Should().Be(1);
        converter.FromConnectSchemaCacheCount.Should().Be(1);
    }

    [Fact]
    public void EqualSchemaInstances_ShareTheCacheEntry()
    {
        // JsonConverterTest.testCacheSchemaToJsonConversion
        var converter = Value();

        converter.FromConnectData(Topic, null, SchemaBuilder.Boolean().Build(), true);
        converter.FromConnectSchemaCacheCount.Should().Be(1);
        converter.FromConnectData(Topic, null, SchemaBuilder.Boolean().Build(), true);
        converter.FromConnectSchemaCacheCount.Should().Be(1);
        converter.FromConnectData(Topic, null, SchemaBuilder.Boolean().Optional().Build(), true);
        converter.FromConnectSchemaCacheCount.Should().Be(2);
        converter.SchemaWrites.Should().Be(2);
    }

    [Fact]
    public void SchemaJson_IsParsedOncePerDistinctText()
    {
        // JsonConverterTest.testCacheSchemaToConnectConversion
        var converter = Value();

        converter.ToConnectData(Topic, null, Bytes("{ \"schema\": { \"type\": \"boolean\" }, \"payload\": true }"));
        converter.ToConnectSchemaCacheCount.Should().Be(1);
        converter.ToConnectData(Topic, null, Bytes("{ \"schema\": { \"type\": \"boolean\" }, \"payload\": true }"));
        converter.ToConnectSchemaCacheCount.Should().Be(1);
        converter.ToConnectData(Topic, null, Bytes("{ \"schema\": { \"type\": \"boolean\", \"optional\": true }, \"payload\": true }"));
        converter.ToConnectSchemaCacheCount.Should().Be(2);

        // An equivalent schema written differently is another entry.
        converter.ToConnectData(Topic, null, Bytes("{ \"schema\": { \"type\": \"boolean\", \"optional\": false }, \"payload\": true }"));
        converter.ToConnectSchemaCacheCount.Should().Be(3);
        converter.SchemaReads.Should().Be(3);
    }

    [Fact]
    public void CachedSchema_IsTheSameInstanceForEveryRecord()
    {
        var converter = Value();
        var bytes = converter.FromConnectData(Topic, null, Order(), new Struct(Order()).Put("id", 1L).Put("lines", new List<object>()));

        var first = converter.ToConnectData(Topic, null, bytes).Schema;
        var second = converter.ToConnectData(Topic, null, bytes).Schema;

        second.Should().BeSameAs(first);
        converter.SchemaReads.Should().Be(1);
    }

    [Fact]
    public void CacheSize_BoundsTheEntries()
    {
        var converter = Value((JsonConverter.SchemasCacheSizeConfig, "1"));

        converter.FromConnectData(Topic, null, Schema.Int32, 1);
        converter.FromConnectData(Topic, null, Schema.Int64, 1L);
        converter.FromConnectData(Topic, null, Schema.Int32, 1);

        converter.FromConnectSchemaCacheCount.Should().Be(1);
        converter.SchemaWrites.Should().Be(3);
    }

    [Fact]
    public void CacheSize_KeepsTheMostRecentlyUsed()
    {
        var converter = Value((JsonConverter.SchemasCacheSizeConfig, "2"));

        converter.FromConnectData(Topic, null, Schema.Int32, 1);
        converter.FromConnectData(Topic, null, Schema.Int64, 1L);
        converter.FromConnectData(Topic, null, Schema.Int32, 1);
        converter.FromConnectData(Topic, null, Schema.String, "x");
        converter.FromConnectData(Topic, null, Schema.Int32, 1);

        converter.SchemaWrites.Should().Be(3);
    }

    [Fact]
    public void CacheSizeZero_CachesNothing()
    {
        var converter = Value((JsonConverter.SchemasCacheSizeConfig, "0"));

        converter.FromConnectData(Topic, null, Schema.Int32, 1);
        converter.FromConnectData(Topic, null, Schema.Int32, 1);
        converter.ToConnectData(Topic, null, Bytes("{\"schema\":{\"type\":\"int32\"},\"payload\":1}"));
        converter.ToConnectData(Topic, null, Bytes("{\"schema\":{\"type\":\"int32\"},\"payload\":1}"));

        converter.SchemaWrites.Should().Be(2);
        converter.SchemaReads.Should().Be(2);
        converter.FromConnectSchemaCacheCount.Should().Be(0);
    }

    [Fact]
    public void SchemasDisabled_NeverTurnsSchemasIntoJson()
    {
        var converter = Schemaless();

        converter.FromConnectData(Topic, null, Order(), new Struct(Order()).Put("id", 1L).Put("lines", new List<object>()));

        converter.SchemaWrites.Should().Be(0);
    }

    [Fact]
    public void Reconfiguring_StartsWithEmptyCaches()
    {
        var converter = Value();
        converter.FromConnectData(Topic, null, Schema.Int32, 1);

        converter.Configure(new Dictionary<string, string> { [JsonConverter.DecimalFormatConfig] = "NUMERIC" }, isKey: false);

        converter.FromConnectSchemaCacheCount.Should().Be(0);
    }
}
