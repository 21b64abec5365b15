using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>
/// Calls <c>GET {api.url}/search?q=&lt;keyword&gt;&amp;since_id=&lt;id&gt;&amp;count=&lt;n&gt;</c> with an OAuth 1.0a
/// signature and reads the statuses from the JSON answer. Failures that may pass (HTTP 429 and 5xx, timeouts, network
/// errors) become <see cref="TransientSearchException"/>; the others become <see cref="ConnectException"/> with a
/// message for the operator.
/// </summary>
internal sealed class StatusSearchClient : IDisposable
{
    private const int MaxErrorBodyLength = 300;

    private readonly HttpClient _http;
    private readonly Uri _searchUrl;
    private readonly OAuth1Signer _signer;
    private readonly TimeProvider _clock;

    public StatusSearchClient(TwitterSourceConfig config, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _clock = clock;
        var baseUrl = config.ApiUrl.AbsoluteUri;
        _searchUrl = new Uri(baseUrl.TrimEnd('/') + "/search", UriKind.Absolute);
        _signer = new OAuth1Signer(config.ConsumerKey.Value, config.ConsumerSecret.Value, config.AccessToken.Value, config.AccessTokenSecret.Value);
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = config.RequestTimeout;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Connect.Sdk.Samples.Twitter", SampleVersion.Value));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Searches for the statuses of a keyword newer than <paramref name="sinceId"/>, oldest first.</summary>
    /// <exception cref="TransientSearchException">The request may succeed later.</exception>
    /// <exception cref="ConnectException">The request was refused or the answer cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<SearchStatus>> SearchAsync(string keyword, long? sinceId, int count, CancellationToken cancellationToken)
    {
        var query = "q=" + Uri.EscapeDataString(keyword)
            + (sinceId is { } id ? "&since_id=" + id.ToString(CultureInfo.InvariantCulture) : string.Empty)
            + "&count=" + count.ToString(CultureInfo.InvariantCulture);
        var url = new UriBuilder(_searchUrl) { Query = query }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            _signer.AuthorizationHeader("GET", url, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), _clock.GetUtcNow().ToUnixTimeSeconds()));

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TransientSearchException($"Could not reach the status API at {_searchUrl}: {e.Message}", null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientSearchException(
                $"The status API at {_searchUrl} did not answer within {_http.Timeout.TotalMilliseconds:0} ms ({TwitterSourceConfig.RequestTimeoutMsConfig}).",
                null,
                e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await ReadStatusesAsync(response, keyword, cancellationToken).ConfigureAwait(false);
            }

            var detail = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{detail}";
            throw response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new TransientSearchException(
                    $"The status API at {_searchUrl} is rate limiting the searches ({status}).",
                    RetryAfter(response.Headers.RetryAfter)),
                >= HttpStatusCode.InternalServerError => new TransientSearchException(
                    $"The status API at {_searchUrl} failed to search for '{keyword}' ({status}).",
                    RetryAfter(response.Headers.RetryAfter)),
                HttpStatusCode.Unauthorized => new ConnectException(
                    $"The status API at {_searchUrl} rejected the credentials ({status}). Check {TwitterSourceConfig.ConsumerKeyConfig}, "
                    + $"{TwitterSourceConfig.ConsumerSecretConfig}, {TwitterSourceConfig.AccessTokenConfig} and {TwitterSourceConfig.AccessTokenSecretConfig}, "
                    + "and that the machine's clock is right (signatures carry a timestamp). The task does not retry, so the account is not locked out."),
                HttpStatusCode.Forbidden => new ConnectException(
                    $"The status API at {_searchUrl} does not allow these credentials to search ({status}). Check the access level of the application and the account."),
                _ => new ConnectException($"The status API at {_searchUrl} refused the search for '{keyword}' ({status})."),
            };
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<IReadOnlyList<SearchStatus>> ReadStatusesAsync(HttpResponseMessage response, string keyword, CancellationToken cancellationToken)
    {
        SearchResponse? body;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                body = await JsonSerializer.DeserializeAsync(stream, SearchJsonContext.Default.SearchResponse, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            throw new ConnectException($"The status API at {_searchUrl} answered the search for '{keyword}' with JSON that is not a search result: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new TransientSearchException($"The connection to the status API at {_searchUrl} broke while reading the answer: {e.Message}", null, e);
        }

        if (body?.Statuses is not { } statuses)
        {
            throw new ConnectException($"The status API at {_searchUrl} answered the search for '{keyword}' without a \"statuses\" array.");
        }

        var result = new List<SearchStatus>(statuses.Count);
        foreach (var status in statuses)
        {
            result.Add(Validate(status, keyword));
        }

        return result;
    }

    private SearchStatus Validate(StatusJson? status, string keyword)
    {
        string Problem(string what) =>
            $"The status API at {_searchUrl} returned a status for '{keyword}' (id {status?.Id?.ToString(CultureInfo.InvariantCulture) ?? "missing"}) {what}.";

        if (status?.Id is not { } id)
        {
            throw new ConnectException(Problem("without an id"));
        }

        if (status.Text is not { } text)
        {
            throw new ConnectException(Problem("without text"));
        }

        if (status.CreatedAt is not { } createdAtText || !TryParseTime(createdAtText, out var createdAt))
        {
            throw new ConnectException(Problem($"whose created_at '{status.CreatedAt}' is neither ISO 8601 nor like 'Wed Oct 10 20:19:24 +0000 2018'"));
        }

        if (status.User is not { Id: { } userId, ScreenName: { } screenName })
        {
            throw new ConnectException(Problem("without a user id and screen_name"));
        }

        return new SearchStatus(id, text, createdAt, userId, screenName);
    }

    /// <summary>Reads ISO 8601 times and the classic API format <c>Wed Oct 10 20:19:24 +0000 2018</c>.</summary>
    internal static bool TryParseTime(string text, out DateTimeOffset time)
    {
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, Styles, out time))
        {
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out time) && text.Contains('T', StringComparison.Ordinal);
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }

        if (body.Length == 0)
        {
            return string.Empty;
        }

        try
        {
            // The classic error shape: {"errors":[{"code":32,"message":"Could not authenticate you."}]}
            if (JsonSerializer.Deserialize(body, SearchJsonContext.Default.ErrorResponse)?.Errors is [{ Message: { } message } first, ..])
            {
                return $": {message} (code {first.Code})";
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the start of the text.
        }

        return ": " + (body.Length > MaxErrorBodyLength ? body[..MaxErrorBodyLength] + "…" : body);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - _clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}

/// <summary>A status as the search API returned it, checked for the fields the records need.</summary>
internal sealed record SearchStatus(long Id, string Text, DateTimeOffset CreatedAt, long UserId, string ScreenName);

/// <summary>A search that failed in a way that may pass: rate limiting, a server error, a timeout or a network error.</summary>
internal sealed class TransientSearchException(string message, TimeSpan? retryAfter, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>How long the API asked to wait (its Retry-After header), if it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

internal sealed class SearchResponse
{
    public List<StatusJson?>? Statuses { get; set; }
}

internal sealed class StatusJson
{
    public long? Id { get; set; }

    public string? Text { get; set; }

    public string? CreatedAt { get; set; }

    public UserJson? User { get; set; }
}

internal sealed class UserJson
{
    public long? Id { get; set; }

    public string? ScreenName { get; set; }
}

internal sealed class ErrorResponse
{
    public List<ErrorJson>? Errors { get; set; }
}

internal sealed class ErrorJson
{
    public int Code { get; set; }

    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
