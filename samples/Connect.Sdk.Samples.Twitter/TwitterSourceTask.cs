using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>
/// Searches the status API for each of its keywords in turn and turns the statuses into records. Each keyword is a
/// source partition <c>{"keyword": k}</c> whose offset <c>{"since_id": id}</c> is the id of the newest status written
/// for it, so a restarted task asks only for newer statuses.
/// </summary>
/// <remarks>
/// A search that returns a full page (<c>search.count</c> statuses) is followed at once by the next one for that
/// keyword; otherwise the keyword rests for <c>poll.interval.ms</c>. HTTP 429, 5xx, timeouts and network errors throw
/// <see cref="RetriableException"/> and the next poll waits first (the API's Retry-After, or a pause that doubles from
/// <c>retry.backoff.ms</c> up to <c>retry.backoff.max.ms</c>); HTTP 401 and other refusals throw
/// <see cref="ConnectException"/>, which fails the task with a message for the operator.
/// </remarks>
public sealed class TwitterSourceTask : SourceTask
{
    /// <summary>The source partition key that holds the keyword.</summary>
    public const string KeywordPartitionField = "keyword";

    /// <summary>The source offset key that holds the id of the newest status written for the keyword.</summary>
    public const string SinceIdOffsetField = "since_id";

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<KeywordState> _keywords = [];
    private StatusSearchClient? _client;
    private string _topic = string.Empty;
    private int _searchCount;
    private TimeSpan _pollInterval;
    private TimeSpan _retryBackoff;
    private TimeSpan _retryBackoffMax;
    private int _failuresInARow;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <summary>The longest a poll waits for a keyword to become due before it returns nothing.</summary>
    internal TimeSpan MaxIdleWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock for rests, back-offs and OAuth timestamps.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>An HTTP handler to use instead of the default one (tests).</summary>
    internal HttpMessageHandler? Handler { get; set; }

    /// <summary>Parses the configuration and reads the stored since-id of each keyword.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Config.ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ConnectException">A stored offset is not a valid since-id.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        var parsed = new TwitterSourceConfig(config);
        _topic = parsed.KafkaStatusTopic;
        _searchCount = parsed.SearchCount;
        _pollInterval = parsed.PollInterval;
        _retryBackoff = parsed.RetryBackoff;
        _retryBackoffMax = parsed.RetryBackoffMax;

        var partitions = parsed.FilterKeywords.ToDictionary(k => k, PartitionOf, StringComparer.Ordinal);
        var offsets = Context.OffsetStorageReader.Offsets(partitions.Values);
        _keywords.Clear();
        foreach (var (keyword, partition) in partitions)
        {
            var sinceId = offsets.TryGetValue(partition, out var offset) ? ReadSinceId(keyword, offset) : (long?)null;
            _keywords.Add(new KeywordState(keyword, partition, sinceId));
        }

