using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class StructTests
{
    private static readonly Schema Nested = SchemaBuilder.Struct().Name("com.acme.Address").Field("city", Schema.String).Build();

    private static readonly Schema OrderSchema = SchemaBuilder.Struct()
        .Name("com.acme.Order")
        .Field("i8", Schema.Int8)
        .Field("i16", Schema.Int16)
        .Field("i32", Schema.Int32)
        .Field("i64", Schema.Int64)
        .Field("f32", Schema.Float32)
        .Field("f64", Schema.Float64)
        .Field("flag", Schema.Boolean)
        .Field("text", Schema.String)
        .Field("blob", Schema.Bytes)
        .Field("tags", SchemaBuilder.Array(Schema.String).Build())
        .Field("attrs", SchemaBuilder.Map(Schema.String, Schema.Int32).Build())
        .Field("address", Nested)
        .Field("note", SchemaBuilder.String().Optional().DefaultValue("none").Build())
        .Build();

    private static Struct FullOrder() => new Struct(OrderSchema)
        .Put("i8", (sbyte)1)
        .Put("i16", (short)2)
        .Put("i32", 3)
        .Put("i64", 4L)
        .Put("f32", 5.5f)
        .Put("f64", 6.5)
        .Put("flag", true)
        .Put("text", "hello")
        .Put("blob", new byte[] { 7 })
        .Put("tags", new List<object?> { "a", "b" })
        .Put("attrs", new Dictionary<object, object?> { ["x"] = 1 })
        .Put("address", new Struct(Nested).Put("city", "Oslo"));

    [Fact]
    public void TypedGetters_ReturnWhatWasPut()
    {
        var order = FullOrder();

        order.GetInt8("i8").Should().Be(1);
        order.GetInt16("i16").Should().Be(2);
        order.GetInt32("i32").Should().Be(3);
        order.GetInt64("i64").Should().Be(4);
        order.GetFloat32("f32").Should().Be(5.5f);
        order.GetFloat64("f64").Should().Be(6.5);
        order.GetBoolean("flag").Should().BeTrue();
        order.GetString("text").Should().Be("hello");
        order.GetBytes("blob").Should().Equal(7);
        order.GetArray("tags").Should().BeEquivalentTo(new[] { "a", "b" });
        order.GetMap("attrs")!["x"].Should().Be(1);
        order.GetStruct("address")!.GetString("city").Should().Be("Oslo");
    }

    [Fact]
    public void Get_FieldWithoutValue_ReturnsDefault_GetWithoutDefaultReturnsNull()
    {
        var order = FullOrder();

        order.Get("note").Should().Be("none");
        order.GetWithoutDefault("note").Should().BeNull();
        order.GetWithoutDefault(order.Schema.FindField("note")!).Should().BeNull();
        order.GetWithoutDefault(order.Schema.FindField("i32")!).Should().Be(order.Get("i32"));
    }

    [Fact]
    public void GetWithoutDefault_FieldOfAnotherSchema_ThrowsNamingField()
    {
        var other = SchemaBuilder.Struct().Field("elsewhere", Schema.String).Build();

        var act = () => FullOrder().GetWithoutDefault(other.Fields[0]);

        act.Should().Throw<DataException>().WithMessage("Field \"elsewhere\" is not part of*");
    }

    [Fact]
    public void TypedGetter_OfWrongType_ThrowsNamingFieldAndTypes()
    {
        var act = () => FullOrder().GetString("i32");

        act.Should().Throw<DataException>().WithMessage("Field \"i32\" is not of type String; it is Int32.");
    }

    [Fact]
    public void Put_UnknownField_ThrowsNamingField()
    {
        var act = () => FullOrder().Put("nope", 1);

        act.Should().Throw<DataException>().WithMessage("\"nope\" is not a valid field name of Schema{com.acme.Order:Struct}.");
    }

    [Fact]
    public void Put_ValueOfWrongType_ThrowsNamingField()
    {
        var act = () => new Struct(OrderSchema).Put("i32", "three");

        act.Should().Throw<DataException>()
            .WithMessage("Invalid value for field \"i32\" (schema type Int32): expected System.Int32 but got System.String (three).");
    }

    [Fact]
    public void Put_FieldOfAnotherSchema_Throws()
    {
        var foreign = SchemaBuilder.Struct().Field("i8", Schema.String).Build().Fields[0];

        var act = () => new Struct(OrderSchema).Put(foreign, "x");

        act.Should().Throw<DataException>().WithMessage("*not part of*");
    }

    [Fact]
    public void Validate_MissingRequiredField_ThrowsNamingIt()
    {
        var incomplete = FullOrder();
        var missing = new Struct(OrderSchema);

        incomplete.Invoking(s => s.Validate()).Should().NotThrow();
        missing.Invoking(s => s.Validate()).Should().Throw<DataException>()
            .WithMessage("Invalid value: null used for required field: \"i8\", schema type: Int8.");
    }

    [Fact]
    public void Constructor_NonStructSchema_Throws()
    {
        var act = () => new Struct(Schema.Int32);

        act.Should().Throw<DataException>().WithMessage("Not a struct schema: Schema{Int32}.");
    }

    [Fact]
    public void Equals_SameSchemaAndValues_AreEqual()
    {
        FullOrder().Should().Be(FullOrder());
        FullOrder().GetHashCode().Should().Be(FullOrder().GetHashCode());
        FullOrder().Put("text", "other").Should().NotBe(FullOrder());
    }

    [Fact]
    public void ToString_ListsFieldsWithValues()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("name", Schema.OptionalString)
            .Field("score", Schema.Float64).Build();

        new Struct(schema).Put("id", 1).Put("score", 1.5).ToString().Should().Be("Struct{id=1,score=1.5}");
    }
}
