using Connect.Sdk.Runtime.Rest.Tests.Support;

namespace Connect.Sdk.Runtime.Rest.Tests;

[Collection(WorkerCollection.Name)]
public class PluginsApiTests(WorkerFixture fixture)
{
    private static readonly string SourceClass = typeof(RestTestSourceConnector).FullName!;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task List_ConnectorsOnlyByDefault_SinksFirst()
    {
        var (status, body) = await Http.GetJsonAsync("/connector-plugins");
        var plugins = body!.AsArray();

        status.Should().Be(200);
        plugins.Select(p => (string)p!["type"]!).Should().OnlyContain(t => t == "source" || t == "sink");
        plugins.Select(p => (string)p!["type"]!).Should().BeInAscendingOrder(StringComparer.Ordinal, "Kafka lists sinks before sources");
        var source = plugins.Single(p => (string?)p!["class"] == SourceClass)!;
        source["type"]!.GetValue<string>().Should().Be("source");
        source["version"]!.GetValue<string>().Should().Be("2.1.0");
        plugins.Should().Contain(p => (string?)p!["class"] == typeof(RestTestSinkConnector).FullName && (string?)p!["type"] == "sink");
    }

    [Fact]
    public async Task List_AllPlugins_IncludesConvertersAndHeaderConverters()
    {
        var plugins = (await Http.GetJsonAsync("/connector-plugins?connectorsOnly=false")).Body!.AsArray();

        plugins.Should().Contain(p => (string?)p!["class"] == "Connect.Sdk.Converters.StringConverter" && (string?)p!["type"] == "converter");
        plugins.Should().Contain(p => (string?)p!["class"] == "Connect.Sdk.Converters.StringConverter" && (string?)p!["type"] == "header_converter");
        plugins.Should().Contain(p => (string?)p!["class"] == SourceClass);
        var types = plugins.Select(p => (string)p!["type"]!).Distinct().ToList();
        types.Should().ContainInOrder("sink", "source", "converter", "header_converter");
    }

    [Fact]
    public async Task PluginConfig_ListsThePluginsKeysThenTheFrameworkKeys()
    {
        var (status, body) = await Http.GetJsonAsync($"/connector-plugins/{SourceClass}/config");
        var keys = body!.AsArray();

        status.Should().Be(200);
        keys.Select(k => (string)k!["name"]!).Take(2).Should().Equal("topic", "secret");
        keys.Select(k => (string)k!["name"]!).Should().Contain(["name", "connector.class", "tasks.max", "errors.tolerance"]);
        var topic = keys[0]!;
        topic["type"]!.GetValue<string>().Should().Be("STRING");
        topic["required"]!.GetValue<bool>().Should().BeTrue();
        topic["default_value"].Should().BeNull();
        topic["importance"]!.GetValue<string>().Should().Be("HIGH");
        topic["group"]!.GetValue<string>().Should().Be("Source");
        topic["order"]!.GetValue<int>().Should().Be(1);
        topic["width"]!.GetValue<string>().Should().Be("LONG");
        topic["display_name"]!.GetValue<string>().Should().Be("Topic");
        keys[1]!["type"]!.GetValue<string>().Should().Be("PASSWORD");
        (await Http.GetJsonAsync("/connector-plugins/RestTestSourceConnector/config")).Status.Should().Be(200, "the simple name is an alias");
        (await Http.GetJsonAsync("/connector-plugins/RestTestSink/config")).Body!.AsArray()
            .Select(k => (string)k!["name"]!).Should().Contain(["batch.label", "topics", "topics.regex"]);
        (await Http.GetJsonAsync("/connector-plugins/org.apache.kafka.connect.storage.StringConverter/config")).Status.Should().Be(200);
    }

    [Fact]
    public async Task PluginConfig_UnknownPlugin_Answers404()
    {
        var (status, body) = await Http.GetJsonAsync("/connector-plugins/com.example.Nothing/config");

        status.Should().Be(404);
        body!.ToJsonString().Should().Be("""{"error_code":404,"message":"Unknown plugin com.example.Nothing."}""");
    }

    [Fact]
    public async Task Validate_ValidConfig_NoErrors_PasswordHidden()
    {
        var (status, body) = await Http.PutJsonAsync($"/connector-plugins/{SourceClass}/config/validate",
            $$"""{"connector.class": "{{SourceClass}}", "name": "v", "topic": "t", "secret": "p4ss"}""");

        status.Should().Be(200);
        body!["name"]!.GetValue<string>().Should().Be(SourceClass);
        body["error_count"]!.GetValue<int>().Should().Be(0);
        body["groups"]!.AsArray().Select(g => (string)g!).Should().Contain(["Common", "Source"]);
        var secret = body["configs"]!.AsArray().Single(c => (string?)c!["definition"]!["name"] == "secret")!;
        secret["value"]!["value"]!.GetValue<string>().Should().Be("[hidden]");
        body.ToJsonString().Should().NotContain("p4ss");
        var topic = body["configs"]!.AsArray().Single(c => (string?)c!["value"]!["name"] == "topic")!;
        topic["value"]!["value"]!.GetValue<string>().Should().Be("t");
        topic["value"]!["errors"]!.AsArray().Should().BeEmpty();
        topic["value"]!["visible"]!.GetValue<bool>().Should().BeTrue();
        topic["value"]!["recommended_values"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_InvalidConfig_Answers200WithTheErrors()
    {
        var (status, body) = await Http.PutJsonAsync("/connector-plugins/RestTestSourceConnector/config/validate",
            $$"""{"connector.class": "{{SourceClass}}", "name": "v", "tasks.max": "-1"}""");

        status.Should().Be(200);
        body!["error_count"]!.GetValue<int>().Should().Be(2);
        var errors = body["configs"]!.AsArray().SelectMany(c => c!["value"]!["errors"]!.AsArray().Select(e => (string)e!)).ToList();
        errors.Should().Contain("Missing required configuration \"topic\" which has no default value.");
        errors.Should().Contain(e => e.Contains("tasks.max"));
    }

    [Fact]
    public async Task Validate_ConnectorClassDoesNotMatchThePath_Answers400()
    {
        var (status, body) = await Http.PutJsonAsync("/connector-plugins/FileStreamSinkConnector/config/validate",
            $$"""{"connector.class": "{{SourceClass}}", "name": "v", "topic": "t"}""");

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().Be($"Included connector type {SourceClass} does not match request type FileStreamSinkConnector");
    }

    [Fact]
    public async Task Validate_MalformedJson_Answers400()
    {
        var (status, body) = await Http.PutJsonAsync("/connector-plugins/RestTestSourceConnector/config/validate", "{\"topic\": ");

        status.Should().Be(400);
        body!["message"]!.GetValue<string>().Should().StartWith("The request body is not valid JSON:");
    }
}
