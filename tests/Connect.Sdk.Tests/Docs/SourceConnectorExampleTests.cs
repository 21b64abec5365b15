using System.Net;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Tests.Docs;

/// <summary>Runs the example of docs/writing-a-source-connector.md against a stub of the observations API.</summary>
public class SourceConnectorExampleTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["name"] = "weather",
        ["api.url"] = "https://weather.example.com/v2/",
        ["api.token"] = "s3cret-token",
        ["stations"] = "KSEA,KPDX,KJFK",
        ["topic"] = "observations",
    };

    [Fact]
    public void TaskConfigs_SharesTheStationsOutAmongAtMostMaxTasks()
    {
        var connector = new ObservationSourceConnector();
        connector.Start(Settings);

        connector.TaskConfigs(2).Select(t => t["stations"]).Should().Equal("KSEA,KJFK", "KPDX");
        connector.TaskConfigs(10).Select(t => t["stations"]).Should().Equal("KSEA", "KPDX", "KJFK");
        connector.TaskConfigs(2).Should().AllSatisfy(t => t["topic"].Should().Be("observations"));
    }

    [Fact]
    public void Validate_MissingTokenAndBadUrl_ReportTheirKeys()
    {
        var config = new Dictionary<string, string>(Settings) { ["api.url"] = "weather" };
        config.Remove("api.token");

        var values = new ObservationSourceConnector().Validate(config);

        values.Single(v => v.Name == "api.token").ErrorMessages.Should().Equal("Missing required configuration \"api.token\" which has no default value.");
        values.Single(v => v.Name == "api.url").ErrorMessages.Should().Equal("Invalid value weather for configuration api.url: Must be an absolute URL.");
    }

    [Fact]
    public void Config_LogsTheTokenAsHidden()
    {
        var text = new ObservationSourceConfig(Settings).ToString();

        text.Should().Contain("api.token = [hidden]").And.NotContain("s3cret-token");
    }

    [Fact]
    public async Task Poll_ResumesAfterTheCommittedOffset_AndWritesStructKeysAndValues()
    {
        var api = new StubHttpHandler((_, _) => StubHttpHandler.Json(
            """[{"station":"KSEA","observedAt":1717236060000,"temperatureC":14.5,"windKph":null},{"station":"KSEA","observedAt":1717236000000,"temperatureC":14.0,"windKph":11.0}]"""));
        var task = Start(api, ("KSEA", 1717235940000L));

        var records = await task.PollAsync(CancellationToken.None);

        api.Requests.Should().ContainSingle().Which.Url.Should().Be("https://weather.example.com/v2/stations/KSEA/observations?since=1717235940000");
        records.Should().HaveCount(2);
        records![0].SourceOffset.Should().Equal(new Dictionary<string, object?> { ["observed_at"] = 1717236000000L }, "records are written oldest first");
        records[1].SourcePartition.Should().Equal(new Dictionary<string, object?> { ["station"] = "KSEA" });
        ((Struct)records[1].Key!).GetString("station").Should().Be("KSEA");
        var value = (Struct)records[1].Value!;
        value.Validate();
        value.Get("observed_at").Should().Be(new DateTime(2024, 6, 1, 10, 1, 0, DateTimeKind.Utc));
        value.GetFloat64("wind_kph").Should().BeNull();
        records[1].ValueSchema!.Name.Should().Be("com.example.weather.Observation");
    }

    [Fact]
    public async Task Poll_RateLimited_ThrowsRetriableAndBacksOff()
    {
        var api = new StubHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.TooManyRequests));
        var task = Start(api);

        var first = () => task.PollAsync(CancellationToken.None).AsTask();
        await first.Should().ThrowAsync<RetriableException>().WithMessage("*HTTP 429*");
        var second = await task.PollAsync(CancellationToken.None);

        second.Should().BeNull();
        api.Requests.Should().HaveCount(1, "the task waits before asking again");
    }

    [Fact]
    public async Task Poll_Unauthorized_ThrowsConnectException()
    {
        var task = Start(new StubHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Unauthorized)));

        var poll = () => task.PollAsync(CancellationToken.None).AsTask();

        (await poll.Should().ThrowAsync<ConnectException>()).Which.Should().NotBeOfType<RetriableException>()
            .And.Subject.As<ConnectException>().Message.Should().Be("The observations API refused the token (HTTP 401). Check api.token.");
    }

    [Fact]
    public void PageExample_IsValid_AndSplitsTheStationsOverTwoTasks()
    {
        var config = DocExamples.Properties("writing-a-source-connector.md", "observations-source");
        config["api.token"] = "resolved-by-the-env-provider";
        var connector = new ObservationSourceConnector();

        connector.Validate(config).SelectMany(v => v.ErrorMessages).Should().BeEmpty();
        connector.Start(config);

        config["connector.class"].Should().Be(nameof(ObservationSourceConnector)[..^"Connector".Length]);
        connector.TaskConfigs(int.Parse(config["tasks.max"], System.Globalization.CultureInfo.InvariantCulture))
            .Select(t => t["stations"]).Should().Equal("KSEA,KJFK", "KPDX");
    }

    private static ObservationSourceTask Start(StubHttpHandler api, params (string Station, long ObservedAt)[] committed)
    {
        var config = new Dictionary<string, string>(Settings) { ["stations"] = "KSEA" };
        var task = new ObservationSourceTask { Handler = api };
        task.Initialize(new FakeSourceContext(
            config,
            committed.Select(c => (
                (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["station"] = c.Station },
                (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["observed_at"] = c.ObservedAt })).ToArray()));
        task.Start(config);
        return task;
    }
}
