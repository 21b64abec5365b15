using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Connect.Sdk.Source;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// The memory case's worker: a process of its own (so its RSS is the worker's, not the development cluster's, which
/// stays in the parent) running one source connector with N tasks at a fixed total rate, sampling RSS and the GC heap
/// every second. It prints one <see cref="ResultPrefix"/> line of JSON at the end.
/// </summary>
internal static class MemoryChild
{
    public const string ResultPrefix = "RESULT ";

    /// <summary>A run whose RSS passes this is stopped early (the machine is shared).</summary>
    private const long RssLimitBytes = 2L * 1024 * 1024 * 1024;

    /// <param name="args">bootstrap servers, topic, total records/s, seconds, tasks.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ILoggerFactory loggerFactory)
    {
        var bootstrap = args[0];
        var topic = args[1];
        var rate = double.Parse(args[2], CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
        var tasks = int.Parse(args[4], CultureInfo.InvariantCulture);

        var payload = new byte[100];
        new Random(100).NextBytes(payload);
        var partition = new Dictionary<string, object?> { ["generator"] = "memory" };
        var feeds = new PacedRingFeed[tasks];
        for (var t = 0; t < tasks; t++)
        {
            feeds[t] = new PacedRingFeed(
                rate / tasks,
                i => new SourceRecord(partition, new Dictionary<string, object?> { ["position"] = (long)i }, topic, value: payload),
                ringSize: 4_096);
        }

        var feedId = FeedRegistry.Register(task => feeds[task]);
        await using var worker = await BenchWorker.StartAsync(bootstrap, loggerFactory);
        await worker.StartSourceAsync("memory", feedId, tasks);

        var samples = new List<(double Seconds, long Rss, long Heap, long Acked)>();
        var watch = Stopwatch.StartNew();
        var next = TimeSpan.FromSeconds(1);
        string? note = null;
        while (watch.Elapsed < duration && note is null)
        {
            var wait = next - watch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            next += TimeSpan.FromSeconds(1);
            var sample = (watch.Elapsed.TotalSeconds, ReadRss(), GC.GetGCMemoryInfo().HeapSizeBytes, worker.Written("memory", tasks));
            samples.Add(sample);
            if (samples.Count % 10 == 0 || duration < TimeSpan.FromSeconds(10))
            {
                Console.WriteLine($"{sample.Item1:F0} s: RSS {sample.Item2 / 1048576.0:F1} MB, GC heap {sample.Item3 / 1048576.0:F1} MB, {sample.Item4:N0} records acknowledged");
            }

            if (sample.Item2 > RssLimitBytes)
            {
                note = $"stopped after {sample.Item1:F0} s: RSS passed {RssLimitBytes / 1048576} MB";
            }
        }

        var failures = worker.Describe("memory");
        var steady = samples.Skip(samples.Count * 2 / 3).ToList();
        var from = samples[Math.Min(samples.Count - 1, samples.Count / 6)];
        var last = samples[^1];
        var result = new MemoryResult(
            tasks,
            rate,
            (last.Acked - from.Acked) / Math.Max(0.001, last.Seconds - from.Seconds),
            watch.Elapsed.TotalSeconds,
            samples.Max(s => s.Rss),
            (long)steady.Average(s => s.Rss),
            samples.Max(s => s.Heap),
            (long)steady.Average(s => s.Heap),
            GC.CollectionCount(2),
            note);
        if (failures.Contains("FAILED", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync(failures);
            return 1;
        }

        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The resident set size from /proc/self/status (VmRSS), in bytes.</summary>
    private static long ReadRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