        _client = new StatusSearchClient(parsed, Clock, Handler);
    }

    /// <summary>Runs the search of the keyword that is due first and returns its new statuses, oldest first.
    /// Waits (at most about a second, so the task stays responsive) while no keyword is due or a back-off runs.</summary>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>The records, possibly empty, or <see langword="null"/> when nothing was due.</returns>
    /// <exception cref="RetriableException">The search failed in a way that may pass; the next poll backs off first.</exception>
    /// <exception cref="ConnectException">The API refused the search (for example HTTP 401) or answered nonsense.</exception>
    public override async ValueTask<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var client = _client ?? throw new InvalidOperationException("The task has not been started.");
        if (!await WaitUntilAsync(_retryAt, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var next = _keywords.MinBy(k => k.DueAt)!;
        if (!await WaitUntilAsync(next.DueAt, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        IReadOnlyList<SearchStatus> statuses;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token))
        {
            try
            {
                statuses = await client.SearchAsync(next.Keyword, next.SinceId, _searchCount, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                && _stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Stop cancelled the search (or disposed the client under it).
                return null;
            }
            catch (TransientSearchException e)
            {
                _failuresInARow++;
                var wait = e.RetryAfter ?? Backoff(_failuresInARow);
                _retryAt = Clock.GetUtcNow() + wait;
                throw new RetriableException($"{e.Message} Searching again in {wait.TotalMilliseconds:0} ms.", e);
            }
        }

        _failuresInARow = 0;
        var records = new List<SourceRecord>(statuses.Count);
        foreach (var status in statuses.Where(s => s.Id > (next.SinceId ?? long.MinValue)).OrderBy(s => s.Id))
        {
            records.Add(ToRecord(next, status));
            next.SinceId = status.Id;
        }

        // A full page means there may be more: search again at once. Otherwise the keyword has caught up.
        next.DueAt = statuses.Count >= _searchCount ? Clock.GetUtcNow() : Clock.GetUtcNow() + _pollInterval;
        return records;
    }

    /// <summary>Wakes a waiting poll and cancels a search in flight. May be called from another thread than the poll.</summary>
    public override void Stop()
    {
        _stopping.Cancel();
        _client?.Dispose();
    }

    private SourceRecord ToRecord(KeywordState keyword, SearchStatus status)
    {
        var createdAt = status.CreatedAt.UtcDateTime;
        var key = new Struct(StatusSchemas.StatusKey).Put(StatusSchemas.IdField, status.Id);
        var user = new Struct(StatusSchemas.User)
            .Put(StatusSchemas.IdField, status.UserId)
            .Put(StatusSchemas.ScreenNameField, status.ScreenName);
        var value = new Struct(StatusSchemas.Status)
            .Put(StatusSchemas.IdField, status.Id)
            .Put(StatusSchemas.CreatedAtField, createdAt)
            .Put(StatusSchemas.TextField, status.Text)
            .Put(StatusSchemas.UserField, user)
            .Put(StatusSchemas.KeywordField, keyword.Keyword);
        return new SourceRecord(
            keyword.Partition,
            new Dictionary<string, object?> { [SinceIdOffsetField] = status.Id }.AsReadOnly(),
            _topic,
            keySchema: StatusSchemas.StatusKey,
            key: key,
            valueSchema: StatusSchemas.Status,
            value: value,
            timestamp: status.CreatedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>The pause after the n-th failure in a row: retry.backoff.ms doubled per failure, capped.</summary>
    private TimeSpan Backoff(int failures)
    {
        var millis = _retryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(millis, _retryBackoffMax.TotalMilliseconds));
    }

    /// <summary>Waits until a time, at most <see cref="MaxIdleWait"/>; <see langword="false"/> when the time has not
    /// come yet (or the task is stopping), so the poll returns and the runtime gets control back.</summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        var wait = time - Clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return !_stopping.IsCancellationRequested;
        }

        var capped = wait > MaxIdleWait;
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await Task.WhenAny(Task.Delay(capped ? MaxIdleWait : wait, Clock, wake.Token)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        // A timer may fire a little before the wall clock reaches the time; a full wait counts as reaching it.
        return !_stopping.IsCancellationRequested && (!capped || Clock.GetUtcNow() >= time);
    }

    private static IReadOnlyDictionary<string, object?> PartitionOf(string keyword) =>
        new Dictionary<string, object?> { [KeywordPartitionField] = keyword }.AsReadOnly();

    private static long ReadSinceId(string keyword, IReadOnlyDictionary<string, object?> offset)
    {
        offset.TryGetValue(SinceIdOffsetField, out var value);
        return value switch
        {
            long l => l,
            int i => i,
            _ => throw new ConnectException(
                $"The stored offset of keyword '{keyword}', {{{SinceIdOffsetField}={value ?? "null"}}}, is not valid: '{SinceIdOffsetField}' must be an integer status id."),
        };
    }

    private sealed class KeywordState(string keyword, IReadOnlyDictionary<string, object?> partition, long? sinceId)
    {
        public string Keyword { get; } = keyword;

        public IReadOnlyDictionary<string, object?> Partition { get; } = partition;

        public long? SinceId { get; set; } = sinceId;

        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MinValue;
    }
}
