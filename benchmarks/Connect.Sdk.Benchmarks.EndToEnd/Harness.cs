using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Connect.Sdk.Json;
using Connect.Sdk.Runtime.DevCluster;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>Runs the end-to-end cases against one development cluster and one worker, each case alternating its raw
/// Confluent.Kafka baseline and the worker in the same process.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private static readonly Dictionary<string, object?> SourcePartition = new() { ["generator"] = "bench" };

    private readonly HarnessOptions _options;
    private readonly DevKafkaCluster _cluster;
    private readonly BenchWorker _worker;
    private readonly TextWriter _log;
    private readonly AllocationSampler? _sampler;
    private int _connectors;

    private Harness(HarnessOptions options, DevKafkaCluster cluster, BenchWorker worker, TextWriter log)
    {
        _options = options;
        _cluster = cluster;
        _worker = worker;
        _log = log;
        _sampler = options.AllocationProfile ? new AllocationSampler() : null;
    }

    public Results Results { get; } = new();

    public static async Task<Harness> StartAsync(HarnessOptions options, ILoggerFactory loggerFactory, TextWriter log)
    {
        var cluster = DevKafkaCluster.Start();
        try
        {
            var worker = await BenchWorker.StartAsync(cluster.BootstrapServers, loggerFactory);
            return new Harness(options, cluster, worker, log);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public async Task RunAsync()
    {
        var cases = _options.Cases;
        if (cases.Contains("source") || cases.Contains("json") || cases.Contains("memory"))
        {
            await SourceCaseAsync();
        }

        if (cases.Contains("sink"))
        {
            await SinkCaseAsync();
        }

        if (cases.Contains("json"))
        {
            await JsonCaseAsync();
        }

        if (cases.Contains("latency"))
        {
            await LatencyCaseAsync();
        }

        if (cases.Contains("memory"))
        {
            await MemoryCaseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        _cluster.Dispose();
        _sampler?.Dispose();
    }

    private async Task SourceCaseAsync()
    {
        var sizes = _options.Cases.Contains("source") ? new[] { 100, 1_024 } : [100];
        foreach (var size in sizes)
        {
            var topic = $"source-{size}";
            _cluster.CreateTopic(topic, 4);
            var payloads = Payloads(size);
            var (warmUp, records) = size == 100 ? (_options.Source100WarmUp, _options.Source100Records) : (_options.Source1KWarmUp, _options.Source1KRecords);
            var raw = new List<ThroughputResult>();
            var worker = new List<ThroughputResult>();
            for (var round = 1; round <= _options.SourceRounds; round++)
            {
                if (_options.Side is null or "raw")
                {
                    raw.Add(await Profiled($"raw Produce() loop, {size} B", records, () => RawClient.ProduceAsync(_cluster.BootstrapServers, topic, payloads, warmUp, records, _options.Timeout)));
                    Progress($"source {size} B round {round}: raw", raw[^1]);
                }

                if (_options.Side is null or "worker")
                {
                    worker.Add(await Profiled($"worker source task, {size} B", records, () => WorkerSourceAsync($"source-{size}", i => ByteRecord(topic, payloads, i), warmUp, records)));
                    Progress($"source {size} B round {round}: worker", worker[^1]);
                }
            }

            if (_options.Side is null)
            {
                Results.Source[size] = (raw, worker);
            }
        }
    }

    private async Task SinkCaseAsync()
    {
        const string topic = "sink-100";
        _cluster.CreateTopic(topic, _options.SinkPartitions);
        var watch = Stopwatch.StartNew();
        RawClient.Prefill(_cluster.BootstrapServers, topic, _options.SinkPartitions, Payloads(100)[0], _options.SinkRecords);
        _log.WriteLine($"sink: filled {topic} with {_options.SinkRecords:N0} records in {watch.Elapsed.TotalSeconds:F1} s");
        // Warm-up (not measured): both sides read a small topic once, so the first measured round is not the one
        // that compiles the code.
        const string warmUpTopic = "sink-warm-up";
        var warmUpRecords = Math.Min(_options.SinkRecords, 50_000);
        _cluster.CreateTopic(warmUpTopic, _options.SinkPartitions);
        RawClient.Prefill(_cluster.BootstrapServers, warmUpTopic, _options.SinkPartitions, Payloads(100)[0], warmUpRecords);
        await RawClient.ConsumeAsync(_cluster.BootstrapServers, warmUpTopic, "raw-sink-warm-up", warmUpRecords, _options.Timeout);
        await WorkerSinkAsync(warmUpTopic, warmUpRecords, keepsRecords: false);
        await WorkerSinkAsync(warmUpTopic, warmUpRecords, keepsRecords: true);

        var raw = new List<ThroughputResult>();
        var worker = new List<ThroughputResult>();
        var keeping = new List<ThroughputResult>();
        for (var round = 1; round <= _options.SinkRounds; round++)
        {
            if (_options.Side is null or "raw")
            {
                raw.Add(await Profiled("raw Consume() loop", _options.SinkRecords, () => RawClient.ConsumeAsync(_cluster.BootstrapServers, topic, $"raw-sink-{round}", _options.SinkRecords, _options.Timeout)));
                Progress($"sink round {round}: raw", raw[^1]);
            }

            if (_options.Side is null or "worker")
            {
                worker.Add(await Profiled("worker null sink task", _options.SinkRecords, () => WorkerSinkAsync(topic, _options.SinkRecords, keepsRecords: false)));
                Progress($"sink round {round}: worker", worker[^1]);
                keeping.Add(await Profiled("worker null sink task keeping records", _options.SinkRecords, () => WorkerSinkAsync(topic, _options.SinkRecords, keepsRecords: true)));
                Progress($"sink round {round}: worker, task keeping records", keeping[^1]);
            }
        }

        if (_options.Side is null)
        {
            Results.Sink = (raw, worker, keeping);
        }
    }

    private async Task JsonCaseAsync()
    {
        var structs = Enumerable.Range(0, 256).Select(i => OrderEventData.ToStruct(OrderEventData.Sample(i))).ToArray();
        var sizes = new Dictionary<bool, int>();
        foreach (var schemas in new[] { true, false })
        {
            using var converter = new JsonConverter();
            converter.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = schemas ? "true" : "false" }, isKey: false);
            sizes[schemas] = (int)structs.Average(s => converter.FromConnectData("json", null, OrderEventData.Schema, s)!.Length);
        }

        var runs = new Dictionary<string, List<ThroughputResult>>(StringComparer.Ordinal);
        void Add(string key, ThroughputResult result)
        {
            if (!runs.TryGetValue(key, out var list))
            {
                runs[key] = list = [];
            }

            list.Add(result);
        }

        var payloads100 = Payloads(100);
        for (var round = 1; round <= _options.JsonRounds; round++)
        {
            // The 100 B reference runs in every round too, next to the runs it is compared with.
            var bytes100 = await WorkerSourceAsync("bytes-100", i => ByteRecord("bytes-100", payloads100, i), _options.JsonWarmUp, _options.JsonRecords);
            Add("bytes-100", bytes100);
            Progress($"byte[] 100 B round {round}", bytes100);
            foreach (var schemas in new[] { true, false })
            {
                var topic = schemas ? "json-schemas" : "json-plain";
                var extra = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["value.converter"] = BenchWorker.JsonConverter,
                    ["value.converter.schemas.enable"] = schemas ? "true" : "false",
                };
                var json = await WorkerSourceAsync(
                    topic,
                    i => new SourceRecord(SourcePartition, Offset(i), topic, valueSchema: OrderEventData.Schema, value: structs[i % structs.Length]),
                    _options.JsonWarmUp,
                    _options.JsonRecords,
                    extra);
                Add($"json-{schemas}", json);
                Progress($"json schemas.enable={schemas} round {round}", json);

                var size = sizes[schemas];
                var sameSizeTopic = $"bytes-{size}";
                var payloads = Payloads(size);
                var bytes = await WorkerSourceAsync(sameSizeTopic, i => ByteRecord(sameSizeTopic, payloads, i), _options.JsonWarmUp, _options.JsonRecords);
                Add($"bytes-{schemas}", bytes);
                Progress($"byte[] {size} B round {round}", bytes);
            }
        }

        Results.Json = new JsonResults(sizes[true], sizes[false], runs["json-True"], runs["json-False"], runs["bytes-True"], runs["bytes-False"], runs["bytes-100"]);
    }

    private async Task LatencyCaseAsync()
    {
        var payload = Payloads(100)[0];
        foreach (var rate in _options.LatencyRates)
        {
            var topic = $"latency-{rate:0}";
            _cluster.CreateTopic(topic, 4);
            var raw = await RawClient.LatencyAsync(_cluster.BootstrapServers, topic, payload, rate, _options.LatencyDuration, _options.LatencyWarmUp);
            _log.WriteLine($"latency {rate:N0}/s raw: p50 {raw.P50Ms:F2} ms, p99 {raw.P99Ms:F2} ms, {raw.Records:N0} records");
            var worker = await WorkerLatencyAsync(topic, payload, rate);
            _log.WriteLine($"latency {rate:N0}/s worker: p50 {worker.P50Ms:F2} ms, p99 {worker.P99Ms:F2} ms, {worker.Records:N0} records");
            Results.Latency.Add((raw, worker));
        }
    }

    private async Task MemoryCaseAsync()
    {
        var max = ThroughputResult.Median(Results.Source[100].Worker).RecordsPerSecond;
        var rate = Math.Round(max * _options.MemoryLoadShare);
        const string topic = "memory";
        _cluster.CreateTopic(topic, _options.MemoryTasks);
        var self = typeof(Harness).Assembly.Location;
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(self);
        }

        foreach (var argument in new[]
                 {
                     "--memory-child", _cluster.BootstrapServers, topic, rate.ToString(CultureInfo.InvariantCulture),
                     _options.MemoryDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture), _options.MemoryTasks.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _log.WriteLine($"memory: a worker process with {_options.MemoryTasks} tasks at {rate:N0} records/s ({_options.MemoryLoadShare:P0} of {max:N0}) for {_options.MemoryDuration.TotalSeconds:F0} s");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the memory worker process.");
        var errors = child.StandardError.ReadToEndAsync();
        MemoryResult? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(MemoryChild.ResultPrefix, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<MemoryResult>(line[MemoryChild.ResultPrefix.Length..]);
            }
            else
            {
                _log.WriteLine("memory: " + line);
            }
        }

        using var timeout = new CancellationTokenSource(_options.MemoryDuration + _options.Timeout);
        await child.WaitForExitAsync(timeout.Token);
        if (child.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"The memory worker process failed (exit code {child.ExitCode}): {await errors}");
        }

        Results.Memory = result;
    }

    private async Task<ThroughputResult> WorkerSourceAsync(string label, Func<int, SourceRecord> build, long warmUp, long records, IReadOnlyDictionary<string, string>? extra = null)
    {
        var feed = new ReleasedFeed(build, _options.BatchSize, batches: 8);
        var feedId = FeedRegistry.Register(_ => feed);
        var name = $"{label}-{Interlocked.Increment(ref _connectors)}";
        await _worker.StartSourceAsync(name, feedId, tasks: 1, extra);
        try
        {
            feed.Release(warmUp);
            await _worker.WhenWrittenAsync(name, feed.Released, _options.Timeout);
            var start = Snapshot.Take();
            var measured = feed.Release(records);
            var end = await _worker.WhenWrittenAsync(name, feed.Released, _options.Timeout);
            return ThroughputResult.Between(start, end, measured);
        }
        finally
        {
            await _worker.DeleteAsync(name);
            FeedRegistry.Remove(feedId);
        }
    }

    private async Task<ThroughputResult> WorkerSinkAsync(string topic, long records, bool keepsRecords)
    {
        var probe = new SinkProbe(records);
        var probeId = SinkProbe.Register(probe);
        var name = $"sink-{Interlocked.Increment(ref _connectors)}";
        await _worker.StartSinkAsync(name, topic, probeId, keepsRecords);
        try
        {
            var start = await WaitAsync(probe.Assigned, name, "first assignment");
            var end = await WaitAsync(probe.Done, name, $"{records:N0} records");
            return ThroughputResult.Between(start, end, records);
        }
        finally
        {
            await _worker.DeleteAsync(name);
            SinkProbe.Remove(probeId);
        }
    }

    private async Task<LatencyResult> WorkerLatencyAsync(string topic, byte[] payload, double rate)
    {
        var total = _options.LatencyWarmUp + _options.LatencyDuration;
        var feed = new LatencyFeed(rate, payload, topic, (int)(rate * total.TotalSeconds * 1.2) + 1_000);
        var feedId = FeedRegistry.Register(_ => feed);
        var name = $"latency-{Interlocked.Increment(ref _connectors)}";
        await _worker.StartSourceAsync(name, feedId, acking: true);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (feed.Elapsed < total)
            {
                if (deadline.Elapsed > total + _options.Timeout)
                {
                    throw new TimeoutException("The latency task did not run: " + _worker.Describe(name));
                }

                await Task.Delay(20);
            }

            feed.Stop();
            var elapsed = feed.Elapsed;
            var drain = Stopwatch.StartNew();
            while (feed.Acked < feed.Sent && drain.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            return LatencyResult.From(rate, elapsed - _options.LatencyWarmUp, feed.Latencies((int)(rate * _options.LatencyWarmUp.TotalSeconds)));
        }
        finally
        {
            await _worker.DeleteAsync(name);
            FeedRegistry.Remove(feedId);
        }
    }

    private async Task<T> WaitAsync<T>(Task<T> task, string connector, string what)
    {
        try
        {
            return await task.WaitAsync(_options.Timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Waited {_options.Timeout.TotalSeconds:F0} s for the {what} of {_worker.Describe(connector)}", e);
        }
    }

    private async Task<ThroughputResult> Profiled(string title, long records, Func<Task<ThroughputResult>> run)
    {
        if (_sampler is null)
        {
            return await run();
        }

        _sampler.Start();
        var result = await run();
        _sampler.Stop();
        Results.AllocationProfiles.Add(_sampler.Report(title, records));
        return result;
    }

    private void Progress(string what, ThroughputResult result) => _log.WriteLine(
        $"{what}: {result.RecordsPerSecond:N0} records/s, {result.CpuMicrosPerRecord:F2} CPU µs/record, {result.AllocatedPerRecord:F0} B/record ({result.Records:N0} records in {result.Elapsed.TotalSeconds:F2} s; {result.Collections} GCs pausing {result.GcPause.TotalMilliseconds:F0} ms)");

    private static SourceRecord ByteRecord(string topic, byte[][] payloads, int i) =>
        new(SourcePartition, Offset(i), topic, value: payloads[i % payloads.Length]);

    private static Dictionary<string, object?> Offset(int i) => new() { ["position"] = (long)i };

    private static byte[][] Payloads(int size)
    {
        var random = new Random(size);
        return Enumerable.Range(0, 16).Select(_ =>
        {
            var payload = new byte[size];
            random.NextBytes(payload);
            return payload;
        }).ToArray();
    }
}

