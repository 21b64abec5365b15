using System.Diagnostics;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>The process's clock, CPU time and managed allocations at one instant.</summary>
/// <param name="Timestamp">A <see cref="Stopwatch"/> timestamp.</param>
/// <param name="Cpu">The process's CPU time (all threads: .NET, librdkafka and the mock brokers).</param>
/// <param name="Allocated">Bytes allocated on the managed heap by all threads since the process started.</param>
/// <param name="Collections">Garbage collections so far (every generation's count as generation 0's includes them).</param>
/// <param name="GcPause">The time the collector has paused the process so far.</param>
internal readonly record struct Snapshot(long Timestamp, TimeSpan Cpu, long Allocated, int Collections, TimeSpan GcPause)
{
    public static Snapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new Snapshot(Stopwatch.GetTimestamp(), process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.GetTotalPauseDuration());
    }
}

/// <summary>What a throughput measurement of <see cref="Records"/> records found.</summary>
internal sealed record ThroughputResult(long Records, TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Collections, TimeSpan GcPause)
{
    public static ThroughputResult Between(Snapshot start, Snapshot end, long records) => new(
        records,
        Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp),
        end.Cpu - start.Cpu,
        end.Allocated - start.Allocated,
        end.Collections - start.Collections,
        end.GcPause - start.GcPause);

    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    public double CpuMicrosPerRecord => Cpu.TotalMicroseconds / Records;

    public double AllocatedPerRecord => (double)Allocated / Records;

    /// <summary>The median run by throughput, the figures of one run kept together.</summary>
    public static ThroughputResult Median(IReadOnlyList<ThroughputResult> runs)
    {
        var ordered = runs.OrderBy(r => r.RecordsPerSecond).ToList();
        return ordered[ordered.Count / 2];
    }
}

/// <summary>Poll-to-acknowledgement latencies of one run at a fixed rate.</summary>
internal sealed record LatencyResult(double TargetRate, double AchievedRate, int Records, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencyResult From(double targetRate, TimeSpan elapsed, IReadOnlyList<long> stopwatchTicks)
    {
        var sorted = stopwatchTicks.Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);
        return new LatencyResult(
            targetRate,
            stopwatchTicks.Count / elapsed.TotalSeconds,
            sorted.Length,
            Percentile(0.50),
            Percentile(0.99),
            sorted.Length == 0 ? double.NaN : Ms(sorted[^1]));
    }
}

/// <summary>What the memory child process reported.</summary>
internal sealed record MemoryResult(
    int Tasks,
    double TargetRate,
    double AchievedRate,
    double Seconds,
    long PeakRssBytes,
    long SteadyRssBytes,
    long PeakGcHeapBytes,
    long SteadyGcHeapBytes,
    int Gen2Collections,
    string? Note = null);
