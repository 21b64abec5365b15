using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Errors;

namespace Connect.Sdk.Runtime.Tests.Errors;

public class RetryWithToleranceOperatorTests
{
    private readonly AutoAdvancingTimeProvider _time = new();
    private readonly RecordingReporter _reporter = new();

    [Fact]
    public async Task ExecuteAsync_Success_RunsOnceWithoutDelay()
    {
        var calls = 0;
        var errors = Operator(TimeSpan.FromSeconds(10), tolerateAll: false);

        var outcome = await errors.ExecuteAsync(Stage.ValueConverter, typeof(string), () => ++calls, null, null, CancellationToken.None);

        outcome.IsFailed.Should().BeFalse();
        outcome.Value.Should().Be(1);
        _time.Delays.Should().BeEmpty();
        errors.Failures.Should().Be(0);
    }

    [Fact]
    public async Task ExecuteAsync_RetriableException_IsRetriedWithGrowingBackoffUntilItSucceeds()
    {
        var calls = 0;
        var errors = Operator(TimeSpan.FromMinutes(1), tolerateAll: false);

        var outcome = await errors.ExecuteAsync(
            Stage.KeyConverter,
            typeof(string),
            () => ++calls <= 3 ? throw new RetriableException("not yet") : "done",
            null,
            null,
            CancellationToken.None);

        outcome.Value.Should().Be("done");
        calls.Should().Be(4);
        _time.Delays.Should().HaveCount(3);
        _time.Delays[0].TotalMilliseconds.Should().BeInRange(300, 360);
        _time.Delays[1].TotalMilliseconds.Should().BeInRange(600, 720);
        _time.Delays[2].TotalMilliseconds.Should().BeInRange(1200, 1440);
        errors.Failures.Should().Be(3);
        _reporter.Reports.Should().BeEmpty("errors that were retried away are not reported");
    }

