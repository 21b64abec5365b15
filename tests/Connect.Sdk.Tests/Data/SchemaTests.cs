using System.Collections;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class SchemaTests
{
    public static TheoryData<Schema, object> ValidPrimitiveValues => new()
    {
        { Schema.Int8, (sbyte)-128 },
        { Schema.Int16, short.MaxValue },
        { Schema.Int32, int.MinValue },
        { Schema.Int64, long.MaxValue },
        { Schema.Float32, 1.5f },
        { Schema.Float64, double.NaN },
        { Schema.Boolean, true },
        { Schema.String, "" },
        { Schema.Bytes, new byte[] { 1, 2 } },
        { Schema.Bytes, new ReadOnlyMemory<byte>([1, 2]) },
    };

    public static TheoryData<Schema, object> InvalidPrimitiveValues => new()
    {
        { Schema.Int8, (byte)1 },
        { Schema.Int16, 1 },
        { Schema.Int32, 1L },
        { Schema.Int64, 1 },
        { Schema.Float32, 1.5d },
        { Schema.Float64, 1.5f },
        { Schema.Boolean, "true" },
        { Schema.String, 'c' },
        { Schema.Bytes, "AQI=" },
    };

    [Theory]
    [MemberData(nameof(ValidPrimitiveValues))]
    public void Validate_MatchingPrimitive_Passes(Schema schema, object value)
    {
        var act = () => schema.Validate(value);

        act.Should().NotThrow();
    }

    [Theory]
    [MemberData(nameof(InvalidPrimitiveValues))]
    public void Validate_WrongClrType_ThrowsNamingExpectedAndActualTypes(Schema schema, object value)
    {
        var act = () => schema.Validate(value);

        act.Should().Throw<DataException>().WithMessage($"*but got {value.GetType().FullName}*");
    }

    [Fact]
    public void Validate_NullForRequired_ThrowsNamingFieldAndType()
    {
        var act = () => Schema.ValidateValue("age", Schema.Int32, null);

        act.Should().Throw<DataException>()
            .WithMessage("Invalid value: null used for required field: \"age\", schema type: Int32.");
    }

    [Fact]
    public void Validate_NullForOptional_Passes()
    {
        var act = () => Schema.OptionalInt32.Validate(null);

        act.Should().NotThrow();
    }

    [Fact]
    public void Validate_ArrayElementOfWrongType_Throws()
    {
        var schema = SchemaBuilder.Array(Schema.Int32).Build();

        var act = () => Schema.ValidateValue("ids", schema, new List<object?> { 1, 2L });

        act.Should().Throw<DataException>().WithMessage("Invalid value for field \"ids\"*expected System.Int32 but got System.Int64*");
    }

    [Fact]
    public void Validate_MapKeysAndValuesAreChecked()
    {
        var schema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();

        schema.Invoking(s => s.Validate(new Dictionary<object, object?> { ["a"] = 1 })).Should().NotThrow();
        schema.Invoking(s => s.Validate(new Dictionary<object, object?> { [1] = 1 })).Should().Throw<DataException>();
        schema.Invoking(s => s.Validate(new Dictionary<object, object?> { ["a"] = null })).Should().Throw<DataException>();
    }

    [Fact]
    public void Validate_StructWithDifferentSchema_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var other = SchemaBuilder.Struct().Field("b", Schema.Int32).Build();

        var act = () => schema.Validate(new Struct(other).Put("b", 1));

        act.Should().Throw<DataException>().WithMessage("*does not match*");
    }

    [Fact]
    public void Validate_LogicalTypes_RequireTheirDotNetTypes()
    {
        ConnectDecimal.Schema(2).Invoking(s => s.Validate(1.5m)).Should().NotThrow();
        ConnectDecimal.Schema(2).Invoking(s => s.Validate(new byte[] { 1 })).Should().Throw<DataException>()
            .WithMessage("*org.apache.kafka.connect.data.Decimal*expected System.Decimal*");
        ConnectDate.Schema.Invoking(s => s.Validate(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))).Should().NotThrow();
        ConnectDate.Schema.Invoking(s => s.Validate(19000)).Should().Throw<DataException>();
        ConnectTimestamp.Schema.Invoking(s => s.Validate(0L)).Should().Throw<DataException>();
    }

    [Fact]
    public void Equals_SameDefinition_AreEqualWithSameHash()
    {
        Schema Make() => SchemaBuilder.Struct().Name("n").Version(1).Doc("d").Parameter("k", "v")
            .Field("a", SchemaBuilder.Array(Schema.Int32).Optional().DefaultValue(new List<object?> { 1 }).Build())
            .Field("b", SchemaBuilder.Map(Schema.String, Schema.Bytes).Build())
            .Build();

        var first = Make();
        var second = Make();

        first.Should().Be(second);
        first.GetHashCode().Should().Be(second.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentInAnyProperty_AreNotEqual()
    {
        var baseSchema = SchemaBuilder.Int32().Name("n").Build();

        baseSchema.Should().NotBe(SchemaBuilder.Int32().Name("m").Build());
        baseSchema.Should().NotBe(SchemaBuilder.Int32().Name("n").Optional().Build());
        baseSchema.Should().NotBe(SchemaBuilder.Int32().Name("n").Version(1).Build());
        baseSchema.Should().NotBe(SchemaBuilder.Int32().Name("n").Doc("x").Build());
        baseSchema.Should().NotBe(SchemaBuilder.Int32().Name("n").Parameter("a", "b").Build());
        baseSchema.Should().NotBe(SchemaBuilder.Int32().Name("n").DefaultValue(1).Build());
        baseSchema.Should().NotBe(SchemaBuilder.Int64().Name("n").Build());
    }

    [Fact]
    public void Equals_BytesDefaults_ComparedByContent()
    {
        var a = SchemaBuilder.Bytes().DefaultValue(new byte[] { 1, 2 }).Build();
        var b = SchemaBuilder.Bytes().DefaultValue(new byte[] { 1, 2 }).Build();

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void StructOnlyMembers_OnOtherTypes_Throw()
    {
        Schema.Int32.Invoking(s => s.Fields).Should().Throw<DataException>().WithMessage("Cannot list fields on non-struct type Int32.");
        Schema.Int32.Invoking(s => s.FindField("a")).Should().Throw<DataException>();
        Schema.Int32.Invoking(s => s.KeySchema).Should().Throw<DataException>().WithMessage("Cannot look up key schema on non-map type Int32.");
        Schema.Int32.Invoking(s => s.ValueSchema).Should().Throw<DataException>();
        SchemaBuilder.Array(Schema.String).Build().ValueSchema.Should().Be(Schema.String);
    }

    [Fact]
    public void ToString_ShowsNameAndType()
    {
        Schema.Int32.ToString().Should().Be("Schema{Int32}");
        SchemaBuilder.Struct().Name("com.acme.Order").Build().ToString().Should().Be("Schema{com.acme.Order:Struct}");
    }

    [Fact]
    public void ForType_ReturnsPredefinedInstances()
    {
        Schema.ForType(SchemaType.String, optional: true).Should().BeSameAs(Schema.OptionalString);
        Schema.ForType(SchemaType.Int8).Should().BeSameAs(Schema.Int8);
        var act = () => Schema.ForType(SchemaType.Struct);
        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(typeof(sbyte), SchemaType.Int8)]
    [InlineData(typeof(long), SchemaType.Int64)]
    [InlineData(typeof(byte[]), SchemaType.Bytes)]
    [InlineData(typeof(List<int>), SchemaType.Array)]
    [InlineData(typeof(Dictionary<string, int>), SchemaType.Map)]
    [InlineData(typeof(Struct), SchemaType.Struct)]
    public void SchemaTypeFor_KnownClrTypes(Type type, SchemaType expected) =>
        Schema.SchemaTypeFor(type).Should().Be(expected);

    [Fact]
    public void SchemaTypeFor_UnknownType_IsNull() => Schema.SchemaTypeFor(typeof(Guid)).Should().BeNull();

    [Theory]
    [InlineData("int8", SchemaType.Int8)]
    [InlineData("FLOAT64", SchemaType.Float64)]
    [InlineData("struct", SchemaType.Struct)]
    public void WireNames_RoundTrip(string name, SchemaType type)
    {
        SchemaTypeExtensions.TryParseWireName(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(type);
        type.ToWireName().Should().Be(name.ToLowerInvariant());
    }

    [Fact]
    public void WireNames_Unknown_IsRejected() =>
        SchemaTypeExtensions.TryParseWireName("decimal", out _).Should().BeFalse();

    [Fact]
    public void ConnectValueComparer_ComparesCollectionsDeeply()
    {
        var comparer = ConnectValueComparer.Instance;
        IList a = new List<object?> { 1, new byte[] { 1 }, new Dictionary<object, object?> { ["k"] = "v" } };
        IList b = new List<object?> { 1, new byte[] { 1 }, new Dictionary<object, object?> { ["k"] = "v" } };

        comparer.Equals(a, b).Should().BeTrue();
        comparer.GetHashCode(a).Should().Be(comparer.GetHashCode(b));
        comparer.Equals(a, new List<object?> { 1 }).Should().BeFalse();
        comparer.Equals(new byte[] { 1 }, new ReadOnlyMemory<byte>([1])).Should().BeTrue();
        comparer.Equals("1", 1).Should().BeFalse();
    }
}
