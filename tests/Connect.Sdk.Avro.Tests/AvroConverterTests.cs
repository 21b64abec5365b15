using Connect.Sdk.Config;
using System.Buffers.Binary;
using Connect.Sdk.Avro.Tests.SchemaRegistry;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Avro.Tests;

public sealed class AvroConverterTests : IAsyncLifetime
{
    private const string Topic = "orders";

    private static readonly Schema Address = SchemaBuilder.Struct().Name("com.acme.Address")
        .Field("street", Schema.String)
        .Field("zip", SchemaBuilder.Int32().Optional().DefaultValue(0).Build())
        .Build();

    private static readonly Schema Order = SchemaBuilder.Struct().Name("com.acme.Order").Version(1)
        .Field("id", Schema.Int64)
        .Field("customer", Schema.String)
        .Field("note", Schema.OptionalString)
        .Field("address", Address)
        .Build();

    private FakeSchemaRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await FakeSchemaRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public static TheoryData<Schema, object?> RoundTripCases()
    {
        var data = new TheoryData<Schema, object?>
        {
            { Schema.Int8, (sbyte)-12 },
            { Schema.Int16, (short)31000 },
            { Schema.Int32, int.MinValue },
            { Schema.Int64, long.MaxValue },
            { Schema.Float32, 3.25f },
            { Schema.Float64, -1e300 },
            { Schema.Boolean, true },
            { Schema.String, "héllo wörld" },
            { Schema.Bytes, new byte[] { 0, 1, 2, 255 } },
            { Schema.OptionalString, "present" },
            { ConnectDecimal.Schema(2), 12345.67m },
            { ConnectDecimal.Schema(4), -0.0001m },
            { ConnectDate.Schema, new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc) },
            { ConnectTime.Schema, new DateTime(1970, 1, 1, 13, 45, 30, 123, DateTimeKind.Utc) },
            { ConnectTimestamp.Schema, new DateTime(2023, 11, 5, 8, 30, 15, 250, DateTimeKind.Utc) },
            { SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1, 2, 3 } },
            { SchemaBuilder.Array(Schema.OptionalString).Build(), new List<object?> { "a", null } },
            { SchemaBuilder.Map(Schema.String, Schema.Float64).Build(), new Dictionary<string, object?> { ["a"] = 1.5, ["b"] = -2.0 } },
            { SchemaBuilder.Map(Schema.Int32, Schema.String).Build(), new Dictionary<object, object?> { [1] = "one", [2] = "two" } },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void RoundTrip_EveryTypeAndLogicalType_ReturnsEqualValue(Schema schema, object? value)
    {
        using var converter = Converter();

        var bytes = converter.FromConnectData(Topic, null, schema, value)!;
        var result = converter.ToConnectData(Topic, null, bytes);

        result.Schema!.Type.Should().Be(schema.Type);
        result.Schema.Name.Should().Be(schema.Name);
        ConnectValueComparer.Instance.Equals(result.Value, value).Should().BeTrue($"{result.Value} should equal {value}");
    }

