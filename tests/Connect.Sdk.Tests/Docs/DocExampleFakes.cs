using System.Net;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;
using Connect.Sdk.Storage;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Tests.Docs;

/// <summary>Plays an HTTP API for the doc examples: answers each request with the responder and keeps the requests.</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, string?, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpMethod Method, string Url, string? Body)> Requests { get; } = [];

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!.ToString(), body));
        return respond(request, body);
    }
}

/// <summary>A source task context over fixed committed offsets.</summary>
internal sealed class FakeSourceContext(IReadOnlyDictionary<string, string> configs, params (IReadOnlyDictionary<string, object?> Partition, IReadOnlyDictionary<string, object?> Offset)[] offsets)
    : ISourceTaskContext, IOffsetStorageReader
{
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> _offsets =
        offsets.ToDictionary(o => o.Partition, o => o.Offset, SourcePartitionComparer.Instance);

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IOffsetStorageReader OffsetStorageReader => this;

    public ITransactionContext? TransactionContext => null;

    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition) => _offsets.GetValueOrDefault(partition);

    public IReadOnlyDictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions) =>
        partitions.Where(_offsets.ContainsKey).ToDictionary(p => p, p => _offsets[p], SourcePartitionComparer.Instance);
}

/// <summary>A sink task context that records what the task asks for, with an errant record reporter that keeps the reports.</summary>
internal sealed class FakeSinkContext(IReadOnlyDictionary<string, string> configs, bool withReporter = true) : ISinkTaskContext, IErrantRecordReporter
{
    public List<(SinkRecord Record, Exception Error)> Errant { get; } = [];

    public Dictionary<TopicPartition, long> OffsetRequests { get; } = [];

    public TimeSpan? RequestedTimeout { get; private set; }

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IReadOnlyCollection<TopicPartition> Assignment => [];

    public IErrantRecordReporter? ErrantRecordReporter => withReporter ? this : null;

    public Task ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken = default)
    {
        Errant.Add((record, error));
        return Task.CompletedTask;
    }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        foreach (var (partition, offset) in offsets)
        {
            OffsetRequests[partition] = offset;
        }
    }

    public void Offset(TopicPartition partition, long offset) => OffsetRequests[partition] = offset;

    public void Timeout(TimeSpan timeout) => RequestedTimeout = timeout;

    public void Pause(params TopicPartition[] partitions)
    {
    }

    public void Resume(params TopicPartition[] partitions)
    {
    }

    public void RequestCommit()
    {
    }
}

/// <summary>Reads the examples of docs pages: the properties block after <c>&lt;!-- example: name --&gt;</c>.</summary>
internal static class DocExamples
{
    /// <summary>The example's <c>key=value</c> lines (the subset of the properties format the pages use).</summary>
    public static Dictionary<string, string> Properties(string page, string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", page)).ReplaceLineEndings("\n");
        var marker = $"<!-- example: {name} -->\n```properties\n";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"docs/{page} has the example '{name}'");
        start += marker.Length;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end].Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] is not ('#' or '!'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
    }
}
