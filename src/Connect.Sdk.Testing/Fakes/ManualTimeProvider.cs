namespace Connect.Sdk.Testing.Fakes;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when told to, so flush intervals, back-offs and poll timeouts
/// can be tested without waiting. Timers created from it (including those behind
/// <c>Task.Delay(TimeSpan, TimeProvider)</c> and <c>new CancellationTokenSource(TimeSpan, TimeProvider)</c>) fire
/// during <see cref="Advance"/>, in due order.
/// </summary>
/// <remarks>
/// The harnesses recognise this provider: where they would wait (between empty polls, before redelivering after a
/// <see cref="Errors.RetriableException"/>) they advance it instead, so a test runs in simulated time.
/// Thread-safe; timer callbacks run on the thread that calls <see cref="Advance"/>.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _ticks;

    /// <summary>Creates a provider whose clock starts at <paramref name="start"/>.</summary>
    /// <param name="start">The start time; <see langword="null"/> uses 2024-01-01T00:00:00Z so tests are repeatable.</param>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The current time as a <see cref="DateTimeOffset"/>.</summary>
    /// <value>The default is 2024-01-01T00:00:00Z unless another start was given.</value>
    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    /// <summary>How many timers are scheduled to fire.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>How long until the next scheduled timer fires, or <see langword="null"/> when none is scheduled.</summary>
    public TimeSpan? TimeUntilNextTimer
    {
        get
        {
            lock (_gate)
            {
                var next = _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value).DefaultIfEmpty(long.MinValue).Min();
                return next == long.MinValue ? null : TimeSpan.FromTicks(Math.Max(0, next - _ticks));
            }
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way at its due time.</summary>
    /// <param name="delta">How far to move; zero fires timers that are due now.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_gate)
        {
            target = _ticks + delta.Ticks;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers
                    .Where(t => t.DueAt is { } due && due <= target)
                    .OrderBy(t => t.DueAt)
                    .ThenBy(t => t.Sequence)
                    .FirstOrDefault();
                if (next is null)
                {
                    MoveTo(target);
                    return;
                }

                MoveTo(next.DueAt!.Value);
                next.Reschedule();
            }

            next.Fire();
        }
    }

    /// <summary>Moves the clock forward to a point in time; see <see cref="Advance"/>.</summary>
    /// <param name="time">The new time, not earlier than <see cref="Now"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is earlier than <see cref="Now"/>.</exception>
    public void AdvanceTo(DateTimeOffset time) => Advance(time - Now);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            timer.Sequence = _timers.Count == 0 ? 0 : _timers.Max(t => t.Sequence) + 1;
            _timers.Add(timer);
            timer.Schedule(dueTime, period);
        }

        return timer;
    }

    private void MoveTo(long ticks)
    {
        if (ticks > _ticks)
        {
            _now += TimeSpan.FromTicks(ticks - _ticks);
            _ticks = ticks;
        }
    }

    private sealed class ManualTimer : ITimer
    {
        private readonly ManualTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private long _period;

        public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public long? DueAt { get; private set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_owner._gate)
            {
                if (!_owner._timers.Contains(this))
                {
                    return false;
                }

                Schedule(dueTime, period);
                return true;
            }
        }

        public void Dispose()
        {
            lock (_owner._gate)
            {
                DueAt = null;
                _owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        // Called with the owner's lock held.
        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _owner._ticks + Math.Max(0, dueTime.Ticks);
        }

        // Called with the owner's lock held, when the timer fires.
        public void Reschedule() => DueAt = _period > 0 ? DueAt + _period : null;

        public void Fire() => _callback(_state);
    }
}
