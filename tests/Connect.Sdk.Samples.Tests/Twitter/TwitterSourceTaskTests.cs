using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Samples.Twitter;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Fakes;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Samples.Tests.Twitter;

public sealed class TwitterSourceTaskTests : IAsyncLifetime
{
    private readonly List<TwitterSourceTask> _tasks = [];
    private FakeStatusApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeStatusApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var task in _tasks)
        {
            task.Stop();
        }

        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Poll_MatchingStatuses_AreStructRecordsOldestFirst()
    {
        var createdAt = new DateTimeOffset(2024, 5, 1, 12, 30, 15, TimeSpan.Zero);
        _api.Post(7, "Kafka Connect in .NET", "ann", 42, createdAt);
        _api.Post(3, "kafka streams", "bob", 43, createdAt.AddMinutes(-5));
        _api.Post(5, "nothing to see here");
        var task = StartTask(Config("kafka"));

        var records = await PollAsync(task);

        records.Select(r => ((Struct)r.Key!).GetInt64("id")).Should().Equal(3L, 7L);
        var record = records[1];
        record.Topic.Should().Be("statuses");
        record.KeySchema!.Name.Should().Be("io.connect.sdk.samples.twitter.StatusKey");
        record.ValueSchema!.Name.Should().Be("io.connect.sdk.samples.twitter.Status");
        record.ValueSchema.Doc.Should().NotBeNullOrEmpty();
        record.ValueSchema.Fields.Should().AllSatisfy(f => f.Schema.Doc.Should().NotBeNullOrEmpty(f.Name));
        var value = (Struct)record.Value!;
        value.GetInt64("id").Should().Be(7);
        value.GetString("text").Should().Be("Kafka Connect in .NET");
        value.Get("created_at").Should().Be(createdAt.UtcDateTime);
        value.GetString("keyword").Should().Be("kafka");
        value.GetStruct("user")!.GetString("screen_name").Should().Be("ann");
        value.GetStruct("user")!.GetInt64("id").Should().Be(42);
        value.Validate();
        record.Timestamp.Should().Be(createdAt.ToUnixTimeMilliseconds());
        record.SourcePartition.Should().Equal(new Dictionary<string, object?> { ["keyword"] = "kafka" });
        record.SourceOffset.Should().Equal(new Dictionary<string, object?> { ["since_id"] = 7L });
    }

    [Fact]
    public async Task Poll_AfterASearch_AsksOnlyForNewerStatuses()
    {
        _api.Post(1, "kafka one");
        _api.Post(2, "kafka two");
        var task = StartTask(Config("kafka"));
        await PollAsync(task);
        _api.Post(3, "kafka three");

        var records = await PollAsync(task);

        records.Select(r => ((Struct)r.Value!).GetString("text")).Should().Equal("kafka three");
        _api.Requests.Select(r => r.SinceId).Should().Equal(null, 2L);
        _api.Requests.Should().AllSatisfy(r => r.Authorized.Should().BeTrue());
    }

    [Fact]
    public async Task Start_WithCommittedOffsets_ResumesAfterThem()
    {
        for (var id = 1; id <= 4; id++)
        {
            _api.Post(id, $"kafka {id}");
        }

        await using var harness = new SourceTaskHarness<TwitterSourceTask>();
        await harness.StartAsync(Config("kafka"));
        var polled = await harness.PollAsync();
        await harness.AcknowledgeAsync(polled.Take(3)); // the last record was not acknowledged before the crash
        await harness.CommitAsync();
        _api.Post(5, "kafka 5");

        await harness.RestartAsync(commitOffsets: false);
        var resumed = await harness.PollAsync();

        resumed.Select(r => ((Struct)r.Key!).GetInt64("id")).Should().Equal(4L, 5L);
        _api.Requests[^1].SinceId.Should().Be(3);
    }

    [Fact]
    public async Task Poll_SeveralKeywords_SearchesEachWithItsOwnPartition()
    {
        _api.Post(1, "kafka and olympics");
        _api.Post(2, "san jose weather");
        var task = StartTask(Config("kafka,olympics,san jose"));

        var records = new List<SourceRecord>();
        for (var i = 0; i < 3; i++)
        {
            records.AddRange(await PollAsync(task));
        }

        _api.Requests.Select(r => r.Keyword).Should().BeEquivalentTo("kafka", "olympics", "san jose");
        records.Select(r => ((string)r.SourcePartition!["keyword"]!, ((Struct)r.Key!).GetInt64("id")))
            .Should().BeEquivalentTo([("kafka", 1L), ("olympics", 1L), ("san jose", 2L)]);
    }

    [Fact]
    public async Task Poll_FullPage_SearchesAgainAtOnceAndThenRests()
    {
        for (var id = 1; id <= 5; id++)
        {
            _api.Post(id, $"kafka {id}");
        }

        var task = StartTask(Config("kafka", (TwitterSourceConfig.SearchCountConfig, "2"), (TwitterSourceConfig.PollIntervalMsConfig, "60000")));
        task.MaxIdleWait = TimeSpan.FromMilliseconds(50);

        var pages = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            pages.Add((await task.PollAsync(default))!.Count);
        }

        var afterCatchingUp = await task.PollAsync(default);

        pages.Should().Equal(2, 2, 1);
        afterCatchingUp.Should().BeNull("the keyword rests for poll.interval.ms once it has caught up");
        _api.Requests.Select(r => r.SinceId).Should().Equal(null, 2L, 4L);
        _api.Requests.Should().AllSatisfy(r => r.Count.Should().Be(2));
    }

    [Fact]
    public async Task Poll_RateLimitedWithRetryAfter_ThrowsRetriableAndWaitsThatLong()
    {
        _api.Post(1, "kafka");
        _api.FailNext(HttpStatusCode.TooManyRequests, retryAfter: "1");
        var task = StartTask(Config("kafka"));
        task.MaxIdleWait = TimeSpan.FromSeconds(5);

        var limited = async () => await task.PollAsync(default);
        var error = (await limited.Should().ThrowAsync<RetriableException>()).Which;
        var clock = Stopwatch.StartNew();
        var records = await task.PollAsync(default);

        error.Message.Should().Contain("rate limiting").And.Contain("HTTP 429").And.Contain("Rate limit exceeded").And.Contain("1000 ms");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "the API's Retry-After is honoured");
        records.Should().ContainSingle();
        _api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Poll_ServerErrors_ThrowRetriableWithADoublingBackoff()
    {
        _api.Post(1, "kafka");
        _api.FailNext(HttpStatusCode.InternalServerError);
        _api.FailNext(HttpStatusCode.BadGateway);
        var task = StartTask(Config("kafka", (TwitterSourceConfig.RetryBackoffMsConfig, "100"), (TwitterSourceConfig.RetryBackoffMaxMsConfig, "150")));

        var messages = new List<string>();
        IReadOnlyList<SourceRecord>? records = null;
        for (var attempt = 0; attempt < 4 && records is not { Count: > 0 }; attempt++)
        {
            try
            {
                records = await task.PollAsync(default);
            }
            catch (RetriableException e)
            {
                messages.Add(e.Message);
            }
        }

        messages.Should().HaveCount(2);
        messages[0].Should().Contain("HTTP 500").And.Contain("Internal error").And.EndWith("Searching again in 100 ms.");
        messages[1].Should().Contain("HTTP 502").And.EndWith("Searching again in 150 ms.", "the doubled pause is capped by retry.backoff.max.ms");
        records.Should().ContainSingle();
    }

    [Fact]
    public async Task Poll_BadCredentials_ThrowsConnectExceptionThatNamesTheKeys()
    {
        var task = StartTask(Config("kafka", (TwitterSourceConfig.ConsumerSecretConfig, "not-the-secret")));

        var poll = async () => await task.PollAsync(default);

        var error = (await poll.Should().ThrowAsync<ConnectException>()).Which;
        error.Should().NotBeOfType<RetriableException>("retrying bad credentials could lock the account");
        error.Message.Should().Contain("HTTP 401").And.Contain("Could not authenticate you.")
            .And.Contain("twitter.oauth.consumerKey").And.Contain("twitter.oauth.accessTokenSecret");
        error.Message.Should().NotContain("not-the-secret");
    }

    [Fact]
    public async Task Poll_ApiUnreachable_ThrowsRetriable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var task = StartTask(Config("kafka", (TwitterSourceConfig.ApiUrlConfig, $"http://127.0.0.1:{port}")));

        var poll = async () => await task.PollAsync(default);

        (await poll.Should().ThrowAsync<RetriableException>()).Which.Message.Should().Contain("Could not reach the status API");
    }

    [Fact]
    public async Task Poll_Cancelled_WhileASearchIsInFlight_Throws()
    {
        _api.Latency = TimeSpan.FromSeconds(10);
        var task = StartTask(Config("kafka"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        var poll = async () => await task.PollAsync(cancellation.Token);

        await poll.Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Poll_Cancelled_WhileWaiting_Throws()
    {
        var task = StartTask(Config("kafka", (TwitterSourceConfig.PollIntervalMsConfig, "60000")));
        task.MaxIdleWait = TimeSpan.FromSeconds(30);
        await task.PollAsync(default);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var poll = async () => await task.PollAsync(cancellation.Token);

        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Stop_WakesAWaitingPoll()
    {
        var task = StartTask(Config("kafka", (TwitterSourceConfig.PollIntervalMsConfig, "60000")));
        task.MaxIdleWait = TimeSpan.FromSeconds(30);
        await task.PollAsync(default);
        var clock = Stopwatch.StartNew();

        var waiting = task.PollAsync(default).AsTask();
        await Task.Delay(100);
        task.Stop();

        (await waiting).Should().BeNull();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Start_InvalidStoredOffset_ThrowsConnectException()
    {
        await using var harness = new SourceTaskHarness<TwitterSourceTask>();
        harness.SeedOffset(new { keyword = "kafka" }, new { since_id = "twelve" });

        var start = () => harness.StartAsync(Config("kafka"));

        await start.Should().ThrowAsync<ConnectException>().WithMessage("*keyword 'kafka'*since_id*");
    }

    private Dictionary<string, string> Config(string keywords, params (string Key, string Value)[] overrides)
    {
        var config = new Dictionary<string, string>(FakeStatusApi.Credentials)
        {
            [TwitterSourceConfig.ApiUrlConfig] = _api.Url,
            [TwitterSourceConfig.FilterKeywordsConfig] = keywords,
            [TwitterSourceConfig.KafkaStatusTopicConfig] = "statuses",
            [TwitterSourceConfig.PollIntervalMsConfig] = "0",
        };
        foreach (var (key, value) in overrides)
        {
            config[key] = value;
        }

        return config;
    }

    private TwitterSourceTask StartTask(Dictionary<string, string> config)
    {
        var task = new TwitterSourceTask();
        _tasks.Add(task);
        task.Initialize(new FakeSourceTaskContext(config));
        task.Start(config);
        return task;
    }

    private static async Task<IReadOnlyList<SourceRecord>> PollAsync(TwitterSourceTask task) =>
        await task.PollAsync(default) ?? throw new InvalidOperationException("The poll returned nothing.");
}