/// <summary>Everything measured, for the report.</summary>
internal sealed class Results
{
    public Dictionary<int, (List<ThroughputResult> Raw, List<ThroughputResult> Worker)> Source { get; } = [];

    /// <summary>The sink rounds: the raw loop, the worker with a task that keeps no records (so the worker reuses
    /// them), and the worker with one that keeps them (the default).</summary>
    public (List<ThroughputResult> Raw, List<ThroughputResult> Worker, List<ThroughputResult> KeepingWorker)? Sink { get; set; }

    public JsonResults? Json { get; set; }

    public List<(LatencyResult Raw, LatencyResult Worker)> Latency { get; } = [];

    public MemoryResult? Memory { get; set; }

    public List<string> AllocationProfiles { get; } = [];
}

/// <summary>The JSON path's median runs, and the byte[] runs with payloads of the same sizes.</summary>
/// <summary>The JSON case's runs, round by round: the same index is the same round.</summary>
internal sealed record JsonResults(
    int SchemasPayloadBytes,
    int PlainPayloadBytes,
    IReadOnlyList<ThroughputResult> Schemas,
    IReadOnlyList<ThroughputResult> Plain,
    IReadOnlyList<ThroughputResult> BytesLikeSchemas,
    IReadOnlyList<ThroughputResult> BytesLikePlain,
    IReadOnlyList<ThroughputResult> Bytes100);
