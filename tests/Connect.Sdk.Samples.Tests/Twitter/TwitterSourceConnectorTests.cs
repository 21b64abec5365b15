using Connect.Sdk.Config;
using Connect.Sdk.Samples.Twitter;

namespace Connect.Sdk.Samples.Tests.Twitter;

public class TwitterSourceConnectorTests
{
    [Fact]
    public void TaskConfigs_MoreKeywordsThanTasks_SplitsThemIntoEvenGroups()
    {
        var connector = StartConnector("olympics,san jose,kafka,dotnet,postgres");

        var configs = connector.TaskConfigs(2);

        configs.Select(c => c["filter.keywords"]).Should().Equal("olympics,san jose,kafka", "dotnet,postgres");
        configs.Should().AllSatisfy(c => c["kafka.status.topic"].Should().Be("statuses"));
    }

    [Fact]
    public void TaskConfigs_FewerKeywordsThanTasks_StartsOneTaskPerKeyword()
    {
        var connector = StartConnector("kafka,kafka,dotnet");

        var configs = connector.TaskConfigs(8);

        configs.Select(c => c["filter.keywords"]).Should().Equal("kafka", "dotnet");
    }

    [Fact]
    public void Validate_MissingCredentialsAndKeywords_ReportsEachKey()
    {
        var config = new Dictionary<string, string>
        {
            ["api.url"] = "ftp://example.com",
            ["kafka.status.topic"] = "statuses",
        };

        var errors = new TwitterSourceConnector().Validate(config)
            .Where(v => v.ErrorMessages.Count > 0)
            .ToDictionary(v => v.Name, v => string.Join(" ", v.ErrorMessages));

        errors.Keys.Should().BeEquivalentTo(
            "api.url",
            "filter.keywords",
            "twitter.oauth.consumerKey",
            "twitter.oauth.consumerSecret",
            "twitter.oauth.accessToken",
            "twitter.oauth.accessTokenSecret");
        errors["api.url"].Should().Contain("http or https");
    }

    [Fact]
    public void Config_ToString_HidesTheSecrets()
    {
        var config = new TwitterSourceConfig(Settings("kafka"));

        var text = config.ToString();

        text.Should().Contain("twitter.oauth.consumerSecret = [hidden]").And.Contain("filter.keywords = [kafka]");
        FakeStatusApi.Credentials.Values.Should().AllSatisfy(secret => text.Should().NotContain(secret));
    }

    [Fact]
    public void Config_BackoffMaxBelowBackoff_IsRejected()
    {
        var settings = Settings("kafka");
        settings["retry.backoff.ms"] = "5000";
        settings["retry.backoff.max.ms"] = "1000";

        var parse = () => new TwitterSourceConfig(settings);

        parse.Should().Throw<ConfigException>().WithMessage("*retry.backoff.max.ms*");
    }

    private static TwitterSourceConnector StartConnector(string keywords)
    {
        var connector = new TwitterSourceConnector();
        connector.Start(Settings(keywords));
        return connector;
    }

    private static Dictionary<string, string> Settings(string keywords) => new(FakeStatusApi.Credentials)
    {
        ["api.url"] = "http://127.0.0.1:9",
        ["filter.keywords"] = keywords,
        ["kafka.status.topic"] = "statuses",
    };
}
