using System.Text;
using Connect.Sdk.Avro.Codec;

namespace Connect.Sdk.Avro.Tests.Codec;

// Inputs, canonical forms and fingerprints are the Apache Avro project's published test vectors
// (share/test/data/schema-tests.txt, which every Avro implementation tests its Parsing Canonical Form and
// CRC-64-AVRO fingerprint against).
public class CanonicalFormTests
{
    public static TheoryData<string, string, long> SpecVectors => new()
    {
        { "\"null\"", "\"null\"", 7195948357588979594 },
        { "{\"type\":\"null\"}", "\"null\"", 7195948357588979594 },
        { "\"boolean\"", "\"boolean\"", -6970731678124411036 },
        { "{\"type\":\"boolean\"}", "\"boolean\"", -6970731678124411036 },
        { "\"int\"", "\"int\"", 8247732601305521295 },
        { "{\"type\":\"int\"}", "\"int\"", 8247732601305521295 },
        { "\"long\"", "\"long\"", -3434872931120570953 },
        { "{\"type\":\"long\"}", "\"long\"", -3434872931120570953 },
        { "\"float\"", "\"float\"", 5583340709985441680 },
        { "{\"type\":\"float\"}", "\"float\"", 5583340709985441680 },
        { "\"double\"", "\"double\"", -8181574048448539266 },
        { "{\"type\":\"double\"}", "\"double\"", -8181574048448539266 },
        { "\"bytes\"", "\"bytes\"", 5746618253357095269 },
        { "{\"type\":\"bytes\"}", "\"bytes\"", 5746618253357095269 },
        { "\"string\"", "\"string\"", -8142146995180207161 },
        { "{\"type\":\"string\"}", "\"string\"", -8142146995180207161 },
        { "[  ]", "[]", -1241056759729112623 },
        { "[ \"int\"  ]", "[\"int\"]", -5232228896498058493 },
        { "[ \"int\" , {\"type\":\"boolean\"} ]", "[\"int\",\"boolean\"]", 5392556393470105090 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"namespace\":\"x.y\"}", "{\"name\":\"x.y.foo\",\"type\":\"record\",\"fields\":[]}", 5916914534497305771 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"a.b.foo\", \"namespace\":\"x.y\"}", "{\"name\":\"a.b.foo\",\"type\":\"record\",\"fields\":[]}", -4616218487480524110 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"Useful info\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[], \"type\":\"record\", \"name\":\"foo\", \"doc\":\"foo\", \"aliases\":[\"foo\",\"bar\"]}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[]}", -4824392279771201922 },
        { "{\"fields\":[{\"type\":{\"type\":\"boolean\"}, \"name\":\"f1\"}], \"type\":\"record\", \"name\":\"foo\"}", "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"}]}", 7843277075252814651 },
        {
            "{ \"fields\":[{\"type\":\"boolean\", \"aliases\":[], \"name\":\"f1\", \"default\":true},\n{\"order\":\"descending\",\"name\":\"f2\",\"doc\":\"Hello\",\"type\":\"int\"}],\"type\":\"record\", \"name\":\"foo\"}",
            "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"},{\"name\":\"f2\",\"type\":\"int\"}]}",
            -4860222112080293046
        },
        { "{\"type\":\"enum\", \"name\":\"foo\", \"symbols\":[\"A1\"]}", "{\"name\":\"foo\",\"type\":\"enum\",\"symbols\":[\"A1\"]}", -6342190197741309591 },
        { "{\"namespace\":\"x.y.z\", \"type\":\"enum\", \"name\":\"foo\", \"doc\":\"foo bar\", \"symbols\":[\"A1\", \"A2\"]}", "{\"name\":\"x.y.z.foo\",\"type\":\"enum\",\"symbols\":[\"A1\",\"A2\"]}", -4448647247586288245 },
        { "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", "{\"name\":\"foo\",\"type\":\"fixed\",\"size\":15}", 1756455273707447556 },
        { "{\"namespace\":\"x.y.z\", \"type\":\"fixed\", \"name\":\"foo\", \"doc\":\"foo bar\", \"size\":32}", "{\"name\":\"x.y.z.foo\",\"type\":\"fixed\",\"size\":32}", -3064184465700546786 },
        { "{ \"items\":{\"type\":\"null\"}, \"type\":\"array\"}", "{\"type\":\"array\",\"items\":\"null\"}", -589620603366471059 },
        { "{ \"values\":\"string\", \"type\":\"map\"}", "{\"type\":\"map\",\"values\":\"string\"}", -8732877298790414990 },
        {
            "{\"name\":\"PigValue\",\"type\":\"record\",\n   \"fields\":[{\"name\":\"value\", \"type\":[\"null\", \"int\", \"long\", \"PigValue\"]}]}",
            "{\"name\":\"PigValue\",\"type\":\"record\",\"fields\":[{\"name\":\"value\",\"type\":[\"null\",\"int\",\"long\",\"PigValue\"]}]}",
            -1759257747318642341
        },
    };

    [Theory]
    [MemberData(nameof(SpecVectors))]
    public void CanonicalForm_SpecVector_MatchesPublishedFormAndFingerprint(string input, string canonical, long fingerprint)
    {
        var schema = AvroSchemaParser.Parse(input);

        AvroSchemaWriter.ToCanonicalForm(schema).Should().Be(canonical);
        AvroFingerprint.Of(schema).Should().Be(fingerprint);
    }

    [Fact]
    public void Fingerprint_OfEmptyInput_IsThePolynomial()
    {
        unchecked((ulong)AvroFingerprint.Compute([])).Should().Be(0xc15d213aa4d7a795UL);
    }

    [Fact]
    public void CanonicalForm_StripsLogicalTypesAndProperties()
    {
        var schema = AvroSchemaParser.Parse("""{"type":"bytes","logicalType":"decimal","precision":4,"scale":2,"connect.name":"x"}""");
        AvroSchemaWriter.ToCanonicalForm(schema).Should().Be("\"bytes\"");
    }

    [Fact]
    public void CanonicalForm_QuotedFixedSize_BecomesInteger()
    {
        var schema = AvroSchemaParser.Parse("""{"type":"fixed","name":"f","size":"016"}""");
        AvroSchemaWriter.ToCanonicalForm(schema).Should().Be("{\"name\":\"f\",\"type\":\"fixed\",\"size\":16}");
    }

    [Fact]
    public void CanonicalForm_NestedReferences_UseFullNames()
    {
        var schema = AvroSchemaParser.Parse("""
            {"type":"record","name":"R","namespace":"n","fields":[
              {"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"b","type":{"type":"array","items":"E"}}]}
            """);
        AvroSchemaWriter.ToCanonicalForm(schema).Should().Be(
            "{\"name\":\"n.R\",\"type\":\"record\",\"fields\":[{\"name\":\"a\",\"type\":{\"name\":\"n.E\",\"type\":\"enum\",\"symbols\":[\"X\"]}},{\"name\":\"b\",\"type\":{\"type\":\"array\",\"items\":\"n.E\"}}]}");
        AvroFingerprint.Of(schema).Should().Be(AvroFingerprint.Compute(Encoding.UTF8.GetBytes(AvroSchemaWriter.ToCanonicalForm(schema))));
    }
}
