using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Json;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Samples.Tests.Docs;

/// <summary>Checks the properties examples of docs/configuration.md (the blocks marked <c>&lt;!-- example: name --&gt;</c>).</summary>
public class ConfigurationExamplesTests
{
    private static readonly Lazy<PluginRegistry> Plugins = new(PluginRegistry.FromApplication);

    [Fact]
    public void ConfigProviders_ResolveTheFileAndEnvironmentPlaceholders()
    {
        var folder = Directory.CreateTempSubdirectory("connect-sdk-doc-secrets-").FullName;
        try
        {
            // The page's folder /etc/connect/secrets becomes a temporary one; everything else is as written.
            var worker = Example("configuration.md", "worker-providers", ("/etc/connect/secrets", folder));
            var connector = Example("configuration.md", "connector-placeholders", ("/etc/connect/secrets", folder));
            File.WriteAllText(Path.Combine(folder, "shop.properties"), "user=shop_app\npassword=unused\n");
            Environment.SetEnvironmentVariable("SHOP_DB_PASSWORD", "from-the-environment");
            var transformer = ConfigTransformer.FromWorkerConfig(worker);

            var resolved = transformer.Transform(connector);

            resolved["connection.user"].Should().Be("shop_app");
            resolved["connection.password"].Should().Be("from-the-environment");
            var outsideAllowlist = () => transformer.Transform(new Dictionary<string, string> { ["x"] = "${env:PATH}" });
            outsideAllowlist.Should().Throw<ConnectException>().WithMessage("The config provider 'env' has no value for key 'PATH'*");
            var outsideAllowedPaths = () => transformer.Transform(new Dictionary<string, string> { ["x"] = "${file:/etc/hostname:x}" });
            outsideAllowedPaths.Should().Throw<ConnectException>().WithMessage("*not in the allowed.paths*");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SHOP_DB_PASSWORD", null);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Converters_WorkerDefaultsParse_AndTheConnectorOverrideWritesPlainJson()
    {
        var worker = new WorkerConfig(Example("configuration.md", "worker-converters"));
        var connector = new Dictionary<string, string>(Example("configuration.md", "connector-converters"))
        {
            ["name"] = "orders-file-sink",
            ["connector.class"] = "FileStreamSink",
            ["topics"] = "orders",
        };

        worker.GetClass("value.converter").Should().Be("org.apache.kafka.connect.json.JsonConverter");
        ConnectorConfigValidator.Validate(connector, Plugins.Value, ConfigTransformer.None).ErrorCount.Should().Be(0);
        var converter = new JsonConverter();
        converter.Configure(connector.Where(e => e.Key.StartsWith("value.converter.", StringComparison.Ordinal))
            .ToDictionary(e => e.Key["value.converter.".Length..], e => e.Value), isKey: false);
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Build();
        Encoding.UTF8.GetString(converter.FromConnectData("orders", null, schema, new Struct(schema).Put("id", 7L))!).Should().Be("""{"id":7}""");
    }

    [Fact]
    public void ClientSettings_AreKeysLibrdkafkaAccepts()
    {
        var worker = Example("configuration.md", "worker-clients");
        var connector = Example("configuration.md", "connector-clients");

        BuildProducer(WithoutPrefix(worker, "producer."));
        BuildConsumer(WithoutPrefix(worker, "consumer.").Concat(WithoutPrefix(connector, "consumer.override.")));
        worker.Keys.Concat(connector.Keys).Should().OnlyContain(k => k.StartsWith("producer.", StringComparison.Ordinal) || k.StartsWith("consumer.", StringComparison.Ordinal));
    }

    /// <summary>The properties of the block after <c>&lt;!-- example: name --&gt;</c> on a docs page, parsed as the worker parses files.</summary>
    internal static IReadOnlyDictionary<string, string> Example(string page, string name, params (string From, string To)[] replacements)
    {
        var text = File.ReadAllText(RepositoryFiles.DocsPage(page)).ReplaceLineEndings("\n");
        var match = Regex.Match(text, $@"<!-- example: {Regex.Escape(name)} -->\n```properties\n(?<body>.*?)```", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"docs/{page} has the example '{name}'");
        var body = replacements.Aggregate(match.Groups["body"].Value, (current, r) => current.Replace(r.From, r.To, StringComparison.Ordinal));
        return PropertiesFile.Parse(body, $"docs/{page}#{name}");
    }

    private static IEnumerable<KeyValuePair<string, string>> WithoutPrefix(IReadOnlyDictionary<string, string> props, string prefix) =>
        props.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => KeyValuePair.Create(p.Key[prefix.Length..], p.Value));

    private static void BuildProducer(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var config = new Dictionary<string, string>(settings) { ["bootstrap.servers"] = "127.0.0.1:9" };
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
    }

    private static void BuildConsumer(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var config = new Dictionary<string, string>(settings) { ["bootstrap.servers"] = "127.0.0.1:9", ["group.id"] = "connect-docs" };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
    }
}
