using System.Text;
using System.Text.Json;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Json.Serialization;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Json.Tests.Serialization;

/// <summary>
/// The direct struct writer must write exactly what the general writer (<see cref="ConnectToJson"/> through
/// <see cref="Utf8JsonWriter"/>) writes, whose output the golden corpus checks against Kafka's, and leave every record
/// it is not sure of to it.
/// </summary>
public class PrimitiveStructWriterTests
{
    private static readonly string[] Texts =
    [
        "", "plain", "Customer 42", "quote \" and backslash \\", "tab\tnew line\ncarriage\r", "\u0001\u001f\u007f",
        "caf\u00e9 \u20ac \u2028", "\ud83d\ude00 smile", "<>&'/", "\ufffd",
    ];

    private static readonly double[] Doubles =
    [
        0.0, -0.0, 1.0, 19.99, 2.5, 1e7, 1e-3, 9.99e-4, 123456789.125, double.Epsilon, double.MaxValue, -3.14, 0.1 + 0.2,
    ];

    private static readonly float[] Floats = [0f, 1.5f, -2.25f, 1e10f, 3.4028235e38f, 1.17549435e-38f, 0.1f];

    public static TheoryData<bool> ReplaceNullWithDefault => new() { true, false };

    [Theory]
    [MemberData(nameof(ReplaceNullWithDefault))]
    public void TryWrite_RandomStructsOfPrimitives_WritesWhatTheGeneralWriterWrites(bool replaceNullWithDefault)
    {
        // Some names need escaping; none holds a surrogate, which sends a schema to the general writer.
        var structs = new RandomPrimitiveStructs(new Random(20261122), Texts, Doubles, Floats, (random, i) =>
            random.Next(6) == 0 && Texts[random.Next(Texts.Length)] is var text && !JacksonText.HasSurrogate(text) ? $"f{i} {text}" : $"f{i}");
        var written = 0;
        for (var i = 0; i < 400; i++)
        {
            var schema = structs.NextSchema();
            var writer = PrimitiveStructWriter.For(schema);
            writer.Should().NotBeNull($"schema {schema} has only primitive and struct fields");
            for (var j = 0; j < 5; j++)
            {
                var value = structs.NextValue(schema);
                var direct = WriteDirectly(writer!, value, replaceNullWithDefault);
                direct.Should().NotBeNull($"every value of {schema} is of its field's type and every required field is set");
                direct.Should().Be(WriteGenerally(schema, value, replaceNullWithDefault), $"schema {schema}");
                written++;
            }
        }

        written.Should().Be(2000);
    }

    [Fact]
    public void TryWrite_FieldsWithDefaults_WritesWhatTheGeneralWriterWritesForEitherSetting()
    {
        var schema = SchemaBuilder.Struct()
            .Field("count", SchemaBuilder.Int32().Optional().DefaultValue(7).Build())
            .Field("label", SchemaBuilder.String().DefaultValue("none").Build())
            .Field("ratio", SchemaBuilder.Float64().Optional().Build())
            .Build();
        var empty = new Struct(schema);

        foreach (var replace in new[] { true, false })
        {
            var direct = WriteDirectly(PrimitiveStructWriter.For(schema)!, empty, replace);
            var general = WriteGenerally(schema, empty, replace);
            if (replace)
            {
                direct.Should().Be("{\"count\":7,\"label\":\"none\",\"ratio\":null}").And.Be(general);
            }
            else
            {
                // The required "label" holds no value: the general writer rejects the record, so the direct one declines.
                direct.Should().BeNull();
                general.Should().BeNull();
            }
        }
    }

    [Fact]
    public void TryWrite_RequiredFieldWithoutValue_Declines()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Field("name", Schema.String).Build();

        WriteDirectly(PrimitiveStructWriter.For(schema)!, new Struct(schema).Put("id", 1L), replaceNullWithDefault: true)
            .Should().BeNull();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void TryWrite_NonFiniteDouble_DeclinesSoTheGeneralWriterQuotesIt(double value)
    {
        var schema = SchemaBuilder.Struct().Field("x", Schema.Float64).Build();
        var record = new Struct(schema).Put("x", value);

        WriteDirectly(PrimitiveStructWriter.For(schema)!, record, replaceNullWithDefault: true).Should().BeNull();
        WriteGenerally(schema, record, replaceNullWithDefault: true).Should().StartWith("{\"x\":\"");
    }

