using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connect.Sdk.Samples.Twitter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Samples.Tests.Twitter;

/// <summary>
/// Plays the Twitter-style search API on 127.0.0.1 with Kestrel: <c>GET /search?q=&amp;since_id=&amp;count=</c> returns
/// the posted statuses whose text contains the keyword (case-insensitive) and whose id is above since_id, oldest
/// first, at most count. Requests must carry a valid OAuth 1.0a signature made with <see cref="Credentials"/>;
/// scripted failures (<see cref="FailNext"/>) are answered before any search.
/// </summary>
internal sealed class FakeStatusApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<Posted> _statuses = [];
    private readonly Queue<Failure> _failures = new();
    private readonly List<SearchRequest> _requests = [];

    private FakeStatusApi(WebApplication app) => _app = app;

    /// <summary>The credentials the API accepts, as connector settings.</summary>
    public static IReadOnlyDictionary<string, string> Credentials { get; } = new Dictionary<string, string>
    {
        [TwitterSourceConfig.ConsumerKeyConfig] = "xvz1evFS4wEEPTGEFPHBog",
        [TwitterSourceConfig.ConsumerSecretConfig] = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        [TwitterSourceConfig.AccessTokenConfig] = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        [TwitterSourceConfig.AccessTokenSecretConfig] = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    };

    /// <summary>The base URL to configure as <c>api.url</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>How long each search waits before it answers.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The requests that reached the API, failed ones included.</summary>
    public IReadOnlyList<SearchRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeStatusApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeStatusApi(app);
        app.MapGet("/search", api.SearchAsync);
        await app.StartAsync();
        api.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return api;
    }

    /// <summary>Adds a status; ids should grow, as real ones do.</summary>
    public void Post(long id, string text, string screenName = "ann", long userId = 42, DateTimeOffset? createdAt = null)
    {
        lock (_gate)
        {
            _statuses.Add(new Posted(id, text, createdAt ?? DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + id), userId, screenName));
        }
    }

    /// <summary>Answers the next request with an error status instead of searching.</summary>
    public void FailNext(HttpStatusCode status, string? retryAfter = null)
    {
        lock (_gate)
        {
            _failures.Enqueue(new Failure(status, retryAfter));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task SearchAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var keyword = query["q"].ToString();
        long? sinceId = long.TryParse(query["since_id"], CultureInfo.InvariantCulture, out var since) ? since : null;
        var count = int.TryParse(query["count"], CultureInfo.InvariantCulture, out var c) ? c : 15;
        var authorized = IsSignedWithTheCredentials(http.Request);
        Failure? failure;
        List<Posted> found;
        lock (_gate)
        {
            _requests.Add(new SearchRequest(keyword, sinceId, count, authorized));
            _failures.TryDequeue(out failure);
            found = [.. _statuses
                .Where(s => s.Text.Contains(keyword, StringComparison.OrdinalIgnoreCase) && s.Id > (sinceId ?? long.MinValue))
                .OrderBy(s => s.Id)
                .Take(count)];
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, http.RequestAborted);
        }

        if (!authorized)
        {
            await WriteErrorAsync(http, HttpStatusCode.Unauthorized, 32, "Could not authenticate you.");
            return;
        }

        if (failure is not null)
        {
            if (failure.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await WriteErrorAsync(
                http,
                failure.Status,
                failure.Status == HttpStatusCode.TooManyRequests ? 88 : 131,
                failure.Status == HttpStatusCode.TooManyRequests ? "Rate limit exceeded" : "Internal error");
            return;
        }

        var statuses = new JsonArray();
        foreach (var status in found)
        {
            statuses.Add(new JsonObject
            {
                ["id"] = status.Id,
                ["text"] = status.Text,
                ["created_at"] = status.CreatedAt.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture),
                ["user"] = new JsonObject { ["id"] = status.UserId, ["screen_name"] = status.ScreenName },
            });
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(new JsonObject { ["statuses"] = statuses }.ToJsonString());
    }

    /// <summary>Checks the consumer key, token and HMAC-SHA1 signature of the Authorization header.</summary>
    private static bool IsSignedWithTheCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return false;
        }

        var oauth = header["OAuth ".Length..]
            .Split(", ")
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Trim('"')));
        if (!oauth.TryGetValue("oauth_signature", out var signature)
            || oauth.GetValueOrDefault("oauth_consumer_key") != Credentials[TwitterSourceConfig.ConsumerKeyConfig]
            || oauth.GetValueOrDefault("oauth_token") != Credentials[TwitterSourceConfig.AccessTokenConfig]
            || oauth.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA1"
            || !long.TryParse(oauth.GetValueOrDefault("oauth_timestamp"), CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300)
        {
            return false;
        }

        var signer = new OAuth1Signer(
            Credentials[TwitterSourceConfig.ConsumerKeyConfig],
            Credentials[TwitterSourceConfig.ConsumerSecretConfig],
            Credentials[TwitterSourceConfig.AccessTokenConfig],
            Credentials[TwitterSourceConfig.AccessTokenSecretConfig]);
        var url = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}");
        var parameters = OAuth1Signer.QueryParameters(url).Concat(oauth.Where(p => p.Key != "oauth_signature").Select(p => (p.Key, p.Value)));
        return signer.Signature(request.Method, url, parameters) == signature;
    }

    private static async Task WriteErrorAsync(HttpContext http, HttpStatusCode status, int code, string message)
    {
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));
    }

    private sealed record Posted(long Id, string Text, DateTimeOffset CreatedAt, long UserId, string ScreenName);

    private sealed record Failure(HttpStatusCode Status, string? RetryAfter);
}

/// <summary>One request as the fake API saw it.</summary>
internal sealed record SearchRequest(string Keyword, long? SinceId, int Count, bool Authorized);
