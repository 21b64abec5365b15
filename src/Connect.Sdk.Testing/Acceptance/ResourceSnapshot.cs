using System.Diagnostics;
using System.Globalization;

namespace Connect.Sdk.Testing.Acceptance;

/// <summary>
/// Process-wide counts that a connector leaking resources increases: dedicated threads (operating system threads minus
/// thread-pool threads), active timers, and operating system handles. Taken after a full garbage collection, so timers
/// and handles that are only waiting to be finalized do not count.
/// </summary>
internal readonly record struct ResourceSnapshot(int Threads, long Timers, int Handles)
{
    public static ResourceSnapshot Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new ResourceSnapshot(
            process.Threads.Count - ThreadPool.ThreadCount,
            Timer.ActiveCount,
            process.HandleCount);
    }

    /// <summary>The baseline: the largest of a few samples, so that noise before the start does not make a later
    /// sample look like a leak.</summary>
    public static async Task<ResourceSnapshot> BaselineAsync()
    {
        var result = Take();
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(20).ConfigureAwait(false);
            var next = Take();
            result = new ResourceSnapshot(
                Math.Max(result.Threads, next.Threads),
                Math.Max(result.Timers, next.Timers),
                Math.Max(result.Handles, next.Handles));
        }

        return result;
    }

    public bool WithinTolerance(ResourceSnapshot baseline, LeakTolerance tolerance) =>
        Threads - baseline.Threads <= tolerance.Threads
        && Timers - baseline.Timers <= tolerance.Timers
        && Handles - baseline.Handles <= tolerance.Handles;

    public static ResourceSnapshot Min(ResourceSnapshot a, ResourceSnapshot b) =>
        new(Math.Min(a.Threads, b.Threads), Math.Min(a.Timers, b.Timers), Math.Min(a.Handles, b.Handles));

    public string Compare(ResourceSnapshot baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"dedicated threads {baseline.Threads} → {Threads} ({Threads - baseline.Threads:+0;-0;0}), active timers {baseline.Timers} → {Timers} ({Timers - baseline.Timers:+0;-0;0}), handles {baseline.Handles} → {Handles} ({Handles - baseline.Handles:+0;-0;0})");
}