    [Fact]
    public void TryWrite_NestedStructOfAnEqualSchemaInstance_WritesIt()
    {
        var inner = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var equalInner = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var outer = SchemaBuilder.Struct().Field("inner", inner).Build();
        var record = new Struct(outer).Put("inner", new Struct(equalInner).Put("a", 5));

        WriteDirectly(PrimitiveStructWriter.For(outer)!, record, replaceNullWithDefault: true)
            .Should().Be("{\"inner\":{\"a\":5}}").And.Be(WriteGenerally(outer, record, replaceNullWithDefault: true));
    }

    public static TheoryData<Schema> SchemasLeftToTheGeneralWriter => new()
    {
        SchemaBuilder.Struct().Field("b", Schema.Bytes).Build(),
        SchemaBuilder.Struct().Field("a", SchemaBuilder.Array(Schema.Int32).Build()).Build(),
        SchemaBuilder.Struct().Field("m", SchemaBuilder.Map(Schema.String, Schema.Int32).Build()).Build(),
        SchemaBuilder.Struct().Field("d", ConnectDecimal.Schema(2)).Build(),
        SchemaBuilder.Struct().Field("t", ConnectTimestamp.Schema).Build(),
        SchemaBuilder.Struct().Field("day", ConnectDate.Schema).Build(),
        SchemaBuilder.Struct().Field("time", ConnectTime.Schema).Build(),
        SchemaBuilder.Struct().Field("unpaired \ud800", Schema.Int32).Build(),
        SchemaBuilder.Struct().Field("outer", SchemaBuilder.Struct().Field("b", Schema.Bytes).Build()).Build(),
    };

    [Theory]
    [MemberData(nameof(SchemasLeftToTheGeneralWriter))]
    public void For_SchemaWithMoreThanPrimitives_HasNoWriter(Schema schema) =>
        PrimitiveStructWriter.For(schema).Should().BeNull();

    [Fact]
    public void For_NonStructSchema_HasNoWriter() => PrimitiveStructWriter.For(Schema.String).Should().BeNull();

    [Fact]
    public void JsonConverter_StructUnderANonStructSchema_StillGetsTheGeneralWritersError()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Build();
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>(), isKey: false);

        var act = () => converter.FromConnectData("t", null, Schema.String, new Struct(schema).Put("id", 1L));

        act.Should().Throw<Connect.Sdk.Errors.DataException>().WithMessage("Invalid type for STRING: Connect.Sdk.Data.Struct");
    }

    [Fact]
    public void For_SameSchema_ReturnsTheSameWriter()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();

        PrimitiveStructWriter.For(schema).Should().BeSameAs(PrimitiveStructWriter.For(schema));
    }

    [Fact]
    public void JsonConverter_StructWithNonFiniteDouble_WritesItThroughTheGeneralWriter()
    {
        var schema = SchemaBuilder.Struct().Field("x", Schema.Float64).Field("y", Schema.Float32).Build();
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "false" }, isKey: false);

        var bytes = converter.FromConnectData("t", null, schema, new Struct(schema).Put("x", double.NaN).Put("y", float.NegativeInfinity));

        Encoding.UTF8.GetString(bytes!).Should().Be("{\"x\":\"NaN\",\"y\":\"-Infinity\"}");
    }

    [Fact]
    public void JsonConverter_StructMissingARequiredValue_StillGetsTheGeneralWritersError()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Field("name", Schema.String).Build();
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>(), isKey: false);

        var act = () => converter.FromConnectData("t", null, schema, new Struct(schema).Put("id", 1L));

        act.Should().Throw<Connect.Sdk.Errors.DataException>().WithMessage("*required*(field \"name\")");
    }

    private static string? WriteDirectly(PrimitiveStructWriter writer, Struct value, bool replaceNullWithDefault)
    {
        using var buffer = new PooledBufferWriter();
        return writer.TryWrite(buffer, value, replaceNullWithDefault) ? Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }

    /// <summary>The general writer's text, or <see langword="null"/> when it rejects the record.</summary>
    private static string? WriteGenerally(Schema schema, Struct value, bool replaceNullWithDefault)
    {
        var config = JsonConverterConfig.Parse(
            new Dictionary<string, string> { [JsonConverter.ReplaceNullWithDefaultConfig] = replaceNullWithDefault ? "true" : "false" },
            ConverterType.Value);
        using var buffer = new PooledBufferWriter();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, JsonWriterLease.Options))
            {
                new ConnectToJson(config).WriteValue(writer, schema, value);
            }
        }
        catch (FieldPathException)
        {
            return null;
        }
        catch (Connect.Sdk.Errors.DataException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
