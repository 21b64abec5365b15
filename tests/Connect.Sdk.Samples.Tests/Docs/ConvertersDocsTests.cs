using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connect.Sdk.Avro;
using Connect.Sdk.Avro.SchemaRegistry;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Json;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Samples.Twitter;
using Connect.Sdk.TestSupport;
using Xunit.Abstractions;

namespace Connect.Sdk.Samples.Tests.Docs;

/// <summary>
/// Checks docs/converters.md: its JSON and Avro examples are what the converters write, its table of class names
/// resolves to the .NET types it names, and its configuration examples configure the converters.
/// </summary>
public class ConvertersDocsTests(ITestOutputHelper output)
{
    private const string Page = "converters.md";

    private static readonly Lazy<PluginRegistry> Plugins = new(PluginRegistry.FromApplication);

    /// <summary>The record of the JSON examples, as the page describes it.</summary>
    private static readonly Schema OrderSchema = SchemaBuilder.Struct()
        .Name("com.example.Order")
        .Field("id", Schema.Int64)
        .Field("amount", ConnectDecimal.Schema(2))
        .Field("note", Schema.OptionalString)
        .Build();

    private static readonly Struct Order = new Struct(OrderSchema).Put("id", 42L).Put("amount", 19.99m).Put("note", null);

    [Theory]
    [InlineData("json-envelope", "schemas.enable=true")]
    [InlineData("json-plain", "schemas.enable=false")]
    [InlineData("json-numeric", "schemas.enable=false", "decimal.format=NUMERIC")]
    public void JsonExamples_AreWhatJsonConverterWrites(string example, params string[] settings)
    {
        var converter = new JsonConverter();
        converter.Configure(settings.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]), isKey: false);

        var written = Encoding.UTF8.GetString(converter.FromConnectData("orders", null, OrderSchema, Order)!);

        output.WriteLine(written);
        written.Should().Be(Block(example, "json").Trim());
        converter.ToConnectData("orders", null, Encoding.UTF8.GetBytes(written)).Should().NotBeNull();
    }

    [Fact]
    public void AvroExamples_AreTheRegisteredSchemaAndTheWireBytes()
    {
        var registry = new OneSchemaRegistry();
        var converter = new AvroConverter(registry);
        converter.Configure(new Dictionary<string, string>(), isKey: true);
        var key = new Struct(StatusSchemas.StatusKey).Put(StatusSchemas.IdField, 1234L);

        var bytes = converter.FromConnectData("twitter", null, StatusSchemas.StatusKey, key)!;

        output.WriteLine(registry.Subject + " " + registry.Schema + " " + Convert.ToHexString(bytes));
        registry.Subject.Should().Be("twitter-key");
        Canonical(registry.Schema!).Should().Be(Canonical(Block("avro-schema", "json")));
        string.Join(' ', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))).Should().Be(Block("avro-bytes", "text").Trim());
        converter.ToConnectData("twitter", null, bytes).Value.Should().Be(key);
    }

    [Fact]
    public void AvroSettingsExample_ConfiguresTheConverter()
    {
        var props = ConfigurationExamplesTests.Example(Page, "avro-settings");
        var converter = new AvroConverter();

        foreach (var prefix in new[] { "key.converter.", "value.converter." })
        {
            props[prefix[..^1]].Should().Be("io.confluent.connect.avro.AvroConverter");
            Plugins.Value.Resolve(props[prefix[..^1]], PluginType.Converter).Type.Should().Be(typeof(AvroConverter));
            var settings = props.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value);
            converter.Configure(settings, isKey: prefix == "key.converter.");
        }
    }

    [Fact]
    public void ClassNameTable_ResolvesToTheNamedTypes()
    {
        var rows = Regex.Matches(File.ReadAllText(RepositoryFiles.DocsPage(Page)), @"^\| `(?<java>[a-z][\w.$]+)` \| (?<dotnet>[^|]+) \| (?<kinds>[^|]+) \|", RegexOptions.Multiline);
        rows.Should().HaveCountGreaterThan(10);
        foreach (Match row in rows)
        {
            var java = row.Groups["java"].Value;
            var dotnet = row.Groups["dotnet"].Value.Trim();
            var kinds = row.Groups["kinds"].Value.Trim();
            if (dotnet == "not available")
            {
                var resolve = () => Plugins.Value.Resolve(java, PluginType.Converter, PluginType.HeaderConverter);
                resolve.Should().Throw<ConnectException>($"{java} is listed as not available");
                continue;
            }

            var typeName = dotnet.Trim('`');
            foreach (var kind in kinds.Split(", "))
            {
                var pluginType = kind switch
                {
                    "key/value" => PluginType.Converter,
                    "header" => PluginType.HeaderConverter,
                    _ => throw new InvalidOperationException($"Unknown kind '{kind}' in the row of {java}"),
                };
                Plugins.Value.Resolve(java, pluginType).Type.FullName.Should().Be(typeName, $"{java} resolves as a {kind} converter");
            }

            var others = new[] { PluginType.Converter, PluginType.HeaderConverter }.Except(kinds.Split(", ").Select(k => k == "header" ? PluginType.HeaderConverter : PluginType.Converter));
            foreach (var other in others)
            {
                var resolve = () => Plugins.Value.Resolve(java, other);
                resolve.Should().Throw<ConnectException>($"the page says {java} is not a {other}");
            }
        }
    }

    private static string Block(string name, string language)
    {
        var text = File.ReadAllText(RepositoryFiles.DocsPage(Page)).ReplaceLineEndings("\n");
        var match = Regex.Match(text, $@"<!-- example: {Regex.Escape(name)} -->\n```{language}\n(?<body>.*?)```", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"docs/{Page} has the {language} block '{name}'");
        return match.Groups["body"].Value;
    }

    private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    /// <summary>A registry that assigns id 1 to the first schema registered and remembers it.</summary>
    private sealed class OneSchemaRegistry : ISchemaRegistryClient
    {
        public string? Subject { get; private set; }

        public string? Schema { get; private set; }

        public ValueTask<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
        {
            Subject = subject;
            Schema = schema;
            return ValueTask.FromResult(1);
        }

        public ValueTask<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RegisteredSchema(id, Schema!));

        public ValueTask<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RegisteredSchema(1, Schema!, subject, 1));

        public ValueTask<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new RegisteredSchema(1, schema, subject, 1));

        public ValueTask<bool> TestCompatibilityAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(true);
    }
}
