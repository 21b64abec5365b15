using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Connect.Sdk.Config;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Tests.Docs;

// The examples of docs/writing-a-sink-connector.md: a sink connector that writes records as documents to an HTTP
// document store, and a sink task that keeps one file per partition with the Kafka offsets in it. The regions are
// copied into the page; DocSnippetTests fails when they drift apart, and SinkConnectorExampleTests runs the code.

#region config
/// <summary>The settings of <see cref="DocumentSinkConnector"/> and its tasks.</summary>
public sealed class DocumentSinkConfig : AbstractConfig
{
    public const string StoreUrlConfig = "store.url";
    public const string StoreTokenConfig = "store.token";
    public const string RetryBackoffMsConfig = "retry.backoff.ms";

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(StoreUrlConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.High,
            "Base URL of the document store, ending in a slash. A record is written to <store.url><topic>/<key>.")
        .Define(StoreTokenConfig, ConfigType.Password, ConfigDef.NoDefaultValue, Importance.High,
            "The document store's bearer token.")
        .Define(RetryBackoffMsConfig, ConfigType.Long, 1_000L, RangeValidator.AtLeast(0), Importance.Low,
            "How long, in milliseconds, the runtime waits before delivering a batch again after the store was unavailable.");

    public DocumentSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    public Uri StoreUrl => new(GetString(StoreUrlConfig)!, UriKind.Absolute);

    public Password StoreToken => GetPassword(StoreTokenConfig)!;

    public TimeSpan RetryBackoff => TimeSpan.FromMilliseconds(GetLong(RetryBackoffMsConfig));
}
#endregion

#region connector
/// <summary>Writes the records of the connector's topics to a document store.</summary>
public sealed class DocumentSinkConnector : SinkConnector
{
    private Dictionary<string, string> _settings = [];

    public override string Version => "1.0.0";

    public override Type TaskType => typeof(DocumentSinkTask);

    public override ConfigDef Config => DocumentSinkConfig.ConfigDef;

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _ = new DocumentSinkConfig(config); // throws a ConfigException that names a missing or invalid key
        _settings = new Dictionary<string, string>(config);
    }

    // Sink tasks share the topics' partitions through the consumer group: every task gets the same settings.
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        Enumerable.Repeat<IReadOnlyDictionary<string, string>>(_settings, maxTasks).ToList();

    public override void Stop()
    {
    }
}
#endregion

#region task
/// <summary>Writes each record as the document whose id is the record key, so writing a record twice does no harm.</summary>
public sealed class DocumentSinkTask : SinkTask
{
    private DocumentStoreClient? _store;
    private TimeSpan _retryBackoff;

    public override string Version => "1.0.0";

    /// <summary>Tests replace the HTTP handler; the runtime leaves the default.</summary>
    internal HttpMessageHandler? Handler { get; set; }

    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var settings = new DocumentSinkConfig(config);
        _store = new DocumentStoreClient(settings.StoreUrl, settings.StoreToken, Handler);
        _retryBackoff = settings.RetryBackoff;
    }

    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            try
            {
                var id = DocumentId(record);
                if (record.Value is null)
                {
                    await _store!.DeleteAsync(record.Topic, id, cancellationToken).ConfigureAwait(false); // a tombstone
                }
                else
                {
                    await _store!.PutAsync(record.Topic, id, Document(record.Value), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DataException e) when (Context.ErrantRecordReporter is { } reporter)
            {
                // A record that cannot be written: the runtime logs it, writes it to the dead letter queue
                // (errors.tolerance=all) or fails the task (errors.tolerance=none, the default).
                await reporter.ReportAsync(record, e, cancellationToken).ConfigureAwait(false);
            }
            catch (RetriableException)
            {
                // The store is unavailable: the runtime waits this long, then delivers the whole batch again.
                Context.Timeout(_retryBackoff);
                throw;
            }
        }
    }

    public override void Stop() => _store?.Dispose();

    private static string DocumentId(SinkRecord record) => record.Key switch
    {
        Struct key when key.Schema.FindField("id") is not null && key.Get("id") is { } id => Convert.ToString(id, CultureInfo.InvariantCulture)!,
        string or int or long => Convert.ToString(record.Key, CultureInfo.InvariantCulture)!,
        _ => throw new DataException(
            $"The record at offset {record.KafkaOffset} of {record.Topic}-{record.KafkaPartition} has no usable key: a string, an integer or a struct with an id field."),
    };

    private static object Document(object value) => value switch
    {
        Struct s => Fields(s),
        IReadOnlyDictionary<string, object?> map => map, // schemaless JSON (schemas.enable=false)
        _ => throw new DataException($"Cannot write a {value.GetType().Name} as a document: the value must be a struct or a map."),
    };

    private static Dictionary<string, object?> Fields(Struct s) =>
        s.Schema.Fields.ToDictionary(f => f.Name, f => s.Get(f) is Struct inner ? Fields(inner) : s.Get(f));
}
#endregion