    [Fact]
    public async Task ExecuteAsync_RetriableExceptionUntilTheTimeout_FailsWithToleranceNone()
    {
        var calls = 0;
        var errors = Operator(TimeSpan.FromSeconds(5), tolerateAll: false);

        var act = async () => await errors.ExecuteAsync<int>(Stage.ValueConverter, typeof(string), () => { calls++; throw new RetriableException("still down"); }, null, null, CancellationToken.None);

        (await act.Should().ThrowAsync<ConnectException>().WithMessage("Tolerance exceeded in error handler"))
            .Which.InnerException.Should().BeOfType<RetriableException>().Which.Message.Should().Be("still down");
        calls.Should().BeGreaterThan(3);
        _time.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5)).And.BeLessThan(TimeSpan.FromSeconds(6), "the last pause ends at the deadline");
        _time.Delays.Sum(d => d.TotalMilliseconds).Should().BeLessThanOrEqualTo(5000, "no pause runs past errors.retry.timeout");
    }

    [Fact]
    public async Task ExecuteAsync_RetriableExceptionUntilTheTimeout_IsReportedAndSkippedWithToleranceAll()
    {
        var errors = Operator(TimeSpan.FromSeconds(2), tolerateAll: true);

        var outcome = await errors.ExecuteAsync<int>(Stage.Transformation, typeof(Uri), () => throw new RetriableException("flaky"), null, null, CancellationToken.None);

        outcome.IsFailed.Should().BeTrue();
        var report = _reporter.Reports.Should().ContainSingle().Subject;
        report.Stage.Should().Be(Stage.Transformation);
        report.ExecutingClass.Should().Be(typeof(Uri));
        report.Error.Should().BeOfType<RetriableException>();
        errors.SkippedRecords.Should().Be(1);
    }

    [Fact]
    public async Task ExecuteAsync_NoRetryTimeout_DoesNotRetry()
    {
        var calls = 0;
        var errors = Operator(TimeSpan.Zero, tolerateAll: true);

        var outcome = await errors.ExecuteAsync<int>(Stage.ValueConverter, typeof(string), () => { calls++; throw new RetriableException("once"); }, null, null, CancellationToken.None);

        outcome.IsFailed.Should().BeTrue();
        calls.Should().Be(1);
        _time.Delays.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_NonRetriableError_IsNotRetried()
    {
        var calls = 0;
        var errors = Operator(TimeSpan.FromMinutes(1), tolerateAll: false);

        var act = async () => await errors.ExecuteAsync<int>(Stage.ValueConverter, typeof(string), () => { calls++; throw new DataException("bad bytes"); }, null, null, CancellationToken.None);

        (await act.Should().ThrowAsync<ConnectException>().WithMessage("Tolerance exceeded in error handler")).Which.InnerException.Should().BeOfType<DataException>();
        calls.Should().Be(1);
        _time.Delays.Should().BeEmpty();
        errors.Failures.Should().Be(1);
        _reporter.Reports.Should().BeEmpty("with errors.tolerance=none the error fails the task instead");
    }

    [Fact]
    public async Task ExecuteAsync_NonRetriableErrorWithToleranceAll_ReportsToEveryReporterAndSkips()
    {
        var second = new RecordingReporter();
        var errors = new RetryWithToleranceOperator(TimeSpan.Zero, TimeSpan.FromSeconds(60), tolerateAll: true, [_reporter, second], _time);

        var outcome = await errors.ExecuteAsync<int>(Stage.HeaderConverter, typeof(string), () => throw new FormatException("nope"), null, null, CancellationToken.None);

        outcome.IsFailed.Should().BeTrue();
        _reporter.Reports.Should().ContainSingle().Which.Error.Should().BeOfType<FormatException>();
        second.Reports.Should().ContainSingle();
        errors.Failures.Should().Be(1);
        errors.SkippedRecords.Should().Be(1);
    }

    [Fact]
    public async Task HandleAsync_CountsEveryFailedRecordForTheErrorMetric()
    {
        var counted = 0;
        var errors = new RetryWithToleranceOperator(TimeSpan.Zero, TimeSpan.FromSeconds(60), tolerateAll: true, [_reporter], _time, () => counted++);

        await errors.ExecuteAsync<int>(Stage.ValueConverter, typeof(string), () => throw new FormatException("one"), null, null, CancellationToken.None);
        await errors.ExecuteAsync<int>(Stage.ValueConverter, typeof(string), () => throw new FormatException("two"), null, null, CancellationToken.None);
        await errors.ExecuteAsync(Stage.ValueConverter, typeof(string), () => 1, null, null, CancellationToken.None);

        counted.Should().Be(2);
    }

    [Fact]
    public async Task ExecuteAsync_OperationCanceled_Propagates()
    {
        var errors = Operator(TimeSpan.FromMinutes(1), tolerateAll: true);

        var act = async () => await errors.ExecuteAsync<int>(Stage.TaskPut, typeof(string), () => throw new OperationCanceledException(), null, null, CancellationToken.None);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _reporter.Reports.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_FollowsTheTolerance()
    {
        var strict = Operator(TimeSpan.Zero, tolerateAll: false);
        var lenient = Operator(TimeSpan.Zero, tolerateAll: true);
        var context = new ErrorContext(Stage.KafkaProduce, typeof(string), new InvalidOperationException("lost"), null, null);

        var act = () => strict.HandleAsync(context);

        await act.Should().ThrowAsync<ConnectException>().WithMessage("Tolerance exceeded in error handler");
        await lenient.HandleAsync(context);
        _reporter.Reports.Should().ContainSingle().Which.Should().BeSameAs(context);
    }

    [Fact]
    public void Backoff_DoublesFrom300MsWithUpTo20PercentJitter()
    {
        var errors = Operator(TimeSpan.FromMinutes(10), tolerateAll: false, maxDelay: TimeSpan.FromMinutes(10));

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var expected = 300 * Math.Pow(2, attempt - 1);
            for (var sample = 0; sample < 50; sample++)
            {
                errors.Backoff(attempt, TimeSpan.MaxValue).TotalMilliseconds.Should().BeInRange(expected, expected * 1.2);
            }
        }
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(60_000)]
    [InlineData(100)]
    public void Backoff_NeverExceedsTheMaximumDelayButKeepsJitterAtIt(int maxDelayMs)
    {
        var errors = Operator(TimeSpan.FromMinutes(10), tolerateAll: false, maxDelay: TimeSpan.FromMilliseconds(maxDelayMs));

        var delays = Enumerable.Range(0, 500).Select(_ => errors.Backoff(40, TimeSpan.MaxValue).TotalMilliseconds).ToList();

        delays.Should().OnlyContain(d => d <= maxDelayMs && d >= maxDelayMs * 0.8, "errors.retry.delay.max.ms is the longest pause between retries");
        delays.Distinct().Should().HaveCountGreaterThan(1, "jitter spreads retries that reached the cap");
    }

    [Fact]
    public void Backoff_NeverPassesTheRemainingTime()
    {
        var errors = Operator(TimeSpan.FromMinutes(10), tolerateAll: false);

        errors.Backoff(6, TimeSpan.FromMilliseconds(250)).Should().Be(TimeSpan.FromMilliseconds(250));
        errors.Backoff(1, TimeSpan.Zero).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Dispose_DisposesTheReporters()
    {
        var errors = Operator(TimeSpan.Zero, tolerateAll: true);

        errors.Dispose();

        _reporter.Disposed.Should().BeTrue();
    }

    private RetryWithToleranceOperator Operator(TimeSpan retryTimeout, bool tolerateAll, TimeSpan? maxDelay = null) =>
        new(retryTimeout, maxDelay ?? TimeSpan.FromSeconds(60), tolerateAll, [_reporter], _time);

    private sealed class RecordingReporter : IErrorReporter
    {
        private readonly List<ErrorContext> _reports = [];

        public IReadOnlyList<ErrorContext> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public bool Disposed { get; private set; }

        public Task ReportAsync(ErrorContext context)
        {
            lock (_reports)
            {
                _reports.Add(context);
            }

            return Task.CompletedTask;
        }

        public void Dispose() => Disposed = true;
    }
}
