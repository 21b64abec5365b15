using System.Diagnostics;
using Connect.Sdk.Benchmarks.EndToEnd;
using Microsoft.Extensions.Logging;

// Usage: Connect.Sdk.Benchmarks.EndToEnd [--smoke] [--cases source,sink,json,latency,memory] [--alloc-profile] [--markdown FILE]
//   --smoke          every case very briefly, only to check it runs (CI); the figures mean nothing
//   --cases          a subset of the cases (json and memory also run the 100 B source case: it warms the worker up, and
//                    memory runs at a share of its throughput)
//   --alloc-profile  also sample allocations by type (runtime GCAllocationTick events) in the throughput cases
//   --markdown FILE  also write the report to FILE
//   --side raw|worker  run only that side of the source and sink cases (for profiling with perf or dotnet-trace)
// Progress goes to standard error, the report to standard output.
// Only warnings and errors are logged, to standard error.
using var loggerFactory = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(console => console.SingleLine = true));

if (args.Length > 0 && args[0] == "--memory-child")
{
    return await MemoryChild.RunAsync(args[1..], loggerFactory);
}

var options = new HarnessOptions();
for (var i = 0; i < args.Length; i++)
{
    options = args[i] switch
    {
        "--smoke" => options with { Smoke = true },
        "--alloc-profile" => options with { AllocationProfile = true },
        "--cases" when i + 1 < args.Length => options with { Cases = ParseCases(args[++i]) },
        "--markdown" when i + 1 < args.Length => options with { MarkdownPath = args[++i] },
        "--side" when i + 1 < args.Length && args[i + 1] is "raw" or "worker" => options with { Side = args[++i] },
        _ => throw new ArgumentException($"Unknown argument {args[i]}. Usage: [--smoke] [--cases {string.Join(',', HarnessOptions.AllCases)}] [--alloc-profile] [--markdown FILE] [--side raw|worker]"),
    };
}

var machine = MachineInfo.Describe();
var watch = Stopwatch.StartNew();
Console.Error.WriteLine($"Connect.Sdk end-to-end benchmarks ({(options.Smoke ? "smoke" : "full")}): {string.Join(", ", options.Cases)}; load average {machine.LoadAtStart}");
Results results;
await using (var harness = await Harness.StartAsync(options, loggerFactory, Console.Error))
{
    await harness.RunAsync();
    results = harness.Results;
}

machine.LoadAtEnd = MachineInfo.LoadAverage();
machine.Duration = watch.Elapsed;
var report = Report.Render(results, options, machine);
Console.WriteLine(report);
if (options.MarkdownPath is { } path)
{
    await File.WriteAllTextAsync(path, report);
}

return 0;

static HashSet<string> ParseCases(string list)
{
    var cases = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    var unknown = cases.Except(HarnessOptions.AllCases).ToList();
    return unknown.Count == 0 ? cases : throw new ArgumentException($"Unknown case(s) {string.Join(", ", unknown)}; the cases are {string.Join(", ", HarnessOptions.AllCases)}.");
}