#region client
/// <summary>Calls the document store and sorts its failures into bad records, transient and fatal errors.</summary>
internal sealed class DocumentStoreClient(Uri storeUrl, Password token, HttpMessageHandler? handler) : IDisposable
{
    private readonly HttpClient _http = handler is null ? new HttpClient() : new HttpClient(handler);

    public Task PutAsync(string collection, string id, object document, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, collection, id, JsonContent.Create(document), cancellationToken);

    public Task DeleteAsync(string collection, string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, collection, id, null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(HttpMethod method, string collection, string id, HttpContent? content, CancellationToken cancellationToken)
    {
        var url = new Uri(storeUrl, $"{Uri.EscapeDataString(collection)}/{Uri.EscapeDataString(id)}");
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RetriableException($"Could not reach the document store at {storeUrl}: {e.Message}", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            switch (status)
            {
                case >= 200 and < 300:
                case 404 when method == HttpMethod.Delete: // already gone: deleting is idempotent too
                    return;
                case 400 or 422:
                    throw new DataException($"The document store rejected document {collection}/{id} (HTTP {status}).");
                case 401 or 403:
                    throw new ConnectException($"The document store refused the token (HTTP {status}). Check {DocumentSinkConfig.StoreTokenConfig}.");
                case 429 or >= 500:
                    throw new RetriableException($"The document store answered HTTP {status}.");
                default:
                    throw new ConnectException($"The document store answered HTTP {status} for {collection}/{id}.");
            }
        }
    }
}
#endregion

#region open-close
/// <summary>Appends the values of each partition's records to its own file, <c>topic-partition.jsonl</c>, with the
/// Kafka offset on every line. The files are the truth: a task that is given a partition continues after the
/// partition's last line, so that records delivered again are not written twice.</summary>
public sealed class PartitionFileSinkTask : SinkTask
{
    public const string DirectoryConfig = "directory";

    private readonly Dictionary<TopicPartition, PartitionFile> _files = [];
    private string _directory = "";

    public override string Version => "1.0.0";

    public override void Start(IReadOnlyDictionary<string, string> config) => _directory = config[DirectoryConfig];

    public override void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            var file = new PartitionFile(Path.Combine(_directory, $"{partition.Topic}-{partition.Partition}.jsonl"));
            _files[partition] = file;
            if (file.LastOffset is { } last)
            {
                Context.Offset(partition, last + 1); // consume from after what the file already holds
            }
        }
    }

    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            var file = _files[record.OriginalTopicPartition];
            if (record.OriginalKafkaOffset > (file.LastOffset ?? -1)) // skip records the file already holds
            {
                await file.AppendAsync(record.OriginalKafkaOffset, record.Value?.ToString(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async ValueTask FlushAsync(
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> currentOffsets,
        CancellationToken cancellationToken)
    {
        // Called before the consumer offsets are committed: what was put must be durable now.
        foreach (var partition in currentOffsets.Keys)
        {
            await _files[partition].FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
        // Another task may get these partitions now; release their files.
        foreach (var partition in partitions)
        {
            if (_files.Remove(partition, out var file))
            {
                file.Dispose();
            }
        }
    }

    public override void Stop()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }

        _files.Clear();
    }
}
#endregion

/// <summary>One partition's file of <see cref="PartitionFileSinkTask"/>: a JSON line per record.</summary>
internal sealed class PartitionFile : IDisposable
{
    private readonly StreamWriter _writer;

    public PartitionFile(string path)
    {
        if (File.Exists(path) && File.ReadLines(path).LastOrDefault() is { Length: > 0 } last)
        {
            LastOffset = JsonDocument.Parse(last).RootElement.GetProperty("offset").GetInt64();
        }

        _writer = new StreamWriter(path, append: true);
    }

    public long? LastOffset { get; private set; }

    public async Task AppendAsync(long offset, string? value, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(JsonSerializer.Serialize(new { offset, value }).AsMemory(), cancellationToken).ConfigureAwait(false);
        LastOffset = offset;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public void Dispose() => _writer.Dispose();
}