    [Fact]
    public void RoundTrip_NestedStruct_ReturnsEqualStructAndSchema()
    {
        using var converter = Converter();
        var value = NewOrder(42);

        var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, Order, value));

        result.Schema.Should().Be(Order);
        result.Value.Should().Be(value);
    }

    [Fact]
    public void RoundTrip_StructWithEveryFieldType_ReturnsEqualStruct()
    {
        var inner = SchemaBuilder.Struct().Name("x.Inner").Version(1).Field("flag", Schema.OptionalBoolean).Build();
        var schema = SchemaBuilder.Struct().Name("x.All").Version(1)
            .Field("i8", Schema.Int8).Field("i16", Schema.OptionalInt16).Field("i32", Schema.Int32).Field("i64", Schema.Int64)
            .Field("f32", Schema.Float32).Field("f64", Schema.Float64).Field("b", Schema.Boolean).Field("s", Schema.String)
            .Field("raw", Schema.OptionalBytes)
            .Field("dec", ConnectDecimal.Builder(3).Optional().Build())
            .Field("date", ConnectDate.OptionalSchema).Field("time", ConnectTime.Schema).Field("ts", ConnectTimestamp.OptionalSchema)
            .Field("list", SchemaBuilder.Array(inner).Build())
            .Field("map", SchemaBuilder.Map(Schema.String, SchemaBuilder.Array(Schema.Int64).Build()).Build())
            .Field("keyed", SchemaBuilder.Map(Schema.Int64, inner).Optional().Build())
            .Field("maybe", SchemaBuilder.Struct().Name("x.Inner").Version(1).Field("flag", Schema.OptionalBoolean).Optional().Build())
            .Build();
        var value = new Struct(schema)
            .Put("i8", (sbyte)1).Put("i16", null).Put("i32", 3).Put("i64", 4L).Put("f32", 5.5f).Put("f64", 6.25).Put("b", false).Put("s", "s")
            .Put("raw", new byte[] { 9 }).Put("dec", 1.234m)
            .Put("date", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Put("time", new DateTime(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc))
            .Put("ts", null)
            .Put("list", new List<object?> { new Struct(inner).Put("flag", true), new Struct(inner) })
            .Put("map", new Dictionary<string, object?> { ["k"] = new List<object?> { 1L, 2L } })
            .Put("keyed", new Dictionary<object, object?> { [7L] = new Struct(inner).Put("flag", false) })
            .Put("maybe", null);
        using var converter = Converter();

        var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, schema, value));

        result.Schema.Should().Be(schema);
        result.Value.Should().Be(value);
    }

    [Fact]
    public void FromConnectData_WritesConfluentWireFormat()
    {
        using var converter = Converter();

        var bytes = converter.FromConnectData(Topic, null, Schema.Int64, 1L)!;

        var id = _registry.Register("orders-value", "\"long\"");
        bytes.Should().Equal(0, (byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id, 2);
        _registry.Subjects.Should().Equal("orders-value");
    }

    [Fact]
    public void FromConnectData_Key_UsesKeySubject()
    {
        using var converter = Converter(isKey: true);

        converter.FromConnectData(Topic, null, Schema.String, "k");

        _registry.Subjects.Should().Equal("orders-key");
    }

    [Fact]
    public void FromConnectData_TopLevelBytes_AreWrittenRawLikeConfluent()
    {
        using var converter = Converter();

        var bytes = converter.FromConnectData(Topic, null, Schema.Bytes, new byte[] { 7, 8, 9 })!;

        bytes.AsSpan(5).ToArray().Should().Equal(7, 8, 9);
    }

    [Fact]
    public void FromConnectData_RegistersTheConfluentSchema()
    {
        using var converter = Converter();

        var bytes = converter.FromConnectData(Topic, null, Order, NewOrder(1))!;

        _registry.SchemaOf(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1))).Should().Be(
            """{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"note","type":["null","string"],"default":null},{"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"},{"name":"zip","type":[{"type":"int","connect.default":0},"null"],"default":0}],"connect.name":"com.acme.Address"}}],"connect.version":1,"connect.name":"com.acme.Order"}""");
    }

    [Fact]
    public void ManyRecords_AfterWarmUp_MakeNoRegistryCalls()
    {
        using var writer = Converter();
        using var reader = Converter();
        var first = writer.FromConnectData(Topic, null, Order, NewOrder(0))!;
        reader.ToConnectData(Topic, null, first);
        var callsAfterWarmUp = _registry.TotalCalls;

        for (var i = 1; i <= 500; i++)
        {
            // A new but equal schema instance must hit the cache too.
            var schema = i % 2 == 0 ? Order : SchemaBuilder.Struct().Name("com.acme.Order").Version(1)
                .Field("id", Schema.Int64).Field("customer", Schema.String).Field("note", Schema.OptionalString).Field("address", Address).Build();
            var value = new Struct(schema).Put("id", (long)i).Put("customer", "c").Put("address", new Struct(Address).Put("street", "s"));
            var bytes = writer.FromConnectData(Topic, null, schema, value)!;
            ((Struct)reader.ToConnectData(Topic, null, bytes).Value!).GetInt64("id").Should().Be(i);
        }

        _registry.TotalCalls.Should().Be(callsAfterWarmUp);
        _registry.Calls("POST /subjects/versions").Should().Be(1);
        _registry.Calls("GET /schemas/ids").Should().Be(1);
    }

    [Fact]
    public void ConcurrentUse_FromManyThreads_ProducesCorrectValues()
    {
        using var writer = Converter();
        using var reader = Converter();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var topic = "t" + (i % 3);
            var bytes = writer.FromConnectData(topic, null, Order, NewOrder(i))!;
            var value = (Struct)reader.ToConnectData(topic, null, bytes).Value!;
            value.GetInt64("id").Should().Be(i);
            value.GetString("customer").Should().Be("customer-" + i);
        });

        _registry.Subjects.Should().BeEquivalentTo(["t0-value", "t1-value", "t2-value"]);
    }

    [Fact]
    public void ToConnectData_Null_IsTombstone()
    {
        using var converter = Converter();

        converter.ToConnectData(Topic, null, null).Should().Be(SchemaAndValue.Null);
        converter.FromConnectData(Topic, null, Order, null).Should().BeNull();
    }

    [Fact]
    public void ToConnectData_WrongMagicByte_ThrowsUnknownMagicByte()
    {
        using var converter = Converter();

        var act = () => converter.ToConnectData(Topic, null, [1, 0, 0, 0, 1, 2]);

        act.Should().Throw<DataException>().WithMessage("Failed to deserialize data for topic orders to Avro: Unknown magic byte!");
    }

    [Fact]
    public void ToConnectData_TooShortForHeader_Throws()
    {
        using var converter = Converter();

        var act = () => converter.ToConnectData(Topic, null, [0, 0, 1]);

        act.Should().Throw<DataException>().WithMessage("*the value has 3 bytes, too few for the magic byte and the 4-byte schema id.");
    }

    [Fact]
    public void ToConnectData_UnknownSchemaId_ThrowsWithRegistryMessage()
    {
        using var converter = Converter();

        var act = () => converter.ToConnectData(Topic, null, [0, 0, 0, 0x03, 0xE7, 2]);

        act.Should().Throw<DataException>()
            .WithMessage("Failed to deserialize data for topic orders to Avro: Error retrieving Avro schema for id 999:*Schema 999 not found*");
    }

    [Fact]
    public void ToConnectData_TruncatedBody_ThrowsTruncated()
    {
        using var converter = Converter();
        var bytes = converter.FromConnectData(Topic, null, Order, NewOrder(5))!;

        var act = () => converter.ToConnectData(Topic, null, bytes[..^3]);

        act.Should().Throw<DataException>()
            .WithMessage("Failed to deserialize data for topic orders to Avro: Error deserializing Avro message for id *: Truncated data*");
    }

    [Fact]
    public void FromConnectData_MissingRequiredField_NamesTheField()
    {
        using var converter = Converter();
        var value = new Struct(Order).Put("id", 1L).Put("address", new Struct(Address).Put("street", "s"));

        var act = () => converter.FromConnectData(Topic, null, Order, value);

        act.Should().Throw<DataException>()
            .WithMessage("Failed to serialize Avro data for topic orders: Field \"customer\": Found null value for non-optional schema of type String.");
    }

    [Fact]
    public void FromConnectData_NestedValueOfWrongType_NamesTheFieldPath()
    {
        var inner = SchemaBuilder.Struct().Name("Inner").Field("xs", SchemaBuilder.Array(Schema.Int32).Build()).Build();
        var outer = SchemaBuilder.Struct().Name("Outer").Field("inner", inner).Build();
        var list = new List<object?> { 1 };
        var value = new Struct(outer).Put("inner", new Struct(inner).Put("xs", list));
        list.Add(2L); // changed after Put validated it
        using var converter = Converter();

        var act = () => converter.FromConnectData(Topic, null, outer, value);

        act.Should().Throw<DataException>()
            .WithMessage("Failed to serialize Avro data for topic orders: Field \"inner.xs\": Invalid value for schema type Int32: expected System.Int32 but got System.Int64 (2).");
    }

    [Fact]
    public void FromConnectData_ListElementOfWrongType_NamesTheField()
    {
        var schema = SchemaBuilder.Struct().Name("R").Field("xs", SchemaBuilder.Array(Schema.Int32).Build()).Build();
        var list = new List<object?> { 1 };
        var value = new Struct(schema).Put("xs", list);
        list.Add("two"); // changed after Put validated it
        using var converter = Converter();

        var act = () => converter.FromConnectData(Topic, null, schema, value);

        act.Should().Throw<DataException>()
            .WithMessage("Failed to serialize Avro data for topic orders: Field \"xs\": Invalid value for schema type Int32: expected System.Int32 but got System.String (two).");
    }

    [Fact]
    public void FromConnectData_ValueNotMatchingTopLevelSchema_Throws()
    {
        using var converter = Converter();

        var act = () => converter.FromConnectData(Topic, null, Schema.Int32, "abc");

        act.Should().Throw<DataException>().WithMessage("*Invalid value for schema type Int32: expected System.Int32 but got System.String (abc).");
    }

    [Fact]
    public void RoundTrip_SchemalessValues_UseConfluentAnythingRecord()
    {
        using var converter = Converter();
        var value = new Dictionary<object, object?>
        {
            ["name"] = "x",
            ["count"] = 3,
            ["big"] = 5L,
            ["ratio"] = 0.5,
            ["flags"] = new List<object?> { true, null, new byte[] { 1 } },
            [7L] = new Dictionary<object, object?> { ["nested"] = 1.5f },
        };

        var bytes = converter.FromConnectData(Topic, null, null, value)!;
        var result = converter.ToConnectData(Topic, null, bytes);

        result.Schema.Should().BeNull();
        ConnectValueComparer.Instance.Equals(result.Value, value).Should().BeTrue();
        _registry.SchemaOf(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1))).Should().StartWith("""{"type":"record","name":"Anything","namespace":"io.confluent.connect.avro","fields":[{"name":"boolean","type":["null","boolean"],"default":null}""");
    }

    [Fact]
    public void FromConnectData_SchemalessValueOfUnknownType_Throws()
    {
        using var converter = Converter();

        var act = () => converter.FromConnectData(Topic, null, null, new Uri("http://x"));

        act.Should().Throw<DataException>().WithMessage("Failed to serialize Avro data for topic orders: Unknown type for schemaless data: System.Uri.");
    }

    [Theory]
    [InlineData("io.confluent.kafka.serializers.subject.RecordNameStrategy", "com.acme.Order")]
    [InlineData("RecordNameStrategy", "com.acme.Order")]
    [InlineData("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", "orders-com.acme.Order")]
    [InlineData("TopicRecordNameStrategy", "orders-com.acme.Order")]
    [InlineData("io.confluent.kafka.serializers.subject.TopicNameStrategy", "orders-value")]
    public void SubjectNameStrategy_JavaAndShortNames_NameTheSubject(string strategy, string subject)
    {
        using var converter = Converter(extra: new() { ["value.subject.name.strategy"] = strategy });

        var bytes = converter.FromConnectData(Topic, null, Order, NewOrder(1))!;

        _registry.Subjects.Should().Equal(subject);
        converter.ToConnectData(Topic, null, bytes).Schema!.Version.Should().Be(1);
    }

    [Fact]
    public void RecordNameStrategy_ForNonRecordSchema_Throws()
    {
        using var converter = Converter(extra: new() { ["value.subject.name.strategy"] = "RecordNameStrategy" });

        var act = () => converter.FromConnectData(Topic, null, Schema.String, "x");

        act.Should().Throw<DataException>().WithMessage("*value.subject.name.strategy = RecordNameStrategy, the message value must only be an Avro record schema, not string.");
    }

    [Fact]
    public void AutoRegisterFalse_RegisteredSchema_IsLookedUp()
    {
        using var registering = Converter();
        var expected = registering.FromConnectData(Topic, null, Order, NewOrder(3))!;
        using var converter = Converter(extra: new() { ["auto.register.schemas"] = "false" });

        var bytes = converter.FromConnectData(Topic, null, Order, NewOrder(3))!;

        bytes.Should().Equal(expected);
        _registry.Calls("POST /subjects").Should().Be(1);
    }

    [Fact]
    public void AutoRegisterFalse_UnregisteredSchema_ThrowsNamingSubject()
    {
        using var converter = Converter(extra: new() { ["auto.register.schemas"] = "false" });

        var act = () => converter.FromConnectData(Topic, null, Order, NewOrder(3));

        act.Should().Throw<DataException>().WithMessage("Failed to serialize Avro data for topic orders: could not look up the schema under subject 'orders-value':*40401*");
    }

    [Fact]
    public void UseLatestVersion_WritesWithLatestSchemaAndFillsDefaults()
    {
        var latestId = _registry.Register("orders-value", """
            {"type":"record","name":"Order","namespace":"com.acme","fields":[
              {"name":"id","type":"long"},
              {"name":"channel","type":"string","default":"web"},
              {"name":"customer","type":"string"}]}
            """);
        var schema = SchemaBuilder.Struct().Name("com.acme.Order").Field("customer", Schema.String).Field("id", Schema.Int32).Build();
        using var converter = Converter(extra: new() { ["auto.register.schemas"] = "false", ["use.latest.version"] = "true" });

        var bytes = converter.FromConnectData(Topic, null, schema, new Struct(schema).Put("customer", "ann").Put("id", 9))!;
        var result = (Struct)converter.ToConnectData(Topic, null, bytes).Value!;

        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)).Should().Be(latestId);
        result.GetInt64("id").Should().Be(9);
        result.GetString("channel").Should().Be("web");
        result.GetString("customer").Should().Be("ann");
    }

    [Fact]
    public void UseLatestVersion_IncompatibleLatest_Throws()
    {
        _registry.Register("orders-value", """{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"other","type":"string"}]}""");
        var schema = SchemaBuilder.Struct().Name("com.acme.Order").Field("id", Schema.Int32).Build();
        using var converter = Converter(extra: new() { ["auto.register.schemas"] = "false", ["use.latest.version"] = "true" });

        var act = () => converter.FromConnectData(Topic, null, schema, new Struct(schema).Put("id", 1));

        act.Should().Throw<DataException>().WithMessage("*cannot be written with the latest schema of subject 'orders-value'*field 'other'*");
    }

    [Fact]
    public void Register_IncompatibleSchema_ThrowsDataExceptionWith409()
    {
        using var converter = Converter();
        converter.FromConnectData(Topic, null, Order, NewOrder(1));
        var changed = SchemaBuilder.Struct().Name("com.acme.Order").Field("id", Schema.String).Build();

        var act = () => converter.FromConnectData(Topic, null, changed, new Struct(changed).Put("id", "x"));

        act.Should().Throw<DataException>().WithMessage("Failed to serialize Avro data for topic orders: could not register subject 'orders-value':*HTTP 409*incompatible*");
    }

    [Fact]
    public void BasicAuth_FromUserInfo_IsSent()
    {
        _registry.RequiredUserInfo = "svc:secret";
        using var converter = Converter(extra: new() { ["basic.auth.credentials.source"] = "USER_INFO", ["basic.auth.user.info"] = "svc:secret" });

        var bytes = converter.FromConnectData(Topic, null, Schema.String, "x")!;

        converter.ToConnectData(Topic, null, bytes).Value.Should().Be("x");
    }

    [Fact]
    public void BasicAuth_Missing_ThrowsDataExceptionWith401()
    {
        _registry.RequiredUserInfo = "svc:secret";
        using var converter = Converter();

        var act = () => converter.FromConnectData(Topic, null, Schema.String, "x");

        act.Should().Throw<DataException>().WithMessage("*HTTP 401*basic.auth.user.info*");
    }

    [Fact]
    public void RegistryUnreachable_ThrowsRetriableException()
    {
        using var converter = new AvroConverter();
        converter.Configure(new Dictionary<string, string> { ["schema.registry.url"] = "http://127.0.0.1:1", ["max.retries"] = "1", ["retries.wait.ms"] = "1" }, false);

        var act = () => converter.FromConnectData(Topic, null, Schema.String, "x");

        act.Should().Throw<RetriableException>().WithMessage("*Could not reach the Schema Registry*");
    }

    [Fact]
    public void ToConnectData_SchemaWithoutConnectVersion_GetsRegistryVersion()
    {
        var first = _registry.Register("orders-value", """{"type":"record","name":"E","fields":[{"name":"a","type":"int"}]}""");
        var second = _registry.Register("orders-value", """{"type":"record","name":"E","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":1}]}""");
        using var converter = Converter();

        converter.ToConnectData(Topic, null, [0, 0, 0, 0, (byte)first, 2]).Schema!.Version.Should().Be(1);
        converter.ToConnectData(Topic, null, [0, 0, 0, 0, (byte)second, 2, 4]).Schema!.Version.Should().Be(2);
    }

    [Theory]
    [InlineData("auto.register.schemas", "yes", "Invalid value yes for configuration auto.register.schemas: Expected value to be either true or false")]
    [InlineData("value.subject.name.strategy", "com.example.Custom", "Invalid value com.example.Custom for configuration value.subject.name.strategy: use TopicNameStrategy*")]
    [InlineData("basic.auth.credentials.source", "SASL_INHERIT", "Invalid value SASL_INHERIT for configuration basic.auth.credentials.source: String must be one of (case insensitive): URL, USER_INFO")]
    [InlineData("basic.auth.credentials.source", "USER_INFO", "Invalid value (missing) for configuration basic.auth.user.info:*")]
    [InlineData("max.retries", "-1", "Invalid value -1 for configuration max.retries: Value must be at least 0")]
    [InlineData("schema.registry.url", "not a url", "Invalid value not a url for configuration schema.registry.url:*")]
    public void Configure_InvalidSetting_ThrowsNamingTheKey(string key, string value, string message)
    {
        var configs = new Dictionary<string, string> { ["schema.registry.url"] = _registry.Url.ToString(), [key] = value };
        using var converter = new AvroConverter();

        var act = () => converter.Configure(configs, false);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Fact]
    public void Configure_WithoutUrl_Throws()
    {
        using var converter = new AvroConverter();

        var act = () => converter.Configure(new Dictionary<string, string>(), false);

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"schema.registry.url\" which has no default value.");
    }

    [Fact]
    public void Converter_WithInjectedClient_NeedsNoUrl()
    {
        using var client = new Connect.Sdk.Avro.SchemaRegistry.SchemaRegistryClient(new() { Urls = { _registry.Url } });
        using var converter = new AvroConverter(client);
        converter.Configure(new Dictionary<string, string>(), false);

        converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, Schema.Int32, 5)).Value.Should().Be(5);
    }

    [Fact]
    public void Converter_NotConfigured_Throws()
    {
        using var converter = new AvroConverter();

        var act = () => converter.FromConnectData(Topic, null, Schema.Int32, 5);

        act.Should().Throw<InvalidOperationException>().WithMessage("*Configure*");
    }

    [Fact]
    public void FromConnectData_AfterRecycle_WritesTheNextRecordOfThatLengthIntoTheSameArray()
    {
        using var converter = Converter();
        using var fresh = Converter();
        var first = converter.FromConnectData(Topic, null, Order, NewOrder(42))!;
        var expected = fresh.FromConnectData(Topic, null, Order, NewOrder(43))!;
        expected.Should().HaveSameCount(first, "ids 42 and 43 take as many bytes");

        converter.Recycle(first);
        var second = converter.FromConnectData(Topic, null, Order, NewOrder(43))!;

        second.Should().BeSameAs(first).And.Equal(expected);
    }

    [Fact]
    public void FromConnectData_WithoutRecycle_ReturnsANewArrayEveryTime()
    {
        using var converter = Converter();

        converter.FromConnectData(Topic, null, Order, NewOrder(1)).Should().NotBeSameAs(converter.FromConnectData(Topic, null, Order, NewOrder(1)));
    }

    [Fact]
    public void FromConnectData_GenericPathAfterRecycle_AlsoReusesTheArray()
    {
        // A map is not written by the direct writer.
        var schema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();
        using var converter = Converter();
        var first = converter.FromConnectData(Topic, null, schema, new Dictionary<string, object?> { ["a"] = 1 })!;

        converter.Recycle(first);
        var second = converter.FromConnectData(Topic, null, schema, new Dictionary<string, object?> { ["b"] = 2 })!;

        second.Should().BeSameAs(first);
        converter.ToConnectData(Topic, null, second).Value.Should().BeEquivalentTo(new Dictionary<string, object?> { ["b"] = 2 });
    }

    private AvroConverter Converter(bool isKey = false, Dictionary<string, string>? extra = null)
    {
        var configs = new Dictionary<string, string>
        {
            ["schema.registry.url"] = _registry.Url.ToString(),
            ["retries.wait.ms"] = "5",
        };
        foreach (var (key, value) in extra ?? [])
        {
            configs[key] = value;
        }

        var converter = new AvroConverter();
        converter.Configure(configs, isKey);
        return converter;
    }

    private static Struct NewOrder(long id) => new Struct(Order)
        .Put("id", id)
        .Put("customer", "customer-" + id)
        .Put("address", new Struct(Address).Put("street", "Main St").Put("zip", 12345));
}
