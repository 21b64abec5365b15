using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Connect.Sdk.Avro.Codec;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Avro.Tests.SchemaRegistry;

/// <summary>
/// An in-process Schema Registry served over real HTTP on 127.0.0.1 implementing the subset of Confluent's REST API the
/// client uses, with the registry's error shapes, optional basic auth, BACKWARD compatibility checking, injectable
/// failures and per-endpoint call counts.
/// </summary>
internal sealed class FakeSchemaRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<string> _schemasById = [""]; // ids start at 1
    private readonly Dictionary<string, int> _idsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _subjects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _failures = new();
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    private FakeSchemaRegistry(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:43123/.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>When set, requests must carry this <c>user:password</c> as basic auth.</summary>
    public string? RequiredUserInfo { get; set; }

    /// <summary>Whether registering checks BACKWARD compatibility against the latest version (the registry's default).</summary>
    public bool CheckCompatibility { get; set; } = true;

    /// <summary>Content types of request bodies seen.</summary>
    public ConcurrentBag<string> ContentTypes { get; } = [];

    /// <summary>All requests received.</summary>
    public int TotalCalls => _calls.Values.Sum();

    public static async Task<FakeSchemaRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var registry = new FakeSchemaRegistry(app);
        registry.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        registry.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return registry;
    }

    /// <summary>How many requests an endpoint received, e.g. "GET /schemas/ids".</summary>
    public int Calls(string endpoint) => _calls.GetValueOrDefault(endpoint);

    /// <summary>Makes the next requests fail with the given statuses, one per request.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _failures.Enqueue(status);
        }
    }

    /// <summary>Makes the next request wait before answering.</summary>
    public void DelayNext(TimeSpan delay) => _delays.Enqueue(delay);

    /// <summary>Registers a schema directly, as another producer would have.</summary>
    public int Register(string subject, string schema)
    {
        var (status, body) = RegisterCore(subject, schema);
        if (status != 200)
        {
            throw new InvalidOperationException(body);
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>The schema text stored for an id.</summary>
    public string SchemaOf(int id)
    {
        lock (_gate)
        {
            return _schemasById[id];
        }
    }

    /// <summary>The subjects that have versions.</summary>
    public IReadOnlyList<string> Subjects
    {
        get
        {
            lock (_gate)
            {
                return [.. _subjects.Keys];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentType is { } contentType)
            {
                ContentTypes.Add(contentType);
            }

            if (_delays.TryDequeue(out var delay))
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (_failures.TryDequeue(out var status))
            {
                await Write(context, status, Error(status * 100 + 1, "Injected failure"));
                return;
            }

            if (RequiredUserInfo is { } userInfo)
            {
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo));
                if (context.Request.Headers.Authorization.ToString() != expected)
                {
                    await Write(context, 401, Error(401, "Unauthorized"));
                    return;
                }
            }

            await next(context);
        });

        app.MapPost("/subjects/{subject}/versions", async (HttpContext context, string subject) =>
        {
            Count("POST /subjects/versions");
            var schema = await ReadSchema(context);
            var (status, body) = RegisterCore(subject, schema);
            await Write(context, status, body);
        });

        app.MapGet("/schemas/ids/{id:int}", async (HttpContext context, int id) =>
        {
            Count("GET /schemas/ids");
            string? schema = null;
            lock (_gate)
            {
                if (id > 0 && id < _schemasById.Count)
                {
                    schema = _schemasById[id];
                }
            }

            await (schema is null
                ? Write(context, 404, Error(40403, $"Schema {id} not found"))
                : Write(context, 200, JsonSerializer.Serialize(new { schema })));
        });

        app.MapGet("/subjects/{subject}/versions/latest", async (HttpContext context, string subject) =>
        {
            Count("GET /subjects/versions/latest");
            int? id = null;
            int version = 0;
            lock (_gate)
            {
                if (_subjects.TryGetValue(subject, out var versions) && versions.Count > 0)
                {
                    id = versions[^1];
                    version = versions.Count;
                }
            }

            await (id is null
                ? Write(context, 404, Error(40401, $"Subject '{subject}' not found."))
                : Write(context, 200, JsonSerializer.Serialize(new { subject, version, id, schema = SchemaOf(id.Value) })));
        });

        app.MapPost("/subjects/{subject}", async (HttpContext context, string subject) =>
        {
            Count("POST /subjects");
            var schema = await ReadSchema(context);
            int status;
            string body;
            lock (_gate)
            {
                if (!_subjects.TryGetValue(subject, out var versions))
                {
                    (status, body) = (404, Error(40401, $"Subject '{subject}' not found."));
                }
                else if (!TryKey(schema, out var key) || !_idsByKey.TryGetValue(key, out var id) || !versions.Contains(id))
                {
                    (status, body) = (404, Error(40403, "Schema not found"));
                }
                else
                {
                    var version = versions.IndexOf(id) + 1;
                    (status, body) = (200, JsonSerializer.Serialize(new { subject, version, id, schema = _schemasById[id] }));
                }
            }

            await Write(context, status, body);
        });

        app.MapPost("/compatibility/subjects/{subject}/versions/latest", async (HttpContext context, string subject) =>
        {
            Count("POST /compatibility");
            var schema = await ReadSchema(context);
            int status;
            string body;
            lock (_gate)
            {
                if (!_subjects.TryGetValue(subject, out var versions) || versions.Count == 0)
                {
                    (status, body) = (404, Error(40401, $"Subject '{subject}' not found."));
                }
                else if (!TryKey(schema, out _))
                {
                    (status, body) = (422, Error(42201, "Invalid schema"));
                }
                else
                {
                    (status, body) = (200, JsonSerializer.Serialize(new { is_compatible = IsBackwardCompatible(schema, _schemasById[versions[^1]]) }));
                }
            }

            await Write(context, status, body);
        });
    }

    private (int Status, string Body) RegisterCore(string subject, string schema)
    {
        if (!TryKey(schema, out var key))
        {
            return (422, Error(42201, "Either the input schema or one its references is invalid"));
        }

        lock (_gate)
        {
            var versions = _subjects.TryGetValue(subject, out var existing) ? existing : [];
            if (_idsByKey.TryGetValue(key, out var known) && versions.Contains(known))
            {
                return (200, JsonSerializer.Serialize(new { id = known }));
            }

            if (CheckCompatibility && versions.Count > 0 && !IsBackwardCompatible(schema, _schemasById[versions[^1]]))
            {
                return (409, Error(409, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\""));
            }

            if (!_idsByKey.TryGetValue(key, out var id))
            {
                id = _schemasById.Count;
                _schemasById.Add(schema);
                _idsByKey[key] = id;
            }

            versions.Add(id);
            _subjects[subject] = versions;
            return (200, JsonSerializer.Serialize(new { id }));
        }
    }

    private static bool TryKey(string schema, out string key)
    {
        try
        {
            // Like the registry, treat schemas that differ only in formatting as the same schema.
            key = AvroSchemaWriter.ToJson(AvroSchemaParser.Parse(schema));
            return true;
        }
        catch (AvroSchemaException)
        {
            key = string.Empty;
            return false;
        }
    }

    private static bool IsBackwardCompatible(string newSchema, string oldSchema)
    {
        try
        {
            GenericDatumReader.Create(AvroSchemaParser.Parse(oldSchema), AvroSchemaParser.Parse(newSchema));
            return true;
        }
        catch (AvroResolutionException)
        {
            return false;
        }
    }

    private void Count(string endpoint) => _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    private static async Task<string> ReadSchema(HttpContext context)
    {
        using var json = await JsonDocument.ParseAsync(context.Request.Body);
        return json.RootElement.GetProperty("schema").GetString()!;
    }

    private static string Error(int code, string message) => JsonSerializer.Serialize(new { error_code = code, message });

    private static Task Write(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
        return context.Response.WriteAsync(body);
    }
}
