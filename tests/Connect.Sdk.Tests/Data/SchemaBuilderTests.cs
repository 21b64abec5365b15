using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Data;

public class SchemaBuilderTests
{
    [Fact]
    public void Build_Struct_KeepsFieldsInOrderWithIndexes()
    {
        var schema = SchemaBuilder.Struct()
            .Name("com.acme.Order")
            .Version(2)
            .Doc("An order")
            .Field("id", Schema.Int64)
            .Field("customer", Schema.OptionalString)
            .Build();

        schema.Type.Should().Be(SchemaType.Struct);
        schema.Name.Should().Be("com.acme.Order");
        schema.Version.Should().Be(2);
        schema.Doc.Should().Be("An order");
        schema.IsOptional.Should().BeFalse();
        schema.Fields.Select(f => (f.Name, f.Index)).Should().Equal(("id", 0), ("customer", 1));
        schema.FindField("customer")!.Schema.Should().Be(Schema.OptionalString);
        schema.FindField("missing").Should().BeNull();
    }

    [Fact]
    public void Name_SetTwice_ThrowsNamingTheProperty()
    {
        var builder = SchemaBuilder.String().Name("a");

        var act = () => builder.Name("b");

        act.Should().Throw<SchemaBuilderException>().WithMessage("Invalid SchemaBuilder call: name has already been set.");
    }

    [Theory]
    [InlineData("optional")]
    [InlineData("version")]
    [InlineData("doc")]
    [InlineData("default")]
    public void Property_SetTwice_Throws(string property)
    {
        var builder = SchemaBuilder.Int32();
        Action setOnce = property switch
        {
            "optional" => () => builder.Optional(),
            "version" => () => builder.Version(1),
            "doc" => () => builder.Doc("x"),
            _ => () => builder.DefaultValue(1),
        };
        setOnce();

        setOnce.Should().Throw<SchemaBuilderException>().WithMessage($"*{property} has already been set*");
    }

    [Fact]
    public void Field_OnNonStruct_Throws()
    {
        var act = () => SchemaBuilder.Int32().Field("x", Schema.Int32);

        act.Should().Throw<SchemaBuilderException>().WithMessage("Cannot create fields on type Int32.");
    }

    [Fact]
    public void Field_DuplicateName_Throws()
    {
        var act = () => SchemaBuilder.Struct().Field("x", Schema.Int32).Field("x", Schema.String);

        act.Should().Throw<SchemaBuilderException>().WithMessage("Cannot create field because of field name duplication x.");
    }

    [Fact]
    public void Field_NullNameOrSchema_Throws()
    {
        var nullName = () => SchemaBuilder.Struct().Field(null!, Schema.Int32);
        var nullSchema = () => SchemaBuilder.Struct().Field("x", (Schema)null!);

        nullName.Should().Throw<SchemaBuilderException>().WithMessage("fieldName cannot be null.");
        nullSchema.Should().Throw<SchemaBuilderException>().WithMessage("fieldSchema for field x cannot be null.");
    }

    [Fact]
    public void ArrayAndMap_NullElementSchemas_Throw()
    {
        var array = () => SchemaBuilder.Array(null!);
        var mapKey = () => SchemaBuilder.Map(null!, Schema.String);
        var mapValue = () => SchemaBuilder.Map(Schema.String, null!);

        array.Should().Throw<SchemaBuilderException>().WithMessage("valueSchema cannot be null.");
        mapKey.Should().Throw<SchemaBuilderException>().WithMessage("keySchema cannot be null.");
        mapValue.Should().Throw<SchemaBuilderException>().WithMessage("valueSchema cannot be null.");
    }

    [Fact]
    public void OfType_ArrayOrMap_ThrowsBecauseElementSchemasAreNeeded()
    {
        var act = () => SchemaBuilder.OfType(SchemaType.Map);

        act.Should().Throw<SchemaBuilderException>().WithMessage("*SchemaBuilder.Map(...)*");
    }

    [Fact]
    public void DefaultValue_OfWrongType_ThrowsWithCause()
    {
        var act = () => SchemaBuilder.Int32().DefaultValue("five");

        act.Should().Throw<SchemaBuilderException>()
            .WithMessage("Invalid default value: *expected System.Int32 but got System.String*")
            .WithInnerException<DataException>();
    }

    [Fact]
    public void DefaultValue_Valid_IsKept()
    {
        var schema = SchemaBuilder.Int32().Optional().DefaultValue(5).Build();

        schema.DefaultValue.Should().Be(5);
        schema.IsOptional.Should().BeTrue();
    }

    [Fact]
    public void DefaultValue_ArrayWithWrongElements_Throws()
    {
        var act = () => SchemaBuilder.Array(Schema.Int32).DefaultValue(new List<object?> { 1, "two" });

        act.Should().Throw<SchemaBuilderException>();
    }

    [Fact]
    public void DefaultValue_StructWithMatchingFields_IsAccepted()
    {
        var shape = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var value = new Struct(shape).Put("a", 1);

        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Optional().DefaultValue(value).Build();

        schema.DefaultValue.Should().Be(value);
    }

    [Fact]
    public void Parameters_AreCopiedAndImmutableAfterBuild()
    {
        var builder = SchemaBuilder.Bytes().Parameter("scale", "2");
        var schema = builder.Build();
        builder.Parameter("other", "x");

        schema.Parameters.Should().Equal(new Dictionary<string, string> { ["scale"] = "2" });
    }

    [Fact]
    public void Parameters_Empty_StillMarksSchemaAsHavingParameters()
    {
        var schema = SchemaBuilder.String().Parameters([]).Build();

        schema.Parameters.Should().NotBeNull().And.BeEmpty();
        SchemaBuilder.String().Build().Parameters.Should().BeNull();
    }

    [Fact]
    public void CopyBasics_CopiesNameVersionDocParametersButNotOptionality()
    {
        var source = SchemaBuilder.Struct().Name("n").Version(3).Doc("d").Parameter("p", "v").Optional()
            .Field("a", Schema.Int32).Build();

        var copy = SchemaBuilder.CopyBasics(source).Build();

        copy.Name.Should().Be("n");
        copy.Version.Should().Be(3);
        copy.Doc.Should().Be("d");
        copy.Parameters.Should().ContainKey("p");
        copy.IsOptional.Should().BeFalse();
        copy.Fields.Should().BeEmpty();
    }

    [Fact]
    public void Field_WithBuilder_BuildsTheFieldSchema()
    {
        var schema = SchemaBuilder.Struct().Field("name", SchemaBuilder.String().Optional()).Build();

        schema.Fields[0].Schema.Should().Be(Schema.OptionalString);
    }
}
