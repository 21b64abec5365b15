namespace Connect.Sdk.Testing.Acceptance;

/// <summary>
/// How loosely <c>Stop_LeavesNoThreadsOrTimers</c> compares process-wide resource counts before the connector started
/// and after it stopped. The counts are shared with everything else in the test process, so other tests running at the
/// same time can disturb them; raise these numbers, or run acceptance test classes in a collection without
/// parallelization, if the check reports noise.
/// </summary>
public sealed record LeakTolerance
{
    /// <summary>How many more dedicated (non thread-pool) threads may exist after stop than before start.</summary>
    /// <value>The default is 0.</value>
    public int Threads { get; init; }

    /// <summary>How many more active <see cref="System.Threading.Timer"/>s (including those behind
    /// <c>Task.Delay</c> and timed cancellation) may exist after stop than before start.</summary>
    /// <value>The default is 0.</value>
    public long Timers { get; init; }

    /// <summary>How many more operating system handles (open files and sockets) may exist after stop than before start.</summary>
    /// <value>The default is 2.</value>
    public int Handles { get; init; } = 2;

    /// <summary>How long to wait after stop for counts to come down before failing, since threads and timers
    /// may take a moment to end.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);
}
