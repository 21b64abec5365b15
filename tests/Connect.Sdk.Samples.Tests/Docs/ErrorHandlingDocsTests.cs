using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Connect.Sdk.Samples.Tests.Docs;

/// <summary>
/// Runs the scenario of docs/error-handling.md in a worker with the in-process development cluster: plain JSON in a
/// topic whose sink expects the schema envelope fails the task with the trace and log line the page shows; with
/// errors.tolerance=all the record goes to the dead letter queue with the headers the page lists; and a second
/// connector reprocesses the dead letter queue.
/// </summary>
public sealed class ErrorHandlingDocsTests(ITestOutputHelper output) : IDisposable
{
    private const string Page = "error-handling.md";
    private const string Good = """{"schema":{"type":"string","optional":false},"payload":"first order"}""";
    private const string Bad = """{"id":2,"item":"socks"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("connect-sdk-doc-errors-").FullName;

    [Fact]
    public async Task ToleranceNone_PlainJsonFailsTheTask_WithTheTraceAndLogLineOfThePage()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var runtime = await StartAsync(loggerFactory);
        Produce(runtime, "orders", Good, Bad);
        var config = Example("strict-sink");

        await runtime.Herder.PutConnectorConfigAsync(config["name"], config, allowReplace: false);
        var status = await WaitAsync(() => runtime.Herder.ConnectorStatus("orders-file-sink"), s => s.Tasks.Count == 1 && s.Tasks[0].Status.State == ConnectState.Failed);

        var trace = status.Tasks[0].Status.Trace!;
        output.WriteLine(trace);
        status.Connector.State.Should().Be(ConnectState.Running, "a failed task does not fail its connector");
        foreach (var line in DocBlock("failed-trace").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l != "..."))
        {
            trace.Should().Contain(line, "the page quotes the trace");
        }

        File.ReadAllLines(Path.Combine(_folder, "orders.txt")).Should().BeEmpty("the batch with the bad record is not delivered");
        var failure = logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Message.Contains("Task threw an uncaught", StringComparison.Ordinal)).Subject;
        failure.Category.Should().Be("Connect.Sdk.Runtime.Tasks.orders-file-sink");
        failure.Scopes.Should().Equal("[orders-file-sink|task-0]");
        var logLine = DocBlock("failed-log");
        logLine.Should().Contain($"fail: {failure.Category}[0] => {failure.Scopes[0]} {failure.Message}");
    }

    [Fact]
    public async Task ToleranceAll_PlainJsonGoesToTheDeadLetterQueue_AndASecondConnectorReprocessesIt()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var runtime = await StartAsync(loggerFactory);
        Produce(runtime, "orders", Good, Bad);
        var sink = Example("dlq-sink");
        var reprocess = Example("dlq-reprocess");

        await runtime.Herder.PutConnectorConfigAsync(sink["name"], sink, allowReplace: false);
        var dead = await WaitAsync(
            () => ReadAll(runtime, "orders-dlq"),
            r => r.Count == 1,
            r => $"{r.Count} records in orders-dlq [{string.Join(", ", r.Select(d => Encoding.UTF8.GetString(d.Message.Value ?? [])))}], sink task {Describe(runtime.Herder.ConnectorStatus("orders-file-sink"))}; log:\n{string.Join("\n", logs.Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"))}");
        await runtime.Herder.PutConnectorConfigAsync(reprocess["name"], reprocess, allowReplace: false);
        var reprocessed = Path.Combine(_folder, "orders-reprocessed.txt");
        await WaitAsync(() => File.Exists(reprocessed) ? File.ReadAllLines(reprocessed) : [], l => l.Length == 1);

        File.ReadAllLines(Path.Combine(_folder, "orders.txt")).Should().Equal("first order");
        Encoding.UTF8.GetString(dead[0].Message.Value!).Should().Be(Bad, "the dead letter queue keeps the original bytes");
        var headers = dead[0].Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        output.WriteLine(string.Join('\n', headers.Select(h => $"{h.Key}={h.Value}")));
        var documented = Regex.Matches(File.ReadAllText(RepositoryFiles.DocsPage(Page)), @"^\| `(?<name>__connect\.errors\.[a-z.]+)` \| (?<example>[^|]*) \|", RegexOptions.Multiline);
        headers.Keys.Should().BeEquivalentTo(documented.Select(m => m.Groups["name"].Value), "the page lists every header the runtime writes");
        foreach (Match row in documented)
        {
            var example = row.Groups["example"].Value.Trim();
            if (example.StartsWith('`') && !example.Contains('…', StringComparison.Ordinal))
            {
                headers[row.Groups["name"].Value].Should().Be(example.Trim('`'), $"the page shows the value of {row.Groups["name"].Value}");
            }
        }

        File.ReadAllLines(reprocessed).Should().Equal(Bad);
        runtime.Herder.ConnectorStatus("orders-file-sink").Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<StandaloneRuntime> StartAsync(ILoggerFactory loggerFactory)
    {
        var worker = new Dictionary<string, string>
        {
            ["dev.cluster.enabled"] = "true",
            ["offset.flush.interval.ms"] = "200",
            ["task.shutdown.graceful.timeout.ms"] = "10000",
        };
        var runtime = await StandaloneRuntime.StartAsync(worker, [], loggerFactory);
        runtime.DevCluster!.CreateTopic("orders");
        runtime.DevCluster.CreateTopic("orders-dlq");
        return runtime;
    }

    /// <summary>A connector configuration of the page, with its file in this test's folder.</summary>
    private Dictionary<string, string> Example(string name) =>
        new(ConfigurationExamplesTests.Example(Page, name), StringComparer.Ordinal)
        {
            ["file"] = Path.Combine(_folder, ConfigurationExamplesTests.Example(Page, name)["file"]),
        };

    private static string DocBlock(string name)
    {
        var text = File.ReadAllText(RepositoryFiles.DocsPage(Page)).ReplaceLineEndings("\n");
        var match = Regex.Match(text, $@"<!-- example: {Regex.Escape(name)} -->\n```text\n(?<body>.*?)```", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"docs/{Page} has the block '{name}'");
        return match.Groups["body"].Value;
    }

    private static void Produce(StandaloneRuntime runtime, string topic, params string[] values)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = runtime.DevCluster!.BootstrapServers }).Build();
        foreach (var value in values)
        {
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes(value) });
        }

        producer.Flush(TimeSpan.FromSeconds(15)).Should().Be(0);
    }

    /// <summary>Every record of the topic's only partition: reads up to its high watermark, however long the first
    /// fetch takes (a pause in a busy test run is not the end of the partition).</summary>
    private static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(StandaloneRuntime runtime, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = runtime.DevCluster!.BootstrapServers,
            GroupId = "docs-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        var partition = new Confluent.Kafka.TopicPartition(topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (end <= 0)
        {
            return records;
        }

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (records.Count == 0 || records[^1].Offset.Value < end - 1))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false } result)
            {
                records.Add(result);
            }
        }

        return records;
    }

    private static string Describe(Connect.Sdk.Runtime.Herder.ConnectorStateInfo status) =>
        string.Join("; ", status.Tasks.Select(t => $"{t.Status.State} {t.Status.Trace}"));

    private static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the scenario should get there in time; last state: {(describe is null ? value : describe(value))}");
            await Task.Delay(100);
        }
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<string> Scopes);

    /// <summary>Keeps every log entry with its scopes, as the worker's console formatter would print them.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly List<LogEntry> _entries = [];
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<LogEntry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                provider._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
                lock (provider._entries)
                {
                    provider._entries.Add(new LogEntry(category, logLevel, formatter(state, exception), scopes));
                }
            }
        }
    }
}
