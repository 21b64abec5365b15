using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

/// <summary>
/// Expectations come from Kafka's TimestampConverterTest unless a comment says otherwise: its fixtures are the epoch,
/// TIME = 00:00:01.234, DATE = 1970-01-02 and DATE_PLUS_TIME = 1970-01-02T00:00:01.234Z (86401234 ms), formatted with
/// "yyyy MM dd HH mm ss SSS z" as "1970 01 02 00 00 01 234 UTC".
/// </summary>
public class TimestampConverterTests
{
    private const string StringDateFormat = "yyyy MM dd HH mm ss SSS z";
    private const string DatePlusTimeString = "1970 01 02 00 00 01 234 UTC";
    private const long DatePlusTimeUnix = 86_401_234L;
    private const long DatePlusTimeUnixMicros = 86_401_234_123L;
    private const long DatePlusTimeUnixNanos = 86_401_234_123_456L;
    private const long DatePlusTimeUnixSeconds = 86_401L;

    private static readonly DateTime Time = DateTime.UnixEpoch.AddMilliseconds(1234);
    private static readonly DateTime Date = DateTime.UnixEpoch.AddDays(1);
    private static readonly DateTime DatePlusTime = DateTime.UnixEpoch.AddDays(1).AddMilliseconds(1234);

    private static TimestampConverter<SourceRecord>.Value ValueConverter(params (string Key, string Value)[] settings) =>
        new TimestampConverter<SourceRecord>.Value().Configured(settings);

