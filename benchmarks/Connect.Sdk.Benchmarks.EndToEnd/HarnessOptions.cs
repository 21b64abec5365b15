namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>What to run and how big: the full suite (about 3 minutes of measuring) or a smoke pass (seconds) that only
/// checks every case executes.</summary>
internal sealed record HarnessOptions
{
    public static readonly string[] AllCases = ["source", "sink", "json", "latency", "memory"];

    public bool Smoke { get; init; }

    public IReadOnlySet<string> Cases { get; init; } = new HashSet<string>(AllCases, StringComparer.Ordinal);

    public bool AllocationProfile { get; init; }

    public string? MarkdownPath { get; init; }

    /// <summary>For profiling one side of the throughput cases: <c>raw</c> or <c>worker</c> runs only that side (the
    /// report then has no ratios); <see langword="null"/> runs both.</summary>
    public string? Side { get; init; }

    /// <summary>Raw and worker runs of each source case, alternating; medians are reported.</summary>
    public int SourceRounds => Smoke ? 1 : 5;

    /// <summary>Raw and worker runs of the sink case (each reads the whole topic, about 2 s).</summary>
    public int SinkRounds => Smoke ? 1 : 5;

    /// <summary>Runs of each JSON-path case.</summary>
    public int JsonRounds => Smoke ? 1 : 5;

    /// <summary>Records a source task returns per poll.</summary>
    public int BatchSize => Smoke ? 500 : 1_000;

    public long Source100WarmUp => Smoke ? 5_000 : 100_000;

    public long Source100Records => Smoke ? 20_000 : 1_500_000;

    public long Source1KWarmUp => Smoke ? 2_000 : 20_000;

    public long Source1KRecords => Smoke ? 5_000 : 500_000;

    /// <summary>32 partitions hold 1M records of 100 B well inside the mock cluster's 5 MiB per partition.</summary>
    public int SinkPartitions => 32;

    public long SinkRecords => Smoke ? 20_000 : 1_000_000;

    public long JsonWarmUp => Smoke ? 2_000 : 20_000;

    public long JsonRecords => Smoke ? 5_000 : 200_000;

    public IReadOnlyList<double> LatencyRates => [1_000, 10_000];

    public TimeSpan LatencyDuration => Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(6);

    /// <summary>The first part of each latency run, not counted.</summary>
    public TimeSpan LatencyWarmUp => Smoke ? TimeSpan.FromSeconds(0.3) : TimeSpan.FromSeconds(1);

    public int MemoryTasks => 8;

    public TimeSpan MemoryDuration => Smoke ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(60);

    /// <summary>The memory case runs at this share of the worker's measured maximum (100 B source path).</summary>
    public double MemoryLoadShare => 0.8;

    /// <summary>How long any one wait may take before the run is declared stuck.</summary>
    public TimeSpan Timeout => Smoke ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(180);
}
