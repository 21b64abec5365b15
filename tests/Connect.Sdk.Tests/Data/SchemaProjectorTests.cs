using System.Collections;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class SchemaProjectorTests
{
    private static readonly Schema[] Numeric =
        [Schema.Int8, Schema.Int16, Schema.Int32, Schema.Int64, Schema.Float32, Schema.Float64];

    private static readonly Schema[] OptionalNumeric =
        [Schema.OptionalInt8, Schema.OptionalInt16, Schema.OptionalInt32, Schema.OptionalInt64, Schema.OptionalFloat32, Schema.OptionalFloat64];

    [Fact]
    public void Project_SamePrimitiveType_ReturnsValue()
    {
        var bytes = new byte[] { 1, 2 };
        SchemaProjector.Project(Schema.Boolean, false, Schema.Boolean).Should().Be(false);
        SchemaProjector.Project(Schema.Bytes, bytes, Schema.Bytes).Should().BeSameAs(bytes);
        SchemaProjector.Project(Schema.String, "abc", Schema.String).Should().Be("abc");
        SchemaProjector.Project(Schema.Boolean, false, Schema.OptionalBoolean).Should().Be(false);
        SchemaProjector.Project(Schema.Bytes, bytes, Schema.OptionalBytes).Should().BeSameAs(bytes);
        SchemaProjector.Project(Schema.String, "abc", Schema.OptionalString).Should().Be("abc");
    }

    [Theory]
    [InlineData(SchemaType.Boolean)]
    [InlineData(SchemaType.Bytes)]
    [InlineData(SchemaType.String)]
    public void Project_OptionalToRequiredWithoutDefault_Throws(SchemaType type) =>
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.ForType(type, optional: true), null, Schema.ForType(type)))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Writer schema is optional, however, target schema does not provide a default value.");

    [Fact]
    public void Project_OptionalToRequiredWithoutDefault_ThrowsEvenForAValue() =>
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.OptionalString, "abc", Schema.String))
            .Should().Throw<SchemaProjectorException>();

    [Fact]
    public void Project_NumericWidening_ConvertsToTargetType()
    {
        object[] values = [(sbyte)127, (short)255, 32767, 327890L, 1.2f, 1.2345];
        object[][] expected =
        [
            [(sbyte)127, (short)127, 127, 127L, 127f, 127.0],
            [(short)255, 255, 255L, 255f, 255.0],
            [32767, 32767L, 32767f, 32767.0],
            [327890L, 327890f, 327890.0],
            [1.2f, (double)1.2f],
            [1.2345],
        ];

        for (var i = 0; i < Numeric.Length; i++)
        {
            for (var j = i; j < Numeric.Length; j++)
            {
                SchemaProjector.Project(Numeric[i], values[i], Numeric[j]).Should().Be(expected[i][j - i]);
                SchemaProjector.Project(Numeric[i], values[i], OptionalNumeric[j]).Should().Be(expected[i][j - i]);
            }
        }
    }

    [Fact]
    public void Project_NumericNarrowing_ThrowsTypeMismatch()
    {
        for (var i = 1; i < Numeric.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (source, target) = (Numeric[i], Numeric[j]);
                FluentActions.Invoking(() => SchemaProjector.Project(source, null, target))
                    .Should().Throw<SchemaProjectorException>()
                    .Which.Message.Should().Be(
                        $"Schema type mismatch. source type: {source.Type.ToWireName().ToUpperInvariant()} and target type: {target.Type.ToWireName().ToUpperInvariant()}");
            }
        }
    }

    [Fact]
    public void Project_NumericToNonNumeric_ThrowsTypeMismatch()
    {
        foreach (var source in Numeric)
        {
            foreach (var target in new[] { Schema.Boolean, Schema.Bytes, Schema.String })
            {
                FluentActions.Invoking(() => SchemaProjector.Project(source, new object(), target))
                    .Should().Throw<SchemaProjectorException>().WithMessage("Schema type mismatch.*");
            }
        }

        FluentActions.Invoking(() => SchemaProjector.Project(Schema.Float32, 1f, Schema.Int64))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema type mismatch. source type: FLOAT32 and target type: INT64");
    }

    [Theory]
    [InlineData(SchemaType.Boolean, false, true, false)]
    [InlineData(SchemaType.String, "abc", "def", "abc")]
    [InlineData(SchemaType.Int8, (sbyte)12, (sbyte)127, (sbyte)12)]
    public void Project_OptionalSourceWithTargetDefault_UsesDefaultForNull(SchemaType type, object value, object defaultValue, object expected)
    {
        var source = Schema.ForType(type, optional: true);
        var required = SchemaBuilder.OfType(type).DefaultValue(defaultValue).Build();
        var optional = SchemaBuilder.OfType(type).Optional().DefaultValue(defaultValue).Build();

        SchemaProjector.Project(source, value, required).Should().Be(expected);
        SchemaProjector.Project(source, value, optional).Should().Be(expected);
        SchemaProjector.Project(source, null, required).Should().Be(defaultValue);
        SchemaProjector.Project(source, null, optional).Should().BeNull();
    }

    [Fact]
    public void Project_OptionalNumericSourceWithPromotedTargetDefault_PromotesValue()
    {
        var target = SchemaBuilder.Float64().DefaultValue(3.4567).Build();
        SchemaProjector.Project(Schema.OptionalInt16, (short)12, target).Should().Be(12.0);
        SchemaProjector.Project(Schema.OptionalInt16, null, target).Should().Be(3.4567);
        SchemaProjector.Project(Schema.OptionalFloat32, 12.345f, SchemaBuilder.Float64().DefaultValue(3.4567).Build())
            .Should().Be((double)12.345f);
    }

    [Fact]
    public void Project_RequiredSourceWithNull_GivesNull() =>
        SchemaProjector.Project(Schema.Int32, null, Schema.Int64).Should().BeNull();

    [Fact]
    public void Project_StructWithAddedFieldWithDefault_FillsDefault()
    {
        var source = SchemaBuilder.Struct().Field("field", Schema.Int32).Build();
        var sourceStruct = new Struct(source).Put("field", 1);
        var target = SchemaBuilder.Struct()
            .Field("field", Schema.Int32)
            .Field("field2", SchemaBuilder.Int32().DefaultValue(123).Build())
            .Build();

        var projected = (Struct)SchemaProjector.Project(source, sourceStruct, target)!;

        projected.Schema.Should().BeSameAs(target);
        projected.GetInt32("field").Should().Be(1);
        projected.GetInt32("field2").Should().Be(123);
    }

    [Fact]
    public void Project_StructWithAddedRequiredField_Throws()
    {
        var source = SchemaBuilder.Struct().Field("field", Schema.Int32).Build();
        var target = SchemaBuilder.Struct().Field("field", Schema.Int32).Field("field2", Schema.Int32).Build();
        FluentActions.Invoking(() => SchemaProjector.Project(source, new Struct(source).Put("field", 1), target))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Required field `field2` is missing from source schema: Schema{STRUCT}");

        var named = SchemaBuilder.Struct().Name("com.acme.Order").Build();
        var namedTarget = SchemaBuilder.Struct().Name("com.acme.Order").Field("id", Schema.Int64).Build();
        FluentActions.Invoking(() => SchemaProjector.Project(named, new Struct(named), namedTarget))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Required field `id` is missing from source schema: Schema{com.acme.Order:STRUCT}");
    }

    [Fact]
    public void Project_StructWithAddedOptionalField_LeavesItNull()
    {
        var source = SchemaBuilder.Struct().Build();
        var target = SchemaBuilder.Struct().Field("id", Schema.OptionalInt64).Build();
        ((Struct)SchemaProjector.Project(source, new Struct(source), target)!).GetInt64("id").Should().BeNull();
    }

    [Fact]
    public void Project_StructWithRemovedField_DropsIt()
    {
        var source = SchemaBuilder.Struct().Field("field", Schema.Int32).Field("field2", Schema.Int32).Build();
        var target = SchemaBuilder.Struct().Field("field", Schema.Int32).Build();
        var projected = (Struct)SchemaProjector.Project(source, new Struct(source).Put("field", 1).Put("field2", 234), target)!;
        projected.Get("field").Should().Be(1);
        FluentActions.Invoking(() => projected.Get("field2")).Should().Throw<DataException>();
    }

    [Fact]
    public void Project_StructFieldThatCannotProject_NamesTheField()
    {
        var source = SchemaBuilder.Struct().Field("id", Schema.Int32).Build();
        var target = SchemaBuilder.Struct().Field("id", Schema.Boolean).Build();
        var error = FluentActions.Invoking(() => SchemaProjector.Project(source, new Struct(source).Put("id", 1), target))
            .Should().Throw<SchemaProjectorException>().Which;
        error.Message.Should().Be("Error projecting id");
        error.InnerException.Should().BeOfType<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema type mismatch. source type: INT32 and target type: BOOLEAN");
    }

    [Fact]
    public void Project_OptionalStructToRequiredWithDefault_UsesDefaultStruct()
    {
        var source = SchemaBuilder.Struct().Optional().Field("field", Schema.Int32).Field("field2", Schema.Int32).Build();
        var builder = SchemaBuilder.Struct().Field("field", Schema.Int32).Field("field2", Schema.Int32);
        var fieldsOnly = builder.Build();
        var defaultStruct = new Struct(fieldsOnly).Put("field", 12).Put("field2", 345);
        var target = builder.DefaultValue(defaultStruct).Build();

        SchemaProjector.Project(source, null, target).Should().BeSameAs(defaultStruct);

        var projected = (Struct)SchemaProjector.Project(source, new Struct(source).Put("field", 45).Put("field2", 678), target)!;
        projected.Get("field").Should().Be(45);
        projected.Get("field2").Should().Be(678);
    }

    [Fact]
    public void Project_NestedStructure_ProjectsEveryLevel()
    {
        var sourceFlat = SchemaBuilder.Struct().Field("field", Schema.Int32).Build();
        var targetFlat = SchemaBuilder.Struct()
            .Field("field", Schema.Int32)
            .Field("field2", SchemaBuilder.Int32().DefaultValue(123).Build())
            .Build();
        var source = SchemaBuilder.Struct()
            .Field("first", Schema.Int32)
            .Field("second", Schema.String)
            .Field("array", SchemaBuilder.Array(Schema.Int32).Build())
            .Field("map", SchemaBuilder.Map(Schema.Int32, Schema.String).Build())
            .Field("nested", sourceFlat)
            .Build();
        var target = SchemaBuilder.Struct()
            .Field("first", Schema.Int64)
            .Field("second", Schema.String)
            .Field("array", SchemaBuilder.Array(Schema.Float64).Build())
            .Field("map", SchemaBuilder.Map(Schema.Int32, Schema.String).Build())
            .Field("nested", targetFlat)
            .Build();
        var value = new Struct(source)
            .Put("first", 1)
            .Put("second", "abc")
            .Put("array", new List<int> { 1, 2 })
            .Put("map", new Dictionary<int, string> { [5] = "def" })
            .Put("nested", new Struct(sourceFlat).Put("field", 113));

        var projected = (Struct)SchemaProjector.Project(source, value, target)!;

        projected.Get("first").Should().Be(1L);
        projected.Get("second").Should().Be("abc");
        projected.Get("array").ShouldBeValue(new List<object?> { 1.0, 2.0 });
        projected.Get("map").ShouldBeValue(new Dictionary<object, object?> { [5] = "def" });
        var nested = projected.GetStruct("nested")!;
        nested.Get("field").Should().Be(113);
        nested.Get("field2").Should().Be(123);
    }

    [Fact]
    public void Project_LogicalTypes_ProjectOnlyToThemselves()
    {
        SchemaProjector.Project(ConnectDecimal.Schema(2), 1.56m, ConnectDecimal.Schema(2)).Should().Be(1.56m);
        var instant = new DateTime(2019, 8, 23, 0, 0, 0, DateTimeKind.Utc);
        SchemaProjector.Project(ConnectDate.Schema, instant, ConnectDate.Schema).Should().Be(instant);
        SchemaProjector.Project(ConnectTime.Schema, DateTime.UnixEpoch, ConnectTime.Schema).Should().Be(DateTime.UnixEpoch);
        SchemaProjector.Project(ConnectTimestamp.Schema, instant, ConnectTimestamp.Schema).Should().Be(instant);
        SchemaProjector.Project(ConnectDate.Schema, 1000, ConnectDate.Schema).Should().Be(1000);

        var namedInt32 = SchemaBuilder.Int32().Name("invalidLogicalTypeName").Build();
        foreach (var logical in new[] { ConnectDecimal.Schema(2), ConnectDate.Schema, ConnectTime.Schema, ConnectTimestamp.Schema })
        {
            FluentActions.Invoking(() => SchemaProjector.Project(logical, null, Schema.Boolean)).Should().Throw<SchemaProjectorException>();
            FluentActions.Invoking(() => SchemaProjector.Project(logical, null, namedInt32)).Should().Throw<SchemaProjectorException>();
            FluentActions.Invoking(() => SchemaProjector.Project(Schema.Boolean, null, logical)).Should().Throw<SchemaProjectorException>();
        }

        FluentActions.Invoking(() => SchemaProjector.Project(ConnectDate.Schema, instant, namedInt32))
            .Should().Throw<SchemaProjectorException>().Which.Message.Should().Be(
                "Schema name mismatch. source name: org.apache.kafka.connect.data.Date and target name: invalidLogicalTypeName");
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.Int32, 1, ConnectDate.Schema))
            .Should().Throw<SchemaProjectorException>().Which.Message.Should().Be(
                "Schema name mismatch. source name: null and target name: org.apache.kafka.connect.data.Date");
    }

    [Fact]
    public void Project_DecimalOfOtherScale_ThrowsParameterMismatch() =>
        FluentActions.Invoking(() => SchemaProjector.Project(ConnectDecimal.Schema(2), 1.56m, ConnectDecimal.Schema(3)))
            .Should().Throw<SchemaProjectorException>().Which.Message.Should().Be(
                "Schema parameters not equal. source parameters: {scale=2} and target parameters: {scale=3}");

    [Fact]
    public void Project_NamesOrParametersDiffer_Throws()
    {
        var source = SchemaBuilder.Int32().Name("source").Build();
        var target = SchemaBuilder.Int32().Name("target").Build();
        FluentActions.Invoking(() => SchemaProjector.Project(source, 12, target))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema name mismatch. source name: source and target name: target");

        var withParameters = SchemaBuilder.Int32().Parameter("key", "value").Build();
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.Int32, 34, withParameters))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema parameters not equal. source parameters: null and target parameters: {key=value}");

        var emptyParameters = SchemaBuilder.Int32().Parameters([]).Build();
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.Int32, 34, emptyParameters))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema parameters not equal. source parameters: null and target parameters: {}");
    }

    [Fact]
    public void Project_VersionsAndDocsDiffer_StillProjects()
    {
        var source = SchemaBuilder.Int32().Name("n").Version(1).Doc("old").Build();
        var target = SchemaBuilder.Int64().Name("n").Version(2).Doc("new").Build();
        SchemaProjector.Project(source, 5, target).Should().Be(5L);
    }

    [Fact]
    public void Project_Array_ProjectsElementsAndUsesDefault()
    {
        var source = SchemaBuilder.Array(Schema.Int32).Build();
        SchemaProjector.Project(source, new List<int> { 1, 2, 3 }, source).ShouldBeValue(new List<object?> { 1, 2, 3 });

        var optionalSource = SchemaBuilder.Array(Schema.Int32).Optional().Build();
        var target = SchemaBuilder.Array(Schema.Int32).DefaultValue(new List<object?> { 1, 2, 3 }).Build();
        SchemaProjector.Project(optionalSource, new List<int> { 4, 5 }, target).ShouldBeValue(new List<object?> { 4, 5 });
        SchemaProjector.Project(optionalSource, null, target).ShouldBeValue(new List<object?> { 1, 2, 3 });

        var promoted = SchemaBuilder.Array(Schema.Int64).DefaultValue(new List<object?> { 1L, 2L, 3L }).Build();
        SchemaProjector.Project(optionalSource, new List<int> { 4, 5 }, promoted).ShouldBeValue(new List<object?> { 4L, 5L });
        SchemaProjector.Project(optionalSource, null, promoted).ShouldBeValue(new List<object?> { 1L, 2L, 3L });

        FluentActions.Invoking(() => SchemaProjector.Project(optionalSource, null, SchemaBuilder.Array(Schema.Int32).Build()))
            .Should().Throw<SchemaProjectorException>().WithMessage("Writer schema is optional*");
        FluentActions.Invoking(() => SchemaProjector.Project(source, new List<int> { 1 }, SchemaBuilder.Array(Schema.Boolean).Build()))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema type mismatch. source type: INT32 and target type: BOOLEAN");
    }

    [Fact]
    public void Project_Map_ProjectsKeysAndValuesAndUsesDefault()
    {
        var source = SchemaBuilder.Map(Schema.Int32, Schema.Int32).Optional().Build();
        var target = SchemaBuilder.Map(Schema.Int32, Schema.Int32).DefaultValue(new Dictionary<object, object?> { [1] = 2 }).Build();
        SchemaProjector.Project(source, new Dictionary<int, int> { [3] = 4 }, target).ShouldBeValue(new Dictionary<object, object?> { [3] = 4 });
        SchemaProjector.Project(source, null, target).ShouldBeValue(new Dictionary<object, object?> { [1] = 2 });

        var promoted = SchemaBuilder.Map(Schema.Int64, Schema.Float32).DefaultValue(new Dictionary<object, object?> { [3L] = 4.5f }).Build();
        var projected = SchemaProjector.Project(source, new Dictionary<int, int> { [3] = 4 }, promoted);
        projected.Should().BeOfType<Dictionary<object, object?>>();
        projected.ShouldBeValue(new Dictionary<object, object?> { [3L] = 4f });
        SchemaProjector.Project(source, null, promoted).ShouldBeValue(new Dictionary<object, object?> { [3L] = 4.5f });

        FluentActions.Invoking(() => SchemaProjector.Project(source, null, SchemaBuilder.Map(Schema.Int32, Schema.Int32).Build()))
            .Should().Throw<SchemaProjectorException>();
        FluentActions.Invoking(() => SchemaProjector.Project(source, null, SchemaBuilder.Map(Schema.Boolean, Schema.String).Build()))
            .Should().Throw<SchemaProjectorException>().WithMessage("Writer schema is optional*");
        var required = SchemaBuilder.Map(Schema.Int32, Schema.Int32).Build();
        FluentActions.Invoking(() => SchemaProjector.Project(required, new Dictionary<int, int> { [3] = 4 }, SchemaBuilder.Map(Schema.Boolean, Schema.String).Build()))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Schema type mismatch. source type: INT32 and target type: BOOLEAN");
    }

    [Fact]
    public void Project_ValueNotMatchingSourceSchema_Throws()
    {
        var structSchema = SchemaBuilder.Struct().Build();
        FluentActions.Invoking(() => SchemaProjector.Project(structSchema, "not a struct", structSchema))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Value of type System.String does not match source schema Schema{STRUCT}");
        var arraySchema = SchemaBuilder.Array(Schema.Int32).Build();
        FluentActions.Invoking(() => SchemaProjector.Project(arraySchema, 5, arraySchema)).Should().Throw<SchemaProjectorException>();
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.Int8, 1000, Schema.Int8))
            .Should().Throw<SchemaProjectorException>()
            .Which.Message.Should().Be("Value 1000 (System.Int32) does not fit target type INT8");
    }

    [Fact]
    public void Project_NullSchemas_Throw()
    {
        FluentActions.Invoking(() => SchemaProjector.Project(null!, 1, Schema.Int32)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SchemaProjector.Project(Schema.Int32, 1, null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Project_ResultsAreNewCollections()
    {
        var schema = SchemaBuilder.Array(Schema.String).Build();
        var list = new List<string> { "a" };
        var projected = (IList)SchemaProjector.Project(schema, list, schema)!;
        projected.Should().NotBeSameAs(list);
        projected.Should().BeOfType<List<object?>>();
    }
}
