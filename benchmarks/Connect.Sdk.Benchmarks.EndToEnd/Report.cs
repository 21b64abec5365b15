using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>Prints the results as Markdown tables with the ratios against issue 10's targets.</summary>
internal static class Report
{
    public const double MinThroughputRatio = 0.8;
    public const double MaxExtraBytesPerRecord = 64;
    public const double MinJsonRatio = 0.5;
    public const double MaxExtraP99Ms = 1.0;
    public const long MaxRssBytes = 256L * 1024 * 1024;

    /// <summary>The heading line every report starts with; the smoke test looks for it.</summary>
    public const string Title = "## Connect.Sdk end-to-end benchmarks";

    public static string Render(Results results, HarnessOptions options, MachineInfo machine)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Title} ({(options.Smoke ? "smoke run: every case ran very briefly, the figures mean nothing" : "full run")})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine.Cores} cores ({machine.Cpu}), {machine.Os}; load average (1/5/15 min) {machine.LoadAtStart} at the start, {machine.LoadAtEnd} at the end.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Software: {RuntimeInformation.FrameworkDescription}, {machine.GcMode} GC, Confluent.Kafka {machine.ConfluentKafka}, librdkafka {machine.Librdkafka}; Kafka is librdkafka's mock cluster (1 broker) in the same process.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Producers (worker and raw): acks=all, enable.idempotence=true, linger.ms={ClientSettings.LingerMs}, message.timeout.ms=0, dotnet.producer.delivery.report.fields=timestamp. Consumers (worker and raw): a new group each run, auto.offset.reset=earliest, cooperative-sticky, queued.max.messages.kbytes={ClientSettings.PrefetchKilobytes} and fetch.queue.backoff.ms=0 (prefetching never pauses; with the defaults it pauses for whole seconds, which swamps the client's own cost), fetch.wait.max.ms={ClientSettings.FetchWaitMaxMs} (with the default 500 ms the broker's waits set the pace of both sides).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Raw and worker runs alternate ({options.SourceRounds} rounds per source case, {options.SinkRounds} for the sink, {options.JsonRounds} for JSON); each figure is the median over the rounds, and a ratio is the median of the ratios of each round's adjacent runs, which cancels slow changes in the machine's load. CPU is the process's CPU time (all threads, the brokers' included) per record; allocation is GC.GetTotalAllocatedBytes (all threads) per record. Suite time {machine.Duration.TotalSeconds:F0} s.");
        text.AppendLine();

        if (results.Source.Count > 0 || results.Sink is not null)
        {
            text.AppendLine("### Source and sink paths: worker against the raw client");
            text.AppendLine();
            text.AppendLine("| Case | Raw records/s | Worker records/s | Ratio (target ≥ 0.80) | Raw CPU µs/rec | Worker CPU µs/rec | Raw B/rec | Worker B/rec | Extra B/rec (target ≤ 64) | Result |");
            text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var (size, (raw, worker)) in results.Source.OrderBy(e => e.Key))
            {
                text.AppendLine(ThroughputRow($"Source, {Size(size)} records, ByteArrayConverter", raw, worker));
            }

            if (results.Sink is { } sink)
            {
                text.AppendLine(ThroughputRow($"Sink, 100 B records, {options.SinkPartitions} partitions, null task (keeps no records)", sink.Raw, sink.Worker));
                text.AppendLine(ThroughputRow("Sink, the same with a task that keeps records (SinkTask's default)", sink.Raw, sink.KeepingWorker, reference: true));
            }

            text.AppendLine();
            text.AppendLine("Every run, records/s (raw / worker, in order): " + string.Join("; ", results.Source.OrderBy(e => e.Key)
                .Select(e => $"source {Size(e.Key)}: {Runs(e.Value.Raw)} / {Runs(e.Value.Worker)}")
                .Concat(results.Sink is { } s ? [$"sink: {Runs(s.Raw)} / {Runs(s.Worker)} / keeping records {Runs(s.KeepingWorker)}"] : [])) + ".");
            text.AppendLine();
        }

        if (results.Json is { } json)
        {
            var reference = ThroughputResult.Median(json.Bytes100);
            text.AppendLine("### JSON path: a 20-field struct through JsonConverter in the worker");
            text.AppendLine();
            text.AppendLine("| Case | Payload B | Records/s | vs byte[] 100 B path (target ≥ 0.50) | vs byte[] path of the same size | CPU µs/rec | B/rec | Result |");
            text.AppendLine("|---|--:|--:|--:|--:|--:|--:|---|");
            text.AppendLine(JsonRow("JsonConverter, schemas.enable=true", json.SchemasPayloadBytes, json.Schemas, json.Bytes100, json.BytesLikeSchemas, verdict: true));
            text.AppendLine(JsonRow("JsonConverter, schemas.enable=false", json.PlainPayloadBytes, json.Plain, json.Bytes100, json.BytesLikePlain, verdict: true));
            text.AppendLine(Invariant($"| byte[] (reference) | 100 | {reference.RecordsPerSecond:N0} | 1.00 | | {reference.CpuMicrosPerRecord:F2} | {reference.AllocatedPerRecord:F0} | |"));
            text.AppendLine(JsonRow("byte[] (reference)", json.SchemasPayloadBytes, json.BytesLikeSchemas, json.Bytes100, json.BytesLikeSchemas, verdict: false));
            text.AppendLine(JsonRow("byte[] (reference)", json.PlainPayloadBytes, json.BytesLikePlain, json.Bytes100, json.BytesLikePlain, verdict: false));
            text.AppendLine();
            text.AppendLine(Invariant($"Every JSON round, records/s (100 B / schemas / same size / plain / same size): {string.Join("; ", json.Bytes100.Select((b, i) => $"{b.RecordsPerSecond:N0} / {json.Schemas[i].RecordsPerSecond:N0} / {json.BytesLikeSchemas[i].RecordsPerSecond:N0} / {json.Plain[i].RecordsPerSecond:N0} / {json.BytesLikePlain[i].RecordsPerSecond:N0}"))}."));
            text.AppendLine();
        }

        if (results.Latency.Count > 0)
        {
            text.AppendLine(Invariant($"### Latency from poll to acknowledgement at fixed rates (linger.ms={ClientSettings.LingerMs} for both)"));
            text.AppendLine();
            text.AppendLine("| Rate | Raw p50 ms | Raw p99 ms | Worker p50 ms | Worker p99 ms | p99 difference (target ≤ +1 ms) | Raw max ms | Worker max ms | Records raw / worker | Result |");
            text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var (raw, worker) in results.Latency)
            {
                // Rounded first (and -0 made 0) so that a difference that prints as zero has no sign.
                var difference = Math.Round(worker.P99Ms - raw.P99Ms, 2) + 0.0;
                text.AppendLine(Invariant(
                    $"| {raw.TargetRate:N0}/s | {raw.P50Ms:F2} | {raw.P99Ms:F2} | {worker.P50Ms:F2} | {worker.P99Ms:F2} | {difference:+0.00;-0.00;0.00} | {raw.MaxMs:F1} | {worker.MaxMs:F1} | {raw.Records:N0} / {worker.Records:N0} | {Verdict(difference <= MaxExtraP99Ms)} |"));
            }

            text.AppendLine();
        }

        if (results.Memory is { } memory)
        {
            text.AppendLine(Invariant($"### Memory: a worker process running {memory.Tasks} source tasks for {memory.Seconds:F0} s at {options.MemoryLoadShare:P0} of the measured maximum"));
            text.AppendLine();
            text.AppendLine("| Tasks | Target records/s | Achieved records/s | Peak RSS MB (target < 256) | Steady RSS MB | Peak GC heap MB | Steady GC heap MB | Gen 2 GCs | Result |");
            text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|");
            text.AppendLine(Invariant(
                $"| {memory.Tasks} | {memory.TargetRate:N0} | {memory.AchievedRate:N0} | {Mb(memory.PeakRssBytes)} | {Mb(memory.SteadyRssBytes)} | {Mb(memory.PeakGcHeapBytes)} | {Mb(memory.SteadyGcHeapBytes)} | {memory.Gen2Collections} | {Verdict(memory.PeakRssBytes < MaxRssBytes)} |"));
            if (memory.Note is not null)
            {
                text.AppendLine();
                text.AppendLine("**The run was " + memory.Note + ".**");
            }

            text.AppendLine();
            text.AppendLine("The worker runs in a process of its own (RSS is the worker's alone); the development cluster stays in the harness process. Steady = average of the last third of the per-second samples; GC heap = heap size after the latest GC.");
            text.AppendLine();
        }

        foreach (var profile in results.AllocationProfiles)
        {
            text.AppendLine(profile);
        }

        return text.ToString();
    }

    /// <summary>A row of the source and sink table. A <paramref name="reference"/> row (the sink task that keeps its
    /// records) gets no verdict: it shows what SinkTask's default costs next to the null task the targets are for,
    /// which keeps none.</summary>
    private static string ThroughputRow(string name, IReadOnlyList<ThroughputResult> rawRuns, IReadOnlyList<ThroughputResult> workerRuns, bool reference = false)
    {
        var raw = ThroughputResult.Median(rawRuns);
        var worker = ThroughputResult.Median(workerRuns);
        var ratio = Median(rawRuns.Zip(workerRuns, (r, w) => w.RecordsPerSecond / r.RecordsPerSecond));
        var extra = Math.Round(Median(workerRuns.Select(w => w.AllocatedPerRecord)) - Median(rawRuns.Select(r => r.AllocatedPerRecord))) + 0.0;
        var verdict = (ratio >= MinThroughputRatio, extra <= MaxExtraBytesPerRecord) switch
        {
            _ when reference => "reference, no verdict",
            (true, true) => "meets both",
            (true, false) => "throughput met; **allocation missed**",
            (false, true) => "**throughput missed**; allocation met",
            _ => "**both missed**",
        };
        return Invariant(
            $"| {name} | {raw.RecordsPerSecond:N0} | {worker.RecordsPerSecond:N0} | {ratio:F2} | {raw.CpuMicrosPerRecord:F2} | {worker.CpuMicrosPerRecord:F2} | {raw.AllocatedPerRecord:F0} | {worker.AllocatedPerRecord:F0} | {extra:+0;-0;0} | {verdict} |");
    }

    /// <summary>A row of the JSON table: medians of the runs, and ratios as medians of each round's ratios.</summary>
    private static string JsonRow(string name, int payload, IReadOnlyList<ThroughputResult> runs, IReadOnlyList<ThroughputResult> bytes100, IReadOnlyList<ThroughputResult> sameSize, bool verdict)
    {
        var median = ThroughputResult.Median(runs);
        var ratio = Median(runs.Zip(bytes100, (run, reference) => run.RecordsPerSecond / reference.RecordsPerSecond));
        var sameSizeRatio = Median(runs.Zip(sameSize, (run, reference) => run.RecordsPerSecond / reference.RecordsPerSecond));
        return Invariant(
            $"| {name} | {payload} | {median.RecordsPerSecond:N0} | {ratio:F2} | {sameSizeRatio:F2} | {median.CpuMicrosPerRecord:F2} | {median.AllocatedPerRecord:F0} | {(verdict ? Verdict(ratio >= MinJsonRatio) : "")} |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Runs(IEnumerable<ThroughputResult> runs) => string.Join(", ", runs.Select(r => r.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));

    private static string Verdict(bool met) => met ? "meets" : "**missed**";

    private static string Size(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KB" : $"{bytes} B";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where the run happened.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string GcMode, string ConfluentKafka, string Librdkafka, string LoadAtStart)
{
    public string LoadAtEnd { get; set; } = "?";

    public TimeSpan Duration { get; set; }

    public static MachineInfo Describe() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
        typeof(Confluent.Kafka.Library).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?",
        Confluent.Kafka.Library.VersionString,
        LoadAverage());

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string? FirstValue(string file, string key, char separator)
    {
        try
        {
            return File.ReadLines(file)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
