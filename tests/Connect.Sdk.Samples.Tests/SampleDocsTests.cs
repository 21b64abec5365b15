using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Samples.FileStream;
using Connect.Sdk.Samples.Postgres;
using Connect.Sdk.Samples.Twitter;

namespace Connect.Sdk.Samples.Tests;

/// <summary>Keeps the samples' READMEs and example configs in step with the code.</summary>
public class SampleDocsTests
{
    private const string FileStreamSample = "Connect.Sdk.Samples.FileStream";
    private const string DatagenSample = "Connect.Sdk.Samples.Datagen";
    private const string TwitterSample = "Connect.Sdk.Samples.Twitter";
    private const string PostgresSample = "Connect.Sdk.Samples.Postgres";

    private static readonly Dictionary<string, ConfigDef> Definitions = new()
    {
        ["FileStreamSourceConfig"] = FileStreamSourceConfig.ConfigDef,
        ["FileStreamSinkConfig"] = FileStreamSinkConfig.ConfigDef,
        ["DatagenConfig"] = DatagenConfig.ConfigDef,
        ["TwitterSourceConfig"] = TwitterSourceConfig.ConfigDef,
        ["PostgresSinkConfig"] = PostgresSinkConfig.ConfigDef,
    };

    public static TheoryData<string, string> ConfigTables => new()
    {
        { FileStreamSample, "FileStreamSourceConfig" },
        { FileStreamSample, "FileStreamSinkConfig" },
        { DatagenSample, "DatagenConfig" },
        { TwitterSample, "TwitterSourceConfig" },
        { PostgresSample, "PostgresSinkConfig" },
    };

    public static TheoryData<string, string, Type> ExampleConfigs => new()
    {
        { FileStreamSample, "file-source.properties", typeof(FileStreamSourceConnector) },
        { FileStreamSample, "file-sink.properties", typeof(FileStreamSinkConnector) },
        { DatagenSample, "datagen-orders.properties", typeof(DatagenSourceConnector) },
        { TwitterSample, "twitter-source.properties", typeof(TwitterSourceConnector) },
        { PostgresSample, "postgres-sink.properties", typeof(PostgresSinkConnector) },
    };

    [Theory]
    [MemberData(nameof(ConfigTables))]
    public void Readme_ConfigTable_IsTheConfigDefsMarkdown(string sample, string definition)
    {
        var readme = Read(sample, "README.md");
        var startMarker = $"<!-- config: {definition} -->\n";
        var start = readme.IndexOf(startMarker, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the README has a table for {definition}");
        start += startMarker.Length;
        var end = readme.IndexOf("<!-- /config -->", start, StringComparison.Ordinal);

        readme[start..end].Should().Be(Definitions[definition].ToMarkdown(), "the table is regenerated when the keys change");
    }

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public void Readme_QuotesTheExampleConfigFile(string sample, string file, Type connectorType)
    {
        var readme = Read(sample, "README.md");

        readme.Should().Contain($"`config/{file}`:\n\n```properties\n{Read(sample, "config", file)}```", $"the README shows {file} for {connectorType.Name}");
    }

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public void ExampleConfig_NamesTheConnectorAndIsValid(string sample, string file, Type connectorType)
    {
        var config = ParseProperties(Read(sample, "config", file));
        var connector = (Connector)Activator.CreateInstance(connectorType)!;

        var errors = connector.Validate(config).SelectMany(v => v.ErrorMessages);
        var start = () => connector.Start(config);

        config["connector.class"].Should().BeOneOf(connectorType.Name[..^"Connector".Length], connectorType.Name, connectorType.FullName);
        errors.Should().BeEmpty();
        start.Should().NotThrow();
        connector.TaskConfigs(int.Parse(config["tasks.max"], System.Globalization.CultureInfo.InvariantCulture)).Should().NotBeEmpty();
    }

    private static string Read(params string[] path) =>
        File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "samples", .. path])).ReplaceLineEndings("\n");

    /// <summary>Just the subset of the .properties format the examples use: <c>key=value</c> lines and comments.</summary>
    private static Dictionary<string, string> ParseProperties(string text) =>
        text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] is not ('#' or '!'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
}
