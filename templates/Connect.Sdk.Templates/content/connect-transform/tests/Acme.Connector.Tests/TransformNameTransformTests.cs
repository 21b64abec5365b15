using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Records;

namespace Acme.Connector.Tests;

/// <summary>Unit tests of the transform on records made with the record builders of Connect.Sdk.Testing.</summary>
public class TransformNameTransformTests
{
    private static readonly Schema UserSchema = SchemaBuilder.Struct()
        .Name("acme.connector.test.User")
        .Field("id", Schema.Int64)
        .Field("email", Schema.String)
        .Field("phone", Schema.OptionalString)
        .Build();

    private readonly SinkRecordBuilder _records = new("users");

    [Fact]
    public void Value_ReplacesTheFieldsWithStablePseudonyms_AndKeepsTheRest()
    {
        using var transform = new TransformNameTransform<SinkRecord>.Value();
        transform.Configure(Settings(fields: "email,phone"));
        var record = _records.Value(UserSchema, User(1, "ada@example.com", phone: null)).Build();

        var first = transform.Apply(record)!;
        var again = transform.Apply(record)!;

        var value = (Struct)first.Value!;
        value.Schema.Should().BeSameAs(UserSchema, "the transform keeps the schema");
        value.Should().HaveField("id", 1L).And.HaveField("phone", null!);
        value.GetString("email").Should().MatchRegex("^[0-9a-f]{32}$").And.Be(((Struct)again.Value!).GetString("email"));
        ((Struct)record.Value!).GetString("email").Should().Be("ada@example.com", "records are never changed in place");
    }

    [Fact]
    public void Value_WithAnotherKey_GivesOtherPseudonyms()
    {
        using var one = new TransformNameTransform<SinkRecord>.Value();
        one.Configure(Settings(hmacKey: "one"));
        using var two = new TransformNameTransform<SinkRecord>.Value();
        two.Configure(Settings(hmacKey: "two"));
        var record = _records.Value(UserSchema, User(1, "ada@example.com")).Build();

        Email(one.Apply(record)!).Should().NotBe(Email(two.Apply(record)!));
    }

    [Fact]
    public void Key_PseudonymizesTheKey_OfSourceRecordsToo()
    {
        using var transform = new TransformNameTransform<SourceRecord>.Key();
        transform.Configure(Settings());
        var record = new SourceRecordBuilder("users").Key(UserSchema, User(7, "grace@example.com")).Value("payload").Build();

        var result = transform.Apply(record)!;

        ((Struct)result.Key!).GetString("email").Should().NotBe("grace@example.com").And.HaveLength(32);
        result.Should().HaveValue("payload");
    }

    [Fact]
    public void Value_OfASchemalessMap_IsPseudonymizedToo()
    {
        using var transform = new TransformNameTransform<SinkRecord>.Value();
        transform.Configure(Settings());
        var record = _records.Value(null, new Dictionary<string, object?> { ["email"] = "ada@example.com", ["plan"] = "pro" }).Build();

        var value = (IReadOnlyDictionary<string, object?>)transform.Apply(record)!.Value!;

        value["email"].Should().BeOfType<string>().Which.Should().HaveLength(32);
        value["plan"].Should().Be("pro");
    }

    [Fact]
    public void Tombstone_PassesUnchanged()
    {
        using var transform = new TransformNameTransform<SinkRecord>.Value();
        transform.Configure(Settings());
        var tombstone = _records.Key("user-1").Tombstone().Build();

        transform.Apply(tombstone).Should().BeSameAs(tombstone);
    }

    [Fact]
    public void Value_WhereTheFieldIsNotText_ThrowsDataException()
    {
        using var transform = new TransformNameTransform<SinkRecord>.Value();
        transform.Configure(Settings(fields: "id"));
        var record = _records.Value(UserSchema, User(1, "ada@example.com")).Build();

        transform.Invoking(t => t.Apply(record)).Should().Throw<DataException>().WithMessage("*'id'*Int64*");
    }

    private static Dictionary<string, string> Settings(string fields = "email", string hmacKey = "test-secret") => new()
    {
        [TransformNameConfig.FieldsConfig] = fields,
        [TransformNameConfig.HmacKeyConfig] = hmacKey,
    };

    private static Struct User(long id, string email, string? phone = "+1 555 0100") =>
        new Struct(UserSchema).Put("id", id).Put("email", email).Put("phone", phone);

    private static string? Email(SinkRecord record) => ((Struct)record.Value!).GetString("email");
}
