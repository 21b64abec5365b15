using System.Net;
using System.Text;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.Twitter;
using Connect.Sdk.Testing.Fakes;

namespace Connect.Sdk.Samples.Tests.Twitter;

/// <summary>Answers the fake server does not give: read through a stub HTTP handler.</summary>
public class SearchAnswerTests
{
    [Fact]
    public async Task Poll_IdsAsStringsAndIsoTimes_AreRead()
    {
        var task = StartTask(HttpStatusCode.OK, """
            {"statuses":[{"id":"1790000000000000001","text":"kafka","created_at":"2018-10-10T20:19:24Z","user":{"id":"9","screen_name":"ann"}}]}
            """);

        var record = (await task.PollAsync(default))!.Single();

        ((Struct)record.Key!).GetInt64("id").Should().Be(1790000000000000001);
        ((Struct)record.Value!).Get("created_at").Should().Be(new DateTime(2018, 10, 10, 20, 19, 24, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"results":[]}""", "without a \"statuses\" array")]
    [InlineData(HttpStatusCode.OK, """{"statuses":[{"id":1,"text":"kafka","created_at":"yesterday","user":{"id":9,"screen_name":"ann"}}]}""", "created_at 'yesterday'")]
    [InlineData(HttpStatusCode.OK, "<html>", "not a search result")]
    [InlineData(HttpStatusCode.Forbidden, """{"errors":[{"code":453,"message":"You currently have access to a subset of endpoints"}]}""", "HTTP 403 Forbidden: You currently have access to a subset of endpoints (code 453)")]
    [InlineData(HttpStatusCode.NotFound, "no such page", "HTTP 404 Not Found: no such page")]
    public async Task Poll_AnswersThatRetryingCannotFix_FailTheTask(HttpStatusCode status, string body, string message)
    {
        var task = StartTask(status, body);

        var poll = async () => await task.PollAsync(default);

        var error = (await poll.Should().ThrowAsync<ConnectException>()).Which;
        error.Should().NotBeOfType<RetriableException>();
        error.Message.Should().Contain(message);
    }

    private static TwitterSourceTask StartTask(HttpStatusCode status, string body)
    {
        var config = new Dictionary<string, string>(FakeStatusApi.Credentials)
        {
            [TwitterSourceConfig.ApiUrlConfig] = "http://127.0.0.1:9",
            [TwitterSourceConfig.FilterKeywordsConfig] = "kafka",
            [TwitterSourceConfig.KafkaStatusTopicConfig] = "statuses",
        };
        var task = new TwitterSourceTask { Handler = new StubHandler(status, body) };
        task.Initialize(new FakeSourceTaskContext(config));
        task.Start(config);
        return task;
    }

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
