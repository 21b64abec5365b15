using System.Text;
using Connect.Sdk.Data;

namespace Connect.Sdk.Json.Tests.Golden;

/// <summary>Checks every golden case both ways: the exact bytes written, and the schema and value read back.</summary>
public class GoldenCorpusTests
{
    private const string Topic = "topic";

    public static TheoryData<string> Writable => new(GoldenCorpus.All()
        .Where(c => c.Direction != GoldenDirection.ReadOnly).Select(c => c.Name));

    public static TheoryData<string> Readable => new(GoldenCorpus.All()
        .Where(c => c.Direction != GoldenDirection.WriteOnly).Select(c => c.Name));

    private static JsonConverter ConverterFor(GoldenCase golden)
    {
        var converter = new JsonConverter();
        converter.Configure(golden.Settings, isKey: false);
        return converter;
    }

    [Theory]
    [MemberData(nameof(Writable))]
    public void Serialize_WritesTheExpectedBytes(string name)
    {
        var golden = GoldenCorpus.Cases[name];

        var bytes = ConverterFor(golden).FromConnectData(Topic, null, golden.Schema, golden.Value);

        if (golden.Json is null)
        {
            bytes.Should().BeNull();
        }
        else
        {
            Encoding.UTF8.GetString(bytes!).Should().Be(golden.Json);
            bytes.Should().Equal(Encoding.UTF8.GetBytes(golden.Json));
        }
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Deserialize_GivesTheSchemaAndValue(string name)
    {
        var golden = GoldenCorpus.Cases[name];
        var expected = golden.ReadBack ?? (golden.Schema is null && golden.Value is null
            ? SchemaAndValue.Null
            : new SchemaAndValue(golden.Schema, golden.Value));

        var result = ConverterFor(golden).ToConnectData(Topic, null, golden.Json is null ? null : Encoding.UTF8.GetBytes(golden.Json));

        result.Schema.Should().Be(expected.Schema);
        ConnectValueComparer.Instance.Equals(result.Value, expected.Value)
            .Should().BeTrue($"reading {golden.Json} should give {expected.Value} but gave {result.Value}");
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void Deserialize_Twice_GivesTheSameSchemaAndValue(string name)
    {
        // The second read of an envelope recognizes its schema member without tokenizing it again.
        var golden = GoldenCorpus.Cases[name];
        var bytes = golden.Json is null ? null : Encoding.UTF8.GetBytes(golden.Json);
        var converter = ConverterFor(golden);

        var first = converter.ToConnectData(Topic, null, bytes);
        var second = converter.ToConnectData(Topic, null, bytes);

        second.Schema.Should().Be(first.Schema);
        ConnectValueComparer.Instance.Equals(second.Value, first.Value).Should().BeTrue($"reading {golden.Json} twice should give the same value");
    }

    [Fact]
    public void Readme_ListsEveryCaseWithItsSource()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "README.md"));

        foreach (var golden in GoldenCorpus.All())
        {
            readme.Should().Contain($"| `{golden.Name}` |", "every case is documented");
        }
    }

    [Fact]
    public void Corpus_CoversEveryTypeAndLogicalType()
    {
        var schemas = GoldenCorpus.All().Select(c => c.Schema).OfType<Schema>().SelectMany(Flatten).ToList();

        schemas.Select(s => s.Type).Distinct().Should().BeEquivalentTo(Enum.GetValues<SchemaType>());
        schemas.Select(s => s.Name).Should().Contain(
            [ConnectDecimal.LogicalName, ConnectDate.LogicalName, ConnectTime.LogicalName, ConnectTimestamp.LogicalName]);
        GoldenCorpus.All().Select(c => c.Name).Should().OnlyHaveUniqueItems();
    }

    private static IEnumerable<Schema> Flatten(Schema schema)
    {
        yield return schema;
        var children = schema.Type switch
        {
            SchemaType.Struct => schema.Fields.Select(f => f.Schema),
            SchemaType.Array => [schema.ValueSchema],
            SchemaType.Map => [schema.KeySchema, schema.ValueSchema],
            _ => [],
        };
        foreach (var child in children.SelectMany(Flatten))
        {
            yield return child;
        }
    }
}
