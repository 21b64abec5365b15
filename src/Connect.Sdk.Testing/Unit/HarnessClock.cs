using Connect.Sdk.Testing.Fakes;

namespace Connect.Sdk.Testing.Unit;

/// <summary>
/// How the harnesses wait: in real time on a real <see cref="TimeProvider"/>, and by moving the clock of a
/// <see cref="ManualTimeProvider"/>, so tests on simulated time never sleep.
/// </summary>
internal static class HarnessClock
{
    // How long, in real time, a call into a task may run before the harness decides it is waiting on the clock.
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMilliseconds(2);

    /// <summary>Waits for <paramref name="delay"/>: advances a manual clock, or sleeps on a real one.</summary>
    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        if (time is ManualTimeProvider manual)
        {
            cancellationToken.ThrowIfCancellationRequested();
            manual.Advance(delay);
            return Task.CompletedTask;
        }

        return Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>
    /// Awaits a call into a task. On a manual clock, while the call is pending and idle, the clock is moved to the
    /// next timer (never past <paramref name="limit"/> from now), so a task that waits on the clock inside the call
    /// makes progress in simulated time.
    /// </summary>
    public static async Task<T> AwaitAsync<T>(TimeProvider time, Task<T> call, TimeSpan? limit = null)
    {
        if (time is not ManualTimeProvider manual || call.IsCompleted)
        {
            return await call.ConfigureAwait(false);
        }

        var start = manual.GetTimestamp();
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(IdleCheck)).ConfigureAwait(false);
            if (call.IsCompleted || manual.TimeUntilNextTimer is not { } next)
            {
                continue;
            }

            if (limit is { } max)
            {
                var left = max - manual.GetElapsedTime(start);
                if (left <= TimeSpan.Zero)
                {
                    continue;
                }

                next = next < left ? next : left;
            }

            manual.Advance(next);
        }

        return await call.ConfigureAwait(false);
    }

    /// <summary>Awaits a call into a task that returns nothing; see <see cref="AwaitAsync{T}"/>.</summary>
    public static Task AwaitAsync(TimeProvider time, Task call, TimeSpan? limit = null) =>
        AwaitAsync(time, WithResult(call), limit);

    private static async Task<bool> WithResult(Task call)
    {
        await call.ConfigureAwait(false);
        return true;
    }
}
