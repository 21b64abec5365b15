using System.Text;
using Connect.Sdk.Avro;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Json;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Distributed;
using Connect.Sdk.Runtime.Rest;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Postgres;
using Connect.Sdk.Samples.Twitter;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Samples.Tests.Docs;

/// <summary>
/// Keeps the reference of docs/configuration.md generated from the ConfigDefs: the worker's (all modes, REST API,
/// distributed mode), the connectors' (every connector, sink connectors), the converters' and the sample connectors'.
/// The test regenerates the section between the markers and fails when it differs; run it with UPDATE_DOCS=1 to
/// rewrite the section.
/// </summary>
public class ConfigurationDocsTests
{
    [Fact]
    public void Reference_MatchesTheConfigDefs() =>
        GeneratedDocsSection.ShouldMatch(
            "configuration.md",
            GenerateReference(),
            "dotnet test tests/Connect.Sdk.Samples.Tests --filter FullyQualifiedName~ConfigurationDocsTests");

    internal static string GenerateReference()
    {
        var text = new StringBuilder();
        text.Append("\n## Reference\n\n");
        text.Append("Generated from the `ConfigDef`s by `ConfigurationDocsTests`. Types, defaults and valid values are the ones the\n");
        text.Append("code checks; an empty Default means the key is required.\n\n");

        text.Append("### Worker\n\n");
        text.Append("Every worker, standalone or distributed (`Connect.Sdk.Runtime.Configuration.WorkerConfig`). Keys starting with\n");
        text.Append("`producer.`, `consumer.` and `admin.` are passed, without the prefix, to the worker's Kafka clients.\n\n");
        text.Append(WorkerConfig.ConfigDef.ToMarkdown()).Append('\n');

        text.Append("### REST API\n\n");
        text.Append("Read from the same worker properties (`Connect.Sdk.Runtime.Rest.RestServerConfig`; `listeners` is above).\n\n");
        text.Append(Without(RestServerConfig.ConfigDef, WorkerConfig.ConfigDef).ToMarkdown()).Append('\n');

        text.Append("### Distributed worker\n\n");
        text.Append("A distributed worker's keys besides the worker keys above (`Connect.Sdk.Runtime.Distributed.DistributedConfig`);\n");
        text.Append("see [distributed mode](distributed.md).\n\n");
        text.Append(Without(DistributedConfig.ConfigDef, WorkerConfig.ConfigDef).ToMarkdown()).Append('\n');

        text.Append("### Connectors\n\n");
        text.Append("Every connector (`ConnectorConfig.CommonDefinition`). The connector's own keys come on top; so do\n");
        text.Append("`transforms.<alias>.*` and `predicates.<alias>.*` ([transforms](transforms.md#reference)) and the converters'\n");
        text.Append("keys with their prefix (below).\n\n");
        text.Append(ConnectorConfig.CommonDefinition.ToMarkdown()).Append('\n');

        text.Append("### Sink connectors\n\n");
        text.Append("Sink connectors add these keys (`ConnectorConfig.SinkDefinition`).\n\n");
        text.Append(Without(ConnectorConfig.SinkDefinition, ConnectorConfig.CommonDefinition).ToMarkdown()).Append('\n');

        text.Append("### Converters\n\n");
        text.Append("A converter's keys are set with the prefix of the converter key, in the worker or the connector config:\n");
        text.Append("`value.converter.schemas.enable=false`, `key.converter.schema.registry.url=…`,\n");
        text.Append("`header.converter.converter.encoding=…`. `converter.type` is set by the runtime (`key`, `value` or `header`).\n");
        text.Append("See [converters](converters.md).\n\n");
        var converters = new (string Title, ConfigDef Definition)[]
        {
            ("JsonConverter (`org.apache.kafka.connect.json.JsonConverter`)", ((IConverter)new JsonConverter()).Config),
            ("AvroConverter (`io.confluent.connect.avro.AvroConverter`)", new AvroConverter().Config),
            ("StringConverter (`org.apache.kafka.connect.storage.StringConverter`)", ((IConverter)new StringConverter()).Config),
        };
        foreach (var (title, definition) in converters)
        {
            text.Append("#### ").Append(title).Append("\n\n").Append(definition.ToMarkdown()).Append('\n');
        }

        IConverter[] withoutSettings = [new ByteArrayConverter(), new BooleanConverter(), new ShortConverter(), new IntegerConverter(), new LongConverter(), new FloatConverter(), new DoubleConverter()];
        withoutSettings.Should().AllSatisfy(c => c.Config.ConfigKeys.Should().BeEmpty($"{c.GetType().Name} is listed as having no settings"));
        ((IHeaderConverter)new SimpleHeaderConverter()).Config.ConfigKeys.Should().BeEmpty();
        text.Append("No settings: ")
            .AppendJoin(", ", withoutSettings.Select(c => "`" + c.GetType().Name + "`").Append("`SimpleHeaderConverter`"))
            .Append(".\n\n");

        text.Append("### Sample connectors\n\n");
        text.Append("The connectors in `samples/` (each sample's README explains them).\n\n");
        Connector[] samples = [new FileStreamSourceConnector(), new FileStreamSinkConnector(), new DatagenSourceConnector(), new TwitterSourceConnector(), new PostgresSinkConnector()];
        foreach (var connector in samples)
        {
            var type = connector.GetType();
            var alias = type.Name[..^"Connector".Length];
            var folder = type.Namespace!;
            text.Append("#### ").Append(alias).Append("\n\n");
            text.Append('`').Append(type.FullName).Append("`, `connector.class=").Append(alias).Append("`; [README](../samples/").Append(folder).Append("/README.md).\n\n");
            text.Append(connector.Config.ToMarkdown()).Append('\n');
        }

        return text.ToString();
    }

    private static ConfigDef Without(ConfigDef definition, ConfigDef shown)
    {
        var rest = new ConfigDef();
        foreach (var key in definition.ConfigKeys.Values.Where(k => !shown.ConfigKeys.ContainsKey(k.Name)))
        {
            rest.Define(key);
        }

        return rest;
    }
}
