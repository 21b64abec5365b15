using Connect.Sdk.Data;

namespace Connect.Sdk.Json.Tests.Golden;

/// <summary>Which ways a golden case is checked.</summary>
public enum GoldenDirection
{
    /// <summary>Writing gives exactly <see cref="GoldenCase.Json"/>, and reading it gives the schema and value back.</summary>
    Both,

    /// <summary>Only writing is checked (reading the JSON gives something else, e.g. a schemaless list for a pair map).</summary>
    WriteOnly,

    /// <summary>Only reading is checked: <see cref="GoldenCase.Json"/> is input as Kafka's tests give it (with their whitespace).</summary>
    ReadOnly,
}

/// <summary>One entry of the golden corpus: a schema and value, the exact JSON Kafka's JsonConverter has for them, and where that JSON came from.</summary>
/// <param name="Name">A unique name, listed in Golden/README.md.</param>
/// <param name="Source">Where the expected JSON comes from; see <see cref="Sources"/>.</param>
/// <param name="Schema">The schema, or <see langword="null"/> for schemaless data.</param>
/// <param name="Value">The value.</param>
/// <param name="Json">The JSON text, or <see langword="null"/> for a tombstone.</param>
public sealed record GoldenCase(string Name, string Source, Schema? Schema, object? Value, string? Json)
{
    /// <summary>Converter settings besides the defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Which directions are checked.</summary>
    public GoldenDirection Direction { get; init; } = GoldenDirection.Both;

    /// <summary>What reading <see cref="Json"/> gives when it is not <see cref="Schema"/> and <see cref="Value"/>
    /// (a null replaced by its default, schemaless integers read as longs).</summary>
    public SchemaAndValue? ReadBack { get; init; }

    /// <summary>The settings with schemas disabled.</summary>
    public static IReadOnlyDictionary<string, string> SchemasDisabled { get; } =
        new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "false" };

    /// <summary>The settings with <c>decimal.format=NUMERIC</c>.</summary>
    public static IReadOnlyDictionary<string, string> Numeric { get; } =
        new Dictionary<string, string> { [JsonConverter.DecimalFormatConfig] = "NUMERIC" };

    /// <summary>The settings with <c>replace.null.with.default=false</c>.</summary>
    public static IReadOnlyDictionary<string, string> KeepNulls { get; } =
        new Dictionary<string, string> { [JsonConverter.ReplaceNullWithDefaultConfig] = "false" };

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The kinds of source a golden case's expected JSON has; Golden/README.md explains each.</summary>
public static class Sources
{
    /// <summary>The expected JSON of an assertion in Kafka's JsonConverterTest. Kafka compares parsed trees, so the
    /// text here is that JSON without whitespace and with members in <c>asJsonSchema</c> order.</summary>
    /// <param name="test">The test method.</param>
    /// <returns>The source text.</returns>
    public static string KafkaAssertion(string test) => $"kafka-test-assertion: JsonConverterTest.{test}";

    /// <summary>A JSON input string copied verbatim from Kafka's JsonConverterTest, with the schema and value its
    /// assertion expects.</summary>
    /// <param name="test">The test method.</param>
    /// <returns>The source text.</returns>
    public static string KafkaInput(string test) => $"kafka-test-input: JsonConverterTest.{test}";

    /// <summary>Bytes written by Kafka's JsonConverter in a real deployment, quoted in public material.</summary>
    /// <param name="what">What was captured and where.</param>
    /// <returns>The source text.</returns>
    public static string Captured(string what) => $"captured: {what}";

    /// <summary>Derived from Kafka's JsonConverter source and Jackson's output rules, with no Kafka test to copy.</summary>
    /// <param name="rule">The rules applied.</param>
    /// <returns>The source text.</returns>
    public static string Derived(string rule) => $"derived: {rule}";
}
