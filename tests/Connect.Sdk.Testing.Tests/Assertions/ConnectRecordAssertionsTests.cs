using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Records;
using Xunit.Sdk;

namespace Connect.Sdk.Testing.Tests.Assertions;

public class ConnectRecordAssertionsTests
{
    private static readonly ConnectRecord Order = new SinkRecordBuilder("orders")
        .Key(7)
        .Value(new { id = 42, customer = new { name = "Ada" } })
        .Header("source", "web")
        .Build();

    [Fact]
    public void Passing_AssertionsChain()
    {
        Order.Should().HaveTopic("orders")
            .And.HaveKey(7)
            .And.HaveValueField("id", 42)
            .And.HaveValueField("customer.name", "Ada")
            .And.HaveValueField("customer", new { name = "Ada" })
            .And.HaveValue(new { id = 42, customer = new { name = "Ada" } })
            .And.HaveHeader("source")
            .And.HaveHeader("source", "web");
    }

    [Fact]
    public void HaveValueField_WrongValue_SaysExpectedAndFoundWithTypes()
    {
        var act = () => Order.Should().HaveValueField("id", 42L, "ids are {0}", "longs");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected record to have value field \"id\" equal to 42 (Int64) because ids are longs, but found 42 (Int32).");
    }

    [Fact]
    public void HaveValueField_MissingField_ListsTheFields()
    {
        var act = () => Order.Should().HaveValueField("total", 1);

        act.Should().Throw<XunitException>().WithMessage(
            "Expected record to have value field \"total\" equal to 1 (Int32), but value has no field \"total\"; its fields are \"id\", \"customer\".");
    }

    [Fact]
    public void HaveValueField_NestedMissingField_NamesWhereItStopped()
    {
        var act = () => Order.Should().HaveValueField("customer.email", "a@b");

        act.Should().Throw<XunitException>().WithMessage(
            "Expected record to have value field \"customer.email\" equal to \"a@b\" (String), but field \"customer\" has no field \"email\"; its fields are \"name\".");
    }

    [Fact]
    public void HaveValueField_PrimitiveValue_SaysItIsNotAStruct()
    {
        var record = new SinkRecordBuilder().Value("text").Build();

        record.Invoking(r => r.Should().HaveValueField("id", 1)).Should().Throw<XunitException>().WithMessage(
            "Expected record to have value field \"id\" equal to 1 (Int32), but value is a String (text), not a struct or map.");
    }

    [Fact]
    public void HaveValueField_SchemalessMap_IsSupported()
    {
        var record = new SinkRecordBuilder().Value(null, new Dictionary<string, object?> { ["id"] = 3L }).Build();

        record.Should().HaveValueField("id", 3L);
    }

    [Fact]
    public void HaveKey_Mismatch_SaysBoth()
    {
        Order.Invoking(r => r.Should().HaveKey("7")).Should().Throw<XunitException>()
            .WithMessage("Expected record to have key \"7\" (String), but found 7 (Int32).");
    }

    [Fact]
    public void HaveTopic_Mismatch_SaysBoth()
    {
        Order.Invoking(r => r.Should().HaveTopic("payments")).Should().Throw<XunitException>()
            .WithMessage("Expected record to have topic \"payments\" (String), but found \"orders\" (String).");
    }

    [Fact]
    public void HaveHeader_Missing_ListsTheHeaders()
    {
        Order.Invoking(r => r.Should().HaveHeader("trace")).Should().Throw<XunitException>()
            .WithMessage("Expected record to have header \"trace\", but its headers are \"source\".");
        Order.Invoking(r => r.Should().HaveHeader("source", "app")).Should().Throw<XunitException>()
            .WithMessage("Expected record to have header \"source\" with value \"app\" (String), but found \"web\" (String).");
    }

    [Fact]
    public void BeTombstone_WithValue_ShowsTheValue()
    {
        new SinkRecordBuilder().Tombstone().Build().Should().BeTombstone();
        Order.Invoking(r => r.Should().BeTombstone()).Should().Throw<XunitException>()
            .WithMessage("Expected record to be a tombstone (a null value), but its value is Struct{id=42,customer=Struct{name=Ada}}.");
    }

    [Fact]
    public void HaveValueSchemaNamed_ChecksTheName()
    {
        var schema = SchemaBuilder.Struct().Name("shop.Order").Field("id", Schema.Int32).Build();
        var named = new SinkRecordBuilder().Value(schema, new Struct(schema).Put("id", 1)).Build();

        named.Should().HaveValueSchemaNamed("shop.Order");
        Order.Invoking(r => r.Should().HaveValueSchemaNamed("shop.Order")).Should().Throw<XunitException>()
            .WithMessage("Expected record to have a value schema named \"shop.Order\" (String), but found an unnamed Struct schema.");
    }

    [Fact]
    public void NullRecord_Fails()
    {
        ConnectRecord? missing = null;

        FluentActions.Invoking(() => missing.Should().HaveTopic("t")).Should().Throw<XunitException>()
            .WithMessage("Expected record to have topic \"t\" (String), but the record is <null>.");
    }
}

public class StructAssertionsTests
{
    private static readonly Schema PersonSchema = SchemaBuilder.Struct().Field("name", Schema.String).Field("age", Schema.OptionalInt32).Build();

    [Fact]
    public void HaveField_AndBeValid_Pass()
    {
        var person = new Struct(PersonSchema).Put("name", "Ada").Put("age", 36);

        person.Should().HaveField("name").And.HaveField("age", 36).And.BeValid();
    }

    [Fact]
    public void BeValid_RequiredFieldMissing_ShowsTheValidationError()
    {
        var person = new Struct(PersonSchema);

        person.Invoking(p => p.Should().BeValid()).Should().Throw<XunitException>()
            .WithMessage("Expected struct to be valid for its schema, but validation failed: Invalid value: null used for required field: \"name\", schema type: String.");
    }

    [Fact]
    public void HaveField_Missing_ListsTheFields()
    {
        new Struct(PersonSchema).Invoking(p => p.Should().HaveField("email")).Should().Throw<XunitException>()
            .WithMessage("Expected struct to have field \"email\", but the struct has no field \"email\"; its fields are \"name\", \"age\".");
    }
}