    // TimestampConverterTest.testConfigNoTargetType, testConfigInvalidTargetType, testConfigInvalidUnixPrecision,
    // testConfigMissingFormat, testConfigInvalidFormat
    [Theory]
    [InlineData(new string[0], "Missing required configuration \"target.type\" which has no default value.")]
    [InlineData(new[] { "target.type", "invalid" }, "Invalid value invalid for configuration target.type: String must be one of: string, unix, Date, Time, Timestamp")]
    [InlineData(new[] { "target.type", "unix", "unix.precision", "invalid" }, "Invalid value invalid for configuration unix.precision: String must be one of: nanoseconds, microseconds, milliseconds, seconds")]
    [InlineData(new[] { "target.type", "string" }, "Invalid value  for configuration format: TimestampConverter requires format option to be specified when using string timestamps")]
    [InlineData(new[] { "target.type", "string", "format", "bad-format" }, "Invalid value bad-format for configuration format: TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: Illegal pattern character 'b'*")]
    public void Configure_Invalid_ThrowsNamingTheKey(string[] settings, string message)
    {
        var props = new Dictionary<string, string>();
        for (var i = 0; i < settings.Length; i += 2)
        {
            props[settings[i]] = settings[i + 1];
        }

        var act = () => new TimestampConverter<SourceRecord>.Value().Configure(props);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    // TimestampConverterTest.testSchemalessIdentity, testSchemalessTimestampToDate/Time/Unix/String,
    // testSchemalessDateToTimestamp, testSchemalessTimeToTimestamp, testSchemalessUnixToTimestamp, testSchemalessStringToTimestamp
    public static TheoryData<string, object, object> SchemalessConversions => new()
    {
        { "Timestamp", DatePlusTime, DatePlusTime },
        { "Date", DatePlusTime, Date },
        { "Time", DatePlusTime, Time },
        { "unix", DatePlusTime, DatePlusTimeUnix },
        { "string", DatePlusTime, DatePlusTimeString },
        { "Timestamp", Date, Date },
        { "Timestamp", Time, Time },
        { "Timestamp", DatePlusTimeUnix, DatePlusTime },
        { "Timestamp", DatePlusTimeString, DatePlusTime },
    };

    [Theory]
    [MemberData(nameof(SchemalessConversions))]
    public void Apply_SchemalessWholeValue_Converts(string targetType, object input, object expected)
    {
        var transformed = ValueConverter(("target.type", targetType), ("format", StringDateFormat)).ApplyOrFail(Records.Value(null, input));

        transformed.ValueSchema.Should().BeNull();
        transformed.Value.Should().Be(expected);
    }

    // TimestampConverterTest.testWithSchemaIdentity, testWithSchemaTimestampToDate/Time/Unix/String,
    // testWithSchemaDateToTimestamp, testWithSchemaTimeToTimestamp, testWithSchemaUnixToTimestamp, testWithSchemaStringToTimestamp
    public static TheoryData<string, Schema, object, Schema, object> SchemaConversions => new()
    {
        { "Timestamp", ConnectTimestamp.Schema, DatePlusTime, ConnectTimestamp.Schema, DatePlusTime },
        { "Date", ConnectTimestamp.Schema, DatePlusTime, ConnectDate.Schema, Date },
        { "Time", ConnectTimestamp.Schema, DatePlusTime, ConnectTime.Schema, Time },
        { "unix", ConnectTimestamp.Schema, DatePlusTime, Schema.Int64, DatePlusTimeUnix },
        { "string", ConnectTimestamp.Schema, DatePlusTime, Schema.String, DatePlusTimeString },
        { "Timestamp", ConnectDate.Schema, Date, ConnectTimestamp.Schema, Date },
        { "Timestamp", ConnectTime.Schema, Time, ConnectTimestamp.Schema, Time },
        { "Timestamp", Schema.Int64, DatePlusTimeUnix, ConnectTimestamp.Schema, DatePlusTime },
        { "Timestamp", Schema.String, DatePlusTimeString, ConnectTimestamp.Schema, DatePlusTime },
    };

    [Theory]
    [MemberData(nameof(SchemaConversions))]
    public void Apply_WholeValueWithSchema_Converts(string targetType, Schema schema, object input, Schema expectedSchema, object expected)
    {
        var transformed = ValueConverter(("target.type", targetType), ("format", StringDateFormat)).ApplyOrFail(Records.Value(schema, input));

        transformed.ValueSchema.Should().Be(expectedSchema);
        transformed.Value.Should().Be(expected);
    }

    // TimestampConverterTest.testWithSchemaNullValueToTimestamp (and the Date/Time/Unix/String variants)
    [Theory]
    [InlineData("Timestamp")]
    [InlineData("Date")]
    [InlineData("Time")]
    [InlineData("unix")]
    [InlineData("string")]
    public void Apply_NullValueWithOptionalSchema_GivesNullWithOptionalTargetSchema(string targetType)
    {
        var transformed = ValueConverter(("target.type", targetType), ("format", StringDateFormat)).ApplyOrFail(Records.Value(ConnectTimestamp.OptionalSchema, null));

        transformed.Value.Should().BeNull();
        transformed.ValueSchema!.IsOptional.Should().BeTrue();
    }

    // TimestampConverterTest.testSchemalessNullValueToTimestamp
    [Fact]
    public void Apply_SchemalessNull_GivesNull()
    {
        ValueConverter(("target.type", "Timestamp")).ApplyOrFail(Records.Value(null, null)).Value.Should().BeNull();
    }

    // TimestampConverterTest.testSchemalessUnixToTimestampMicros/Nanos/Seconds and testSchemalessTimestampToUnix*
    [Theory]
    [InlineData("microseconds", DatePlusTimeUnixMicros, 86_401_234_000L)]
    [InlineData("nanoseconds", DatePlusTimeUnixNanos, 86_401_234_000_000L)]
    [InlineData("seconds", DatePlusTimeUnixSeconds, DatePlusTimeUnixSeconds)]
    [InlineData("milliseconds", DatePlusTimeUnix, DatePlusTimeUnix)]
    public void Apply_UnixPrecision_ConvertsBothWays(string precision, long input, long roundTripped)
    {
        var toTimestamp = ValueConverter(("target.type", "Timestamp"), ("unix.precision", precision)).ApplyOrFail(Records.Value(null, input));
        var expectedInstant = precision == "seconds" ? DateTime.UnixEpoch.AddSeconds(DatePlusTimeUnixSeconds) : DatePlusTime;
        toTimestamp.Value.Should().Be(expectedInstant);

        var toUnix = ValueConverter(("target.type", "unix"), ("unix.precision", precision)).ApplyOrFail(Records.Value(null, toTimestamp.Value));
        toUnix.Value.Should().Be(roundTripped);
    }

    // TimestampConverterTest.testSchemalessFieldConversion
    [Fact]
    public void Apply_SchemalessField_ConvertsOnlyThatField()
    {
        var value = Records.Map(("ts", DatePlusTime), ("other", "test"));

        var transformed = ValueConverter(("target.type", "Date"), ("field", "ts")).ApplyOrFail(Records.Value(null, value));

        transformed.Value.Should().BeEquivalentTo(Records.Map(("ts", Date), ("other", "test")));
    }

    // TimestampConverterTest.testWithSchemaFieldConversion
    [Fact]
    public void Apply_FieldWithSchema_ConvertsOnlyThatField()
    {
        var schema = SchemaBuilder.Struct().Field("ts", ConnectTimestamp.Schema).Field("other", Schema.String).Build();
        var value = new Struct(schema).Put("ts", DatePlusTime).Put("other", "test");
        var transform = ValueConverter(("target.type", "Timestamp"), ("field", "ts"));

        var transformed = ValueConverter(("target.type", "Date"), ("field", "ts")).ApplyOrFail(Records.Value(schema, value));

        var expectedSchema = SchemaBuilder.Struct().Field("ts", ConnectDate.Schema).Field("other", Schema.String).Build();
        transformed.ValueSchema.Should().Be(expectedSchema);
        transformed.Value.Should().Be(new Struct(expectedSchema).Put("ts", Date).Put("other", "test"));
        transform.ApplyOrFail(Records.Value(schema, value)).Value.Should().Be(value);
    }

    // TimestampConverterTest.testWithSchemaNullFieldConversion / testWithSchemaNullValueConversion for fields
    [Fact]
    public void Apply_NullFieldAndNullStruct_StayNull()
    {
        var schema = SchemaBuilder.Struct().Optional().Field("ts", ConnectTimestamp.OptionalSchema).Field("other", Schema.OptionalString).Build();
        var transform = ValueConverter(("target.type", "unix"), ("field", "ts"));

        var nullField = transform.ApplyOrFail(Records.Value(schema, new Struct(schema).Put("other", "x")));
        ((Struct)nullField.Value!).Get("ts").Should().BeNull();
        nullField.ValueSchema!.FindField("ts")!.Schema.Should().Be(Schema.OptionalInt64);

        var nullStruct = transform.ApplyOrFail(Records.Value(schema, null));
        nullStruct.Value.Should().BeNull();
        nullStruct.ValueSchema.Should().BeSameAs(nullField.ValueSchema, "output schemas are cached per input schema");
    }

    // KIP-1040 (TimestampConverterTest.testReplaceNullWithDefault*)
    [Theory]
    [InlineData("true", 86_401_234L)]
    [InlineData("false", null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(string replace, object? expected)
    {
        var schema = SchemaBuilder.Struct().Field("ts", ConnectTimestamp.Builder().Optional().DefaultValue(DatePlusTime).Build()).Build();

        var transformed = ValueConverter(("target.type", "unix"), ("field", "ts"), ("replace.null.with.default", replace)).ApplyOrFail(Records.Value(schema, new Struct(schema)));

        ((Struct)transformed.Value!).Get("ts").Should().Be(expected);
    }

    // TimestampConverterTest.testKey
    [Fact]
    public void Apply_Key_ConvertsTheKey()
    {
        var transform = new TimestampConverter<SourceRecord>.Key().Configured(("target.type", "Timestamp"));

        var transformed = transform.ApplyOrFail(Records.Key(null, DatePlusTimeUnix));

        transformed.KeySchema.Should().BeNull();
        transformed.Key.Should().Be(DatePlusTime);
    }

    // TimestampConverter's translators: Kafka's messages for values of the wrong type.
    [Fact]
    public void Apply_WrongTypes_Throw()
    {
        var unparseable = () => ValueConverter(("target.type", "unix"), ("format", "yyyy-MM-dd")).Apply(Records.Value(Schema.String, "tomorrow"));
        unparseable.Should().Throw<DataException>().WithMessage("Could not parse timestamp: value (tomorrow) does not match pattern (yyyy-MM-dd)");

        var intUnix = () => ValueConverter(("target.type", "Timestamp")).Apply(Records.Value(null, 42));
        intUnix.Should().Throw<DataException>().WithMessage("TimestampConverter does not support System.Int32 objects as timestamps");

        var wrongForSchema = () => ValueConverter(("target.type", "Timestamp")).Apply(Records.Value(Schema.Int32, 42));
        wrongForSchema.Should().Throw<ConnectException>().WithMessage("Schema Schema{Int32} does not correspond to a known timestamp type format");

        var intField = () => ValueConverter(("target.type", "Timestamp"), ("field", "ts")).Apply(Records.Value(null, Records.Map(("ts", 1))));
        intField.Should().Throw<DataException>().WithMessage("TimestampConverter does not support System.Int32 objects as timestamps");
    }

    [Fact]
    public void Apply_StringWithoutFormat_Throws()
    {
        var act = () => ValueConverter(("target.type", "unix")).Apply(Records.Value(null, "2024-01-01"));

        act.Should().Throw<DataException>().WithMessage("Could not parse timestamp: value (2024-01-01) needs the format option to be set");
    }

    // Patterns are SimpleDateFormat patterns: YYYY is the week year, SSS milliseconds, quoted text literal.
    [Fact]
    public void Apply_JavaPatterns_MeanWhatTheyMeanInKafka()
    {
        var instant = new DateTime(2024, 12, 29, 8, 5, 3, 7, DateTimeKind.Utc);

        ValueConverter(("target.type", "string"), ("format", "YYYY-MM-dd'T'HH:mm:ss.SSS")).ApplyOrFail(Records.Value(null, instant))
            .Value.Should().Be("2025-12-29T08:05:03.007");
    }
}
