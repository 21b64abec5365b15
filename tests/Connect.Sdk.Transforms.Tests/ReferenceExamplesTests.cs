using Connect.Sdk.Data;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// The transform configs of the reference material (shared/reference), run end to end through a
/// <see cref="TransformationChain{TRecord}"/> with the property strings exactly as the material writes them.
/// </summary>
public class ReferenceExamplesTests
{
    // "From Zero to Hero with Kafka Connect", the "Single Message Transforms" slide.
    private static readonly Dictionary<string, string> ZeroToHeroConfig = new()
    {
        ["transforms"] = "addDateToTopic,labelFooBar",
        ["transforms.addDateToTopic.type"] = "org.apache.kafka.connect.transforms.TimestampRouter",
        ["transforms.addDateToTopic.topic.format"] = "${topic}-${timestamp}",
        ["transforms.addDateToTopic.timestamp.format"] = "YYYYMM",
        ["transforms.labelFooBar.type"] = "org.apache.kafka.connect.transforms.ReplaceField$Value",
        ["transforms.labelFooBar.renames"] = "delivery_address:shipping_address",
    };

    // "Real-time Data Integration at Scale with Kafka Connect", the jdbc-swingbench-source-orders connector.
    private static readonly Dictionary<string, string> JdbcSourceConfig = new()
    {
        ["connector.class"] = "JdbcSourceConnector",
        ["connection.url"] = "jdbc:oracle:thin:soe/soe@192.168.56.101:1521/orcl",
        ["table.whitelist"] = "ORDERS",
        ["topic.prefix"] = "soe2-",
        ["mode"] = "incrementing",
        ["incrementing.column.name"] = "ORDER_ID",
        ["transforms"] = "InsertKey,ExtractId",
        ["transforms.InsertKey.type"] = "org.apache.kafka.connect.transforms.ValueToKey",
        ["transforms.InsertKey.fields"] = "CUSTOMER_ID",
        ["transforms.ExtractId.type"] = "org.apache.kafka.connect.transforms.ExtractField$Key",
        ["transforms.ExtractId.field"] = "CUSTOMER_ID",
    };

    private static readonly Schema OrderSchema = SchemaBuilder.Struct()
        .Name("orders")
        .Field("order_id", Schema.Int32)
        .Field("delivery_address", Schema.String)
        .Build();

    [Fact]
    public void TimestampRouterAndReplaceField_RouteByMonthAndRenameTheField()
    {
        using var chain = TransformationChainFactory.Default.Create<SourceRecord>(ZeroToHeroConfig);
        var value = new Struct(OrderSchema).Put("order_id", 1).Put("delivery_address", "1 Main St");
        var march5 = new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var result = chain.ApplyOrFailChain(new SourceRecord(null, null, "orders", null, null, null, OrderSchema, value, march5));

        result.Topic.Should().Be("orders-202403");
        var renamed = (Struct)result.Value!;
        renamed.Schema.Fields.Select(f => f.Name).Should().Equal("order_id", "shipping_address");
        renamed.Get("shipping_address").Should().Be("1 Main St");
        renamed.Schema.Name.Should().Be("orders");
    }

