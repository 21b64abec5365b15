using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>Expectations come from Kafka's CastTest unless a comment says otherwise.</summary>
public class CastTests
{
    private const long MillisPerDay = 24L * 60 * 60 * 1000;
    private const long MillisPerHour = 60L * 60 * 1000;

    private static Cast<SourceRecord>.Value ValueCast(string spec) => new Cast<SourceRecord>.Value().Configured(("spec", spec));

    private static Cast<SourceRecord>.Key KeyCast(string spec) => new Cast<SourceRecord>.Key().Configured(("spec", spec));

    // CastTest.testConfigEmpty, testConfigInvalidSchemaType, testConfigInvalidTargetType, testUnsupportedTargetType,
    // testConfigInvalidMap, testConfigMixWholeAndFieldTransformation; the messages are Kafka's, prefixed with the key.
    [Theory]
    [InlineData("", "Invalid value [] for configuration spec: Must specify at least one field to cast.")]
    [InlineData("foo:faketype", "Invalid value [foo:faketype] for configuration spec: Invalid type found in casting spec: faketype")]
    [InlineData("foo:array", "Invalid value [foo:array] for configuration spec: Cast transformation does not support casting to ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]")]
    [InlineData("foo:bytes", "Invalid value [foo:bytes] for configuration spec: Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]")]
    [InlineData("foo:int8:extra", "Invalid value [foo:int8:extra] for configuration spec: Invalid rename mapping: foo:int8:extra")]
    [InlineData("foo:int8,int32", "Invalid value [foo:int8, int32] for configuration spec: Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec")]
    [InlineData("faketype", "Invalid value [faketype] for configuration spec: Invalid type found in casting spec: faketype")]
    public void Configure_InvalidSpec_ThrowsNamingTheKey(string spec, string message)
    {
        var act = () => new Cast<SourceRecord>.Key().Configure(Props.Of(("spec", spec)));

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Fact]
    public void Configure_MissingSpec_Throws()
    {
        var act = () => new Cast<SourceRecord>.Value().Configure(Props.Empty);

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"spec\" which has no default value.");
    }

    // CastTest.castNullValueRecordWithSchema, castNullValueRecordSchemaless, castNullKeyRecordWithSchema, castNullKeyRecordSchemaless
    [Fact]
    public void Apply_NullValueOrKey_PassesThroughUnchanged()
    {
        var withSchema = new SourceRecord(null, null, "topic", 0, Schema.String, "key", Schema.String, null);
        var schemaless = new SourceRecord(null, null, "topic", 0, Schema.String, "key", null, null);
        var nullKey = new SourceRecord(null, null, "topic", 0, Schema.String, null, Schema.String, "value");

        ValueCast("foo:int64").Apply(withSchema).Should().BeSameAs(withSchema);
        ValueCast("foo:int64").Apply(schemaless).Should().BeSameAs(schemaless);
        KeyCast("foo:int64").Apply(nullKey).Should().BeSameAs(nullKey);
    }

    // CastTest.castWholeRecordKeyWithSchema
    [Fact]
    public void Apply_WholeKeyWithSchema_CastsKey()
    {
        var transformed = KeyCast("int8").ApplyOrFail(new SourceRecord(null, null, "topic", 0, Schema.Int32, 42, Schema.String, "bogus"));

        transformed.KeySchema!.Type.Should().Be(SchemaType.Int8);
        transformed.Key.Should().Be((sbyte)42);
        transformed.Value.Should().Be("bogus");
    }

    // CastTest.castWholeRecordValueWithSchemaInt8 … castWholeRecordValueWithSchemaString (value 42, or 0 for false)
    [Theory]
    [InlineData("int8", 42, SchemaType.Int8, (sbyte)42)]
    [InlineData("int16", 42, SchemaType.Int16, (short)42)]
    [InlineData("int32", 42, SchemaType.Int32, 42)]
    [InlineData("int64", 42, SchemaType.Int64, 42L)]
    [InlineData("float32", 42, SchemaType.Float32, 42f)]
    [InlineData("float64", 42, SchemaType.Float64, 42d)]
    [InlineData("boolean", 42, SchemaType.Boolean, true)]
    [InlineData("boolean", 0, SchemaType.Boolean, false)]
    [InlineData("string", 42, SchemaType.String, "42")]
    public void Apply_WholeValueWithSchema_Casts(string spec, int input, SchemaType expectedType, object expected)
    {
        var transformed = ValueCast(spec).ApplyOrFail(Records.Value(Schema.Int32, input));

        transformed.ValueSchema!.Type.Should().Be(expectedType);
        transformed.Value.Should().Be(expected);
    }

    // CastTest.castWholeRecordValueSchemalessInt8 … castWholeRecordValueSchemalessString, castWholeRecordKeySchemaless
    [Theory]
    [InlineData("int8", 42, (sbyte)42)]
    [InlineData("int16", 42, (short)42)]
    [InlineData("int32", 42, 42)]
    [InlineData("int64", 42, 42L)]
    [InlineData("float32", 42, 42f)]
    [InlineData("float64", 42, 42d)]
    [InlineData("boolean", 42, true)]
    [InlineData("boolean", 0, false)]
    [InlineData("string", 42, "42")]
    public void Apply_WholeValueSchemaless_Casts(string spec, int input, object expected)
    {
        var transformed = ValueCast(spec).ApplyOrFail(Records.Value(null, input));

        transformed.ValueSchema.Should().BeNull();
        transformed.Value.Should().Be(expected);

        var key = KeyCast(spec).ApplyOrFail(Records.Key(null, input));
        key.KeySchema.Should().BeNull();
        key.Key.Should().Be(expected);
    }

    // CastTest.castWholeBigDecimalRecordValueWithSchemaString
    [Fact]
    public void Apply_WholeDecimalToString_UsesPlainText()
    {
        var transformed = ValueCast("string").ApplyOrFail(Records.Value(ConnectDecimal.Schema(0), 42m));

        transformed.ValueSchema!.Type.Should().Be(SchemaType.String);
        transformed.ValueSchema.Name.Should().BeNull("the Decimal logical name does not describe a string");
        transformed.Value.Should().Be("42");
    }

    // CastTest.castWholeDateRecordValueWithSchemaString: a day plus 1 ms formats with Values.dateFormatFor (ISO 8601 in UTC).
    [Fact]
    public void Apply_WholeTimestampToString_UsesKafkaDateFormat()
    {
        var timestamp = DateTime.UnixEpoch.AddMilliseconds(MillisPerDay + 1);

        var transformed = ValueCast("string").ApplyOrFail(Records.Value(ConnectTimestamp.Schema, timestamp));

        transformed.ValueSchema!.Type.Should().Be(SchemaType.String);
        transformed.Value.Should().Be("1970-01-02T00:00:00.001Z");
    }

    // CastTest.castWholeRecordDefaultValue
    [Fact]
    public void Apply_WholeValueWithDefault_CastsTheDefault()
    {
        var schema = SchemaBuilder.Float32().DefaultValue(-42.125f).Build();

        var transformed = ValueCast("int32").ApplyOrFail(Records.Value(schema, 42.125f));

        transformed.ValueSchema!.Type.Should().Be(SchemaType.Int32);
        transformed.Value.Should().Be(42);
        transformed.ValueSchema.DefaultValue.Should().Be(-42);
    }

    // CastTest.castWholeRecordValueSchemalessUnsupportedType
    [Fact]
    public void Apply_WholeValueSchemalessList_ThrowsDataException()
    {
        var act = () => ValueCast("int8").Apply(Records.Value(null, new List<object?> { "foo" }));

        act.Should().Throw<DataException>()
            .WithMessage("Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]");
    }

    // CastTest.castLogicalToPrimitive (the Long.MAX_VALUE timestamp is outside DateTime's range and is left out).
    [Fact]
    public void Apply_LogicalToPrimitive_CastsTheStoredValue()
    {
        var transform = ValueCast("date_to_int32:int32,timestamp_to_int64:int64,time_to_int64:int64,decimal_to_int32:int32,timestamp_to_float64:float64,null_timestamp_to_int32:int32");
        var schema = SchemaBuilder.Struct()
            .Field("date_to_int32", ConnectDate.Schema)
            .Field("timestamp_to_int64", ConnectTimestamp.Schema)
            .Field("time_to_int64", ConnectTime.Schema)
            .Field("decimal_to_int32", ConnectDecimal.Schema(0))
            .Field("timestamp_to_float64", ConnectTimestamp.Schema)
            .Field("null_timestamp_to_int32", ConnectTimestamp.OptionalSchema)
            .Build();
        var value = new Struct(schema)
            .Put("date_to_int32", DateTime.UnixEpoch.AddDays(1))
            .Put("timestamp_to_int64", DateTime.UnixEpoch)
            .Put("time_to_int64", DateTime.UnixEpoch.AddMilliseconds(1))
            .Put("decimal_to_int32", (decimal)int.MaxValue + 1)
            .Put("timestamp_to_float64", DateTime.UnixEpoch.AddMilliseconds(1234))
            .Put("null_timestamp_to_int32", null);

        var result = (Struct)transform.ApplyOrFail(Records.Value(schema, value)).Value!;

        result.Get("date_to_int32").Should().Be(1);
        result.Get("timestamp_to_int64").Should().Be(0L);
        result.Get("time_to_int64").Should().Be(1L);
        result.Get("decimal_to_int32").Should().Be(int.MinValue, "Java's BigDecimal.intValue keeps the low 32 bits");
        result.Get("timestamp_to_float64").Should().Be(1234d);
        result.Get("null_timestamp_to_int32").Should().BeNull();
        result.Schema.FindField("date_to_int32")!.Schema.Type.Should().Be(SchemaType.Int32);
        result.Schema.FindField("time_to_int64")!.Schema.Type.Should().Be(SchemaType.Int64);
        result.Schema.FindField("decimal_to_int32")!.Schema.Type.Should().Be(SchemaType.Int32);
        result.Schema.FindField("timestamp_to_float64")!.Schema.Type.Should().Be(SchemaType.Float64);
        result.Schema.FindField("null_timestamp_to_int32")!.Schema.Should().Be(Schema.OptionalInt32);
    }

    // CastTest.castLogicalToString (a fixed timestamp instead of "now").
    [Fact]
    public void Apply_LogicalToString_UsesKafkaFormats()
    {
        var schema = SchemaBuilder.Struct()
            .Field("date", ConnectDate.Schema)
            .Field("decimal", ConnectDecimal.Schema(0))
            .Field("time", ConnectTime.Schema)
            .Field("timestamp", ConnectTimestamp.Schema)
            .Build();
        var value = new Struct(schema)
            .Put("date", DateTime.UnixEpoch.AddMilliseconds(MillisPerDay))
            .Put("decimal", 1982m)
            .Put("time", DateTime.UnixEpoch.AddMilliseconds(MillisPerHour))
            .Put("timestamp", new DateTime(2024, 3, 5, 14, 7, 9, 42, DateTimeKind.Utc));

        var result = (Struct)ValueCast("date:string,decimal:string,time:string,timestamp:string").ApplyOrFail(Records.Value(schema, value)).Value!;

        result.Get("date").Should().Be("1970-01-02");
        result.Get("decimal").Should().Be("1982");
        result.Get("time").Should().Be("01:00:00.000Z");
        result.Get("timestamp").Should().Be("2024-03-05T14:07:09.042Z");
        result.Schema.Fields.Select(f => f.Schema.Type).Should().AllBeEquivalentTo(SchemaType.String);
    }

    // CastTest.castFieldsWithSchema
    [Fact]
    public void Apply_FieldsWithSchema_CastsEachListedField()
    {
        byte[] bytes = [0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10];
        var schema = SchemaBuilder.Struct()
            .Field("int8", Schema.Int8)
            .Field("int16", Schema.OptionalInt16)
            .Field("int32", SchemaBuilder.Int32().DefaultValue(2).Build())
            .Field("int64", Schema.Int64)
            .Field("float32", Schema.Float32)
            .Field("float64", SchemaBuilder.Float64().DefaultValue(-1.125).Build())
            .Field("boolean", Schema.Boolean)
            .Field("string", Schema.String)
            .Field("bigdecimal", ConnectDecimal.Schema(0))
            .Field("date", ConnectDate.Schema)
            .Field("optional", Schema.OptionalFloat32)
            .Field("timestamp", ConnectTimestamp.Schema)
            .Field("bytes", Schema.Bytes)
            .Field("byteArray", Schema.Bytes)
            .Build();
        var value = new Struct(schema)
            .Put("int8", (sbyte)8)
            .Put("int16", (short)16)
            .Put("int32", 32)
            .Put("int64", 64L)
            .Put("float32", 32f)
            .Put("float64", -64d)
            .Put("boolean", true)
            .Put("bigdecimal", 42m)
            .Put("date", DateTime.UnixEpoch.AddDays(1))
            .Put("string", "42")
            .Put("timestamp", DateTime.UnixEpoch)
            .Put("bytes", new ReadOnlyMemory<byte>([.. bytes]))
            .Put("byteArray", bytes);
        var transform = ValueCast("int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,bytes:string,byteArray:string");

        var result = (Struct)transform.ApplyOrFail(Records.Value(schema, value)).Value!;

        result.Get("int8").Should().Be((short)8);
        result.Schema.FindField("int16")!.Schema.IsOptional.Should().BeTrue();
        result.Get("int16").Should().Be(16);
        result.Get("int32").Should().Be(32L);
        result.Schema.FindField("int32")!.Schema.DefaultValue.Should().Be(2L);
        result.Get("int64").Should().Be(true);
        result.Get("float32").Should().Be(32d);
        result.Get("float64").Should().Be(true);
        result.Schema.FindField("float64")!.Schema.DefaultValue.Should().Be(true);
        result.Get("boolean").Should().Be((sbyte)1);
        result.Get("string").Should().Be(42);
        result.Get("bigdecimal").Should().Be("42");
        result.Get("date").Should().Be("1970-01-02");
        result.Get("timestamp").Should().Be(DateTime.UnixEpoch);
        result.Get("bytes").Should().Be("/ty6mHZUMhA=");
        result.Get("byteArray").Should().Be("/ty6mHZUMhA=");
        result.Get("optional").Should().BeNull();
        result.Schema.FindField("optional")!.Schema.Should().Be(Schema.OptionalInt32);
        result.Schema.FindField("timestamp")!.Schema.Should().Be(ConnectTimestamp.Schema, "fields not in the spec keep their schema");
    }

    // CastTest.castFieldsSchemaless
    [Fact]
    public void Apply_FieldsSchemaless_CastsEachListedField()
    {
        var value = Records.Map(
            ("int8", (sbyte)8), ("int16", (short)16), ("int32", 32), ("int64", 64L),
            ("float32", 32f), ("float64", -64d), ("boolean", true), ("string", "42"), ("other", "kept"));
        var transform = ValueCast("int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32");

        var transformed = transform.ApplyOrFail(Records.Value(null, value));

        transformed.ValueSchema.Should().BeNull();
        var result = (IDictionary<string, object?>)transformed.Value!;
        result["int8"].Should().Be((short)8);
        result["int16"].Should().Be(16);
        result["int32"].Should().Be(32L);
        result["int64"].Should().Be(true);
        result["float32"].Should().Be(32d);
        result["float64"].Should().Be(true);
        result["boolean"].Should().Be((sbyte)1);
        result["string"].Should().Be(42);
        result["other"].Should().Be("kept");
        value["int8"].Should().Be((sbyte)8, "the input map is not changed");
    }

    // Java's narrowing: integers wrap, floating point saturates (JLS 5.1.3); Integer.parseInt failures are reported as
    // "Value (x) was out of range for requested data type" (Cast.castValueToType).
    [Theory]
    [InlineData("int8", 300, (sbyte)44)]
    [InlineData("int8", 1e10, (sbyte)-1)]
    [InlineData("int32", 3e10, int.MaxValue)]
    [InlineData("int64", double.NaN, 0L)]
    [InlineData("float32", "1.5", 1.5f)]
    [InlineData("float64", " 2.5d ", 2.5d)]
    [InlineData("boolean", "TRUE", true)]
    [InlineData("boolean", "yes", false)]
    [InlineData("int16", "-12", (short)-12)]
    [InlineData("string", 1.0e7, "1.0E7")]
    [InlineData("string", 0.001, "0.001")]
    [InlineData("string", true, "true")]
    public void Apply_JavaConversions_MatchJava(string type, object input, object expected)
    {
        ValueCast(type).ApplyOrFail(Records.Value(null, input)).Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("int8", "300")]
    [InlineData("int32", "12.5")]
    [InlineData("int64", "abc")]
    [InlineData("float32", "x1")]
    public void Apply_UnparseableString_ThrowsOutOfRange(string type, string input)
    {
        var act = () => ValueCast(type).Apply(Records.Value(null, input));

        act.Should().Throw<DataException>().WithMessage($"Value ({input}) was out of range for requested data type");
    }

    [Fact]
    public void Apply_StructValueWithoutSchemaForFieldCast_RequiresMap()
    {
        var act = () => ValueCast("a:int8").Apply(Records.Value(null, 42));

        act.Should().Throw<DataException>().WithMessage("Only Map objects supported in absence of schema for [cast types], found: System.Int32");
    }

    [Fact]
    public void Apply_SameSchemaTwice_ReusesTheOutputSchema()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var equalSchema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var transform = ValueCast("a:string");

        var first = transform.ApplyOrFail(Records.Value(schema, new Struct(schema).Put("a", 1)));
        var second = transform.ApplyOrFail(Records.Value(schema, new Struct(schema).Put("a", 2)));
        var third = transform.ApplyOrFail(Records.Value(equalSchema, new Struct(equalSchema).Put("a", 3)));

        second.ValueSchema.Should().BeSameAs(first.ValueSchema);
        third.ValueSchema.Should().BeSameAs(first.ValueSchema);
        ((Struct)third.Value!).Get("a").Should().Be("3");
    }

    // KIP-1040 (CastTest.castFieldWithDefaultValueRecordWithSchema*): null fields become the default unless
    // replace.null.with.default=false.
    [Theory]
    [InlineData(true, 42L)]
    [InlineData(false, null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(bool replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("a", SchemaBuilder.Int32().Optional().DefaultValue(42).Build()).Build();
        var transform = new Cast<SourceRecord>.Value().Configured(("spec", "a:int64"), ("replace.null.with.default", replace ? "true" : "false"));

        var result = (Struct)transform.ApplyOrFail(Records.Value(schema, new Struct(schema))).Value!;

        result.GetWithoutDefault("a").Should().Be(expected);
    }
}
