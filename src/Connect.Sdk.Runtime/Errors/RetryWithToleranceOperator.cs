using Confluent.Kafka;
using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;

namespace Connect.Sdk.Runtime.Errors;

/// <summary>
/// Runs a record's converter and transform operations under the connector's error settings, as Kafka Connect does:
/// a <see cref="RetriableException"/> is retried with exponential backoff and jitter (starting at 300 ms, never longer than
/// <c>errors.retry.delay.max.ms</c>) until <c>errors.retry.timeout</c> passes; a failure is then either tolerated
/// (<c>errors.tolerance=all</c>: reported to the log and dead letter queue, the record is skipped) or fails the task
/// with "Tolerance exceeded in error handler".
/// </summary>
public sealed class RetryWithToleranceOperator : IDisposable
{
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(300);

    private readonly TimeSpan _retryTimeout;
    private readonly TimeSpan _maxDelay;
    private readonly bool _tolerateAll;
    private readonly IReadOnlyList<IErrorReporter> _reporters;
    private readonly TimeProvider _time;
    private readonly Action? _onFailedRecord;
    private long _failures;
    private long _skipped;

    /// <summary>Creates the operator.</summary>
    /// <param name="retryTimeout">How long to retry; zero for no retries, <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <param name="maxDelay">The longest pause between retries.</param>
    /// <param name="tolerateAll">Whether failed records are skipped instead of failing the task.</param>
    /// <param name="reporters">Where tolerated errors are reported.</param>
    /// <param name="time">The clock, for tests.</param>
    /// <param name="onFailedRecord">Called for every record that failed for good (the total-record-errors metric).</param>
    public RetryWithToleranceOperator(
        TimeSpan retryTimeout,
        TimeSpan maxDelay,
        bool tolerateAll,
        IReadOnlyList<IErrorReporter> reporters,
        TimeProvider? time = null,
        Action? onFailedRecord = null)
    {
        _onFailedRecord = onFailedRecord;
        _retryTimeout = retryTimeout;
        _maxDelay = maxDelay;
        _tolerateAll = tolerateAll;
        _reporters = reporters;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether failed records are skipped.</summary>
    public bool ToleratesAll => _tolerateAll;

    /// <summary>The number of failed operations (retries included).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The number of records skipped because of tolerated errors.</summary>
    public long SkippedRecords => Interlocked.Read(ref _skipped);

    /// <summary>Runs an operation.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="stage">The stage, for reports.</param>
    /// <param name="executingClass">The class being run, for reports.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="consumed">The original Kafka record (sink tasks), for the dead letter queue.</param>
    /// <param name="record">The Connect record, for the log.</param>
    /// <param name="cancellationToken">Cancels retries.</param>
    /// <returns>The result, or a failed outcome when the error was tolerated.</returns>
    /// <exception cref="ConnectException">The error is not tolerated.</exception>
    public ValueTask<Outcome<T>> ExecuteAsync<T>(
        Stage stage,
        Type executingClass,
        Func<T> operation,
        ConsumeResult<byte[]?, byte[]?>? consumed,
        ConnectRecord? record,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            // The common case: no error, no allocation.
            return ValueTask.FromResult(Outcome<T>.Success(operation()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return RetryAsync(stage, executingClass, operation, consumed, record, e, cancellationToken);
        }
    }

    /// <summary>Runs an operation on a state, as <see cref="ExecuteAsync{T}"/> does; with a static lambda the common
    /// case allocates nothing (no closure per record).</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="stage">The stage, for reports.</param>
    /// <param name="executingClass">The class being run, for reports.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="state">What the operation works on.</param>
    /// <param name="consumed">The original Kafka record (sink tasks), for the dead letter queue.</param>
    /// <param name="record">The Connect record, for the log.</param>
    /// <param name="cancellationToken">Cancels retries.</param>
    /// <returns>The result, or a failed outcome when the error was tolerated.</returns>
    /// <exception cref="ConnectException">The error is not tolerated.</exception>
    internal ValueTask<Outcome<T>> ExecuteAsync<TState, T>(
        Stage stage,
        Type executingClass,
        Func<TState, T> operation,
        TState state,
        ConsumeResult<byte[]?, byte[]?>? consumed,
        ConnectRecord? record,
        CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult(Outcome<T>.Success(operation(state)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return RetryAsync(stage, executingClass, Bind(operation, state), consumed, record, e, cancellationToken);
        }
    }

    /// <summary>Carries on after an operation's first attempt failed outside the operator, exactly as
    /// <see cref="ExecuteAsync{TState, T}"/> does after its own first attempt fails: retries while the error is
    /// retriable and time is left, then reports or throws.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="stage">The stage, for reports.</param>
    /// <param name="executingClass">The class being run, for reports.</param>
    /// <param name="operation">The operation, for retries.</param>
    /// <param name="state">What the operation works on.</param>
    /// <param name="firstError">What the first attempt threw (not an <see cref="OperationCanceledException"/>).</param>
    /// <param name="consumed">The original Kafka record (sink tasks), for the dead letter queue.</param>
    /// <param name="record">The Connect record, for the log.</param>
    /// <param name="cancellationToken">Cancels retries.</param>
    /// <returns>The result of a retry, or a failed outcome when the error was tolerated.</returns>
    /// <exception cref="ConnectException">The error is not tolerated.</exception>
    internal ValueTask<Outcome<T>> ContinueAfterFailureAsync<TState, T>(
        Stage stage,
        Type executingClass,
        Func<TState, T> operation,
        TState state,
        Exception firstError,
        ConsumeResult<byte[]?, byte[]?>? consumed,
        ConnectRecord? record,
        CancellationToken cancellationToken) =>
        RetryAsync(stage, executingClass, Bind(operation, state), consumed, record, firstError, cancellationToken);

    /// <summary>Handles an error that happened outside <see cref="ExecuteAsync{T}"/> (e.g. a failed produce): reports
    /// it when tolerated, throws otherwise.</summary>
    /// <param name="context">What failed.</param>
    /// <returns>A task that completes when the error has been reported.</returns>
    /// <exception cref="ConnectException">The error is not tolerated.</exception>
    public async Task HandleAsync(ErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _failures);
        _onFailedRecord?.Invoke();
        if (!_tolerateAll)
        {
            throw new ConnectException("Tolerance exceeded in error handler", context.Error);
        }

        Interlocked.Increment(ref _skipped);
        foreach (var reporter in _reporters)
        {
            await reporter.ReportAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the reporters (and so the dead letter queue producer) when the task stops.</summary>
    public void Dispose()
    {
        foreach (var reporter in _reporters)
        {
            reporter.Dispose();
        }
    }

    /// <summary>The pause before retry number <paramref name="attempt"/> (1-based): 300 ms doubled per attempt with up
    /// to 20 % random jitter, never longer than the maximum delay (once there, 80 to 100 % of it, so retries stay
    /// spread), and never past the deadline.</summary>
    /// <param name="attempt">The attempt that failed.</param>
    /// <param name="remaining">Time left before the retry deadline.</param>
    /// <returns>The pause.</returns>
    public TimeSpan Backoff(int attempt, TimeSpan remaining)
    {
        var exponential = MinimumDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var max = _maxDelay.TotalMilliseconds;
        var jitter = Random.Shared.NextDouble() * 0.2;
        var delay = TimeSpan.FromMilliseconds(exponential < max ? Math.Min(exponential * (1 + jitter), max) : max * (1 - jitter));
        return remaining < delay ? remaining : delay;
    }

    // A method of its own, so that the closure is only allocated when an operation failed.
    private static Func<T> Bind<TState, T>(Func<TState, T> operation, TState state) => () => operation(state);

    private async ValueTask<Outcome<T>> RetryAsync<T>(
        Stage stage,
        Type executingClass,
        Func<T> operation,
        ConsumeResult<byte[]?, byte[]?>? consumed,
        ConnectRecord? record,
        Exception firstError,
        CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var attempt = 1;
        var error = firstError;
        while (true)
        {
            Interlocked.Increment(ref _failures);
            if (error is not RetriableException)
            {
                break;
            }

            var elapsed = _time.GetElapsedTime(start);
            var remaining = _retryTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : _retryTimeout - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(Backoff(attempt, remaining), _time, cancellationToken).ConfigureAwait(false);
            attempt++;
            try
            {
                return Outcome<T>.Success(operation());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e;
            }
        }

        // Counted once more by HandleAsync; undo the double count for the final failure.
        Interlocked.Decrement(ref _failures);
        await HandleAsync(new ErrorContext(stage, executingClass, error, consumed, record)).ConfigureAwait(false);
        return Outcome<T>.Failed;
    }
}

/// <summary>The result of an operation run by <see cref="RetryWithToleranceOperator"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
public readonly record struct Outcome<T>
{
    /// <summary>The failed outcome of a tolerated error: skip the record.</summary>
    public static Outcome<T> Failed => new() { IsFailed = true };

    /// <summary>Whether the operation failed and the error was tolerated.</summary>
    public bool IsFailed { get; private init; }

    /// <summary>The operation's result.</summary>
    public T Value { get; private init; }

    /// <summary>A successful outcome.</summary>
    /// <param name="value">The result.</param>
    /// <returns>The outcome.</returns>
    public static Outcome<T> Success(T value) => new() { Value = value };
}