    // YYYY is SimpleDateFormat's week year: in Kafka, records of 29-31 December 2024 go to the "…-202512" topic.
    [Fact]
    public void TimestampRouter_YYYY_IsTheWeekYearAsInKafka()
    {
        using var chain = TransformationChainFactory.Default.Create<SourceRecord>(ZeroToHeroConfig);
        var december29 = new DateTimeOffset(2024, 12, 29, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var result = chain.ApplyOrFailChain(new SourceRecord(null, null, "orders", null, null, null, null, Records.Map(("delivery_address", "x")), december29));

        result.Topic.Should().Be("orders-202512");
        result.Value.Should().BeEquivalentTo(Records.Map(("shipping_address", "x")));
    }

    [Fact]
    public void ValueToKeyAndExtractField_SetTheKeyToTheCustomerId()
    {
        using var chain = TransformationChainFactory.Default.Create<SourceRecord>(JdbcSourceConfig);
        var schema = SchemaBuilder.Struct()
            .Name("ORDERS")
            .Field("ORDER_ID", Schema.Int64)
            .Field("CUSTOMER_ID", Schema.Int64)
            .Field("ORDER_TOTAL", ConnectDecimal.Schema(2))
            .Build();
        var value = new Struct(schema).Put("ORDER_ID", 1001L).Put("CUSTOMER_ID", 42L).Put("ORDER_TOTAL", 19.99m);

        var result = chain.ApplyOrFailChain(new SourceRecord(null, null, "soe2-ORDERS", null, null, null, schema, value));

        result.KeySchema.Should().Be(Schema.Int64);
        result.Key.Should().Be(42L);
        result.Value.Should().BeSameAs(value);
        result.Topic.Should().Be("soe2-ORDERS");
    }

    [Fact]
    public void ValueToKeyAndExtractField_Schemaless()
    {
        using var chain = TransformationChainFactory.Default.Create<SourceRecord>(JdbcSourceConfig);

        var result = chain.ApplyOrFailChain(Records.Value(null, Records.Map(("ORDER_ID", 1001L), ("CUSTOMER_ID", 42L))));

        result.KeySchema.Should().BeNull();
        result.Key.Should().Be(42L);
    }

    // The Kafka Connect course names Cast$Key and TimestampConverter in prose, spelled
    // "org.apache.Kafka.connect.transforms.cast$Key"; class names resolve ignoring case as a fallback, so it works too.
    [Fact]
    public void CastAndTimestampConverter_OnDatagenOrders()
    {
        var config = new Dictionary<string, string>
        {
            ["transforms"] = "castKey,convertOrderTime",
            ["transforms.castKey.type"] = "org.apache.Kafka.connect.transforms.cast$Key",
            ["transforms.castKey.spec"] = "int32",
            ["transforms.convertOrderTime.type"] = "org.apache.kafka.connect.transforms.TimestampConverter$Value",
            ["transforms.convertOrderTime.field"] = "ordertime",
            ["transforms.convertOrderTime.target.type"] = "string",
            ["transforms.convertOrderTime.format"] = "yyyy-MM-dd HH:mm:ss.SSS",
        };
        var schema = SchemaBuilder.Struct()
            .Name("ksql.orders")
            .Field("ordertime", Schema.Int64)
            .Field("orderid", Schema.Int32)
            .Field("itemid", Schema.String)
            .Build();
        var value = new Struct(schema).Put("ordertime", 1497014222380L).Put("orderid", 18).Put("itemid", "Item_184");
        using var chain = TransformationChainFactory.Default.Create<SourceRecord>(config);

        var result = chain.ApplyOrFailChain(new SourceRecord(null, null, "orders", null, Schema.String, "18", schema, value));

        result.KeySchema.Should().Be(Schema.Int32);
        result.Key.Should().Be(18);
        var converted = (Struct)result.Value!;
        converted.Get("ordertime").Should().Be("2017-06-09 13:17:02.380");
        converted.Schema.FindField("ordertime")!.Schema.Should().Be(Schema.String);
        converted.Get("itemid").Should().Be("Item_184");
    }

    // The course's prose also names the abstract TimestampConverter; the error says which concrete class to use.
    [Fact]
    public void AbstractClassName_SaysToUseKeyOrValue()
    {
        var act = () => TransformationChainFactory.Default.Create<SourceRecord>(new Dictionary<string, string>
        {
            ["transforms"] = "ts",
            ["transforms.ts.type"] = "org.apache.Kafka.connect.transforms.TimestampConverter",
            ["transforms.ts.target.type"] = "string",
        });

        act.Should().Throw<Config.ConfigException>().WithMessage("*Use org.apache.Kafka.connect.transforms.TimestampConverter$Key or org.apache.Kafka.connect.transforms.TimestampConverter$Value.");
    }
}
