using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Connect.Sdk.Avro.SchemaRegistry;

/// <summary>
/// A Schema Registry client over <see cref="HttpClient"/> speaking Confluent's REST API
/// (<c>application/vnd.schemaregistry.v1+json</c>), with basic authentication, bounded retries with exponential
/// backoff on connection failures, timeouts, 408, 429 and 5xx responses, and caches so each schema costs one call:
/// id → schema, and (subject, schema) → id and version.
/// </summary>
/// <remarks>Instances are thread-safe. Errors carry the registry's <c>error_code</c> and <c>message</c> in a <see cref="SchemaRegistryException"/>.</remarks>
public sealed class SchemaRegistryClient : ISchemaRegistryClient, IDisposable
{
    /// <summary>The media type of requests.</summary>
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    private const string AcceptHeader = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly Uri[] _urls;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryBackoff;
    private readonly TimeSpan _maxRetryBackoff;
    private readonly TimeSpan _requestTimeout;
    private readonly ConcurrentDictionary<int, RegisteredSchema> _schemasById = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), int> _idsBySchema = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), RegisteredSchema> _lookups = new();
    private int _preferredUrl;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; at least one URL is required.</param>
    public SchemaRegistryClient(SchemaRegistryClientOptions options)
        : this(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options, ownsHttpClient: true)
    {
    }

    /// <summary>Creates a client on an existing <see cref="HttpClient"/> (for example one from <c>IHttpClientFactory</c>), which the caller keeps owning.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The settings; at least one URL is required.</param>
    public SchemaRegistryClient(HttpClient httpClient, SchemaRegistryClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private SchemaRegistryClient(HttpClient httpClient, SchemaRegistryClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Urls.Count == 0)
        {
            if (ownsHttpClient)
            {
                httpClient.Dispose();
            }

            throw new ArgumentException("At least one Schema Registry URL is required.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _maxRetries = options.MaxRetries;
        _retryBackoff = options.RetryBackoff;
        _maxRetryBackoff = options.MaxRetryBackoff;
        _requestTimeout = options.RequestTimeout;

        var userInfo = options.BasicAuthUserInfo;
        _urls = new Uri[options.Urls.Count];
        for (var i = 0; i < _urls.Length; i++)
        {
            var url = options.Urls[i];
            if (!string.IsNullOrEmpty(url.UserInfo))
            {
                // Credentials in the URL (basic.auth.credentials.source=URL) are sent as a header, not in the URL.
                userInfo ??= Uri.UnescapeDataString(url.UserInfo);
                url = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
            }

            _urls[i] = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        }

        if (!string.IsNullOrEmpty(userInfo))
        {
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        return _idsBySchema.TryGetValue((subject, schema), out var id)
            ? ValueTask.FromResult(id)
            : new ValueTask<int>(RegisterCoreAsync(subject, schema, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<RegisteredSchema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default) =>
        _schemasById.TryGetValue(id, out var schema)
            ? ValueTask.FromResult(schema)
            : new ValueTask<RegisteredSchema>(GetByIdCoreAsync(id, cancellationToken));

    /// <inheritdoc />
    public async ValueTask<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        using var json = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions/latest", null, cancellationToken).ConfigureAwait(false);
        var result = ReadSchemaResponse(json.RootElement, subject);
        _schemasById.TryAdd(result.Id, result with { Subject = null, Version = null });
        return result;
    }

    /// <inheritdoc />
    public ValueTask<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        return _lookups.TryGetValue((subject, schema), out var found)
            ? ValueTask.FromResult(found)
            : new ValueTask<RegisteredSchema>(LookupCoreAsync(subject, schema, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<bool> TestCompatibilityAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        using var json = await SendAsync(
            HttpMethod.Post, $"compatibility/subjects/{Escape(subject)}/versions/latest", SchemaBody(schema), cancellationToken).ConfigureAwait(false);
        return json.RootElement.TryGetProperty("is_compatible", out var compatible) && compatible.ValueKind == JsonValueKind.True;
    }

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private async Task<int> RegisterCoreAsync(string subject, string schema, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}/versions", SchemaBody(schema), cancellationToken).ConfigureAwait(false);
        if (!json.RootElement.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out var id))
        {
            throw new SchemaRegistryException($"The Schema Registry's answer to registering a schema under subject '{subject}' has no 'id'.");
        }

        _idsBySchema[(subject, schema)] = id;
        _schemasById.TryAdd(id, new RegisteredSchema(id, schema));
        return id;
    }

    private async Task<RegisteredSchema> GetByIdCoreAsync(int id, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"schemas/ids/{id}"), null, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        var schema = root.TryGetProperty("schema", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new SchemaRegistryException($"The Schema Registry's answer for schema id {id} has no 'schema'.");
        var result = new RegisteredSchema(id, schema, SchemaType: SchemaTypeOf(root));
        return _schemasById.GetOrAdd(id, result);
    }

    private async Task<RegisteredSchema> LookupCoreAsync(string subject, string schema, CancellationToken cancellationToken)
    {
        using var json = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}", SchemaBody(schema), cancellationToken).ConfigureAwait(false);
        var result = ReadSchemaResponse(json.RootElement, subject);
        _lookups[(subject, schema)] = result;
        _idsBySchema.TryAdd((subject, schema), result.Id);
        _schemasById.TryAdd(result.Id, new RegisteredSchema(result.Id, result.Schema, SchemaType: result.SchemaType));
        return result;
    }

    private static RegisteredSchema ReadSchemaResponse(JsonElement root, string subject)
    {
        if (!root.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out var id)
            || !root.TryGetProperty("schema", out var schemaElement) || schemaElement.ValueKind != JsonValueKind.String)
        {
            throw new SchemaRegistryException($"The Schema Registry's answer for subject '{subject}' lacks 'id' or 'schema'.");
        }

        int? version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var parsed) ? parsed : null;
        var name = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : subject;
        return new RegisteredSchema(id, schemaElement.GetString()!, name, version, SchemaTypeOf(root));
    }

    private static string SchemaTypeOf(JsonElement root) =>
        root.TryGetProperty("schemaType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "AVRO";

    private static byte[] SchemaBody(string schema)
    {
        var buffer = new ArrayBufferWriter<byte>(schema.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", schema);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var baseUrl = _urls[Volatile.Read(ref _preferredUrl) % _urls.Length];
            using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
            request.Headers.TryAddWithoutValidation("Accept", AcceptHeader);
            request.Headers.Authorization = _authorization;
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_requestTimeout);
            SchemaRegistryException failure;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                var content = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        return JsonDocument.Parse(content);
                    }
                    catch (JsonException e)
                    {
                        throw new SchemaRegistryException(
                            $"The Schema Registry answered {method} {baseUrl}{path} with a body that is not JSON: {e.Message}", (int)response.StatusCode, null, null, e);
                    }
                }

                failure = ErrorFrom(method, baseUrl, path, response.StatusCode, content);
                if (!failure.IsTransient)
                {
                    throw failure;
                }
            }
            catch (HttpRequestException e)
            {
                failure = new SchemaRegistryException(
                    $"Could not reach the Schema Registry at {baseUrl} for {method} {path}: {e.Message}", 0, null, null, e);
                Volatile.Write(ref _preferredUrl, (Volatile.Read(ref _preferredUrl) + 1) % _urls.Length);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new SchemaRegistryException(
                    $"The Schema Registry at {baseUrl} did not answer {method} {path} within {_requestTimeout.TotalMilliseconds:0} ms.", 0, null, null, e);
                Volatile.Write(ref _preferredUrl, (Volatile.Read(ref _preferredUrl) + 1) % _urls.Length);
            }

            if (attempt >= _maxRetries)
            {
                throw new SchemaRegistryException(
                    $"{failure.Message} Gave up after {attempt + 1} attempts.", failure.StatusCode, failure.ErrorCode, failure.RegistryMessage, failure.InnerException ?? failure);
            }

            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        // Exponential backoff with a little jitter, capped at the maximum.
        var exponential = _retryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var jittered = exponential * (0.8 + (0.2 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _maxRetryBackoff.TotalMilliseconds));
    }

    private static SchemaRegistryException ErrorFrom(HttpMethod method, Uri baseUrl, string path, HttpStatusCode status, byte[] content)
    {
        int? errorCode = null;
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(content);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("error_code", out var code) && code.TryGetInt32(out var parsed))
                {
                    errorCode = parsed;
                }

                if (json.RootElement.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    message = text.GetString();
                }
            }
        }
        catch (JsonException)
        {
            var raw = Encoding.UTF8.GetString(content).Trim();
            message = raw.Length <= 200 ? raw : raw[..200];
        }

        var statusCode = (int)status;
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => " Check basic.auth.credentials.source and basic.auth.user.info.",
            HttpStatusCode.Forbidden => " The credentials are not allowed to do this.",
            _ => string.Empty,
        };
        var detail = errorCode is null ? message : $"{message} (error code {errorCode})";
        var text2 = string.IsNullOrEmpty(detail)
            ? $"Schema Registry request {method} {baseUrl}{path} failed with HTTP {statusCode}.{hint}"
            : $"Schema Registry request {method} {baseUrl}{path} failed with HTTP {statusCode}: {detail}.{hint}";
        return new SchemaRegistryException(text2, statusCode, errorCode, message);
    }
}
