using System.ComponentModel;
using Connect.Sdk.Testing.Acceptance;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Connect.Sdk.Testing.Xunit;

/// <summary>
/// A fact whose failure with <see cref="AcceptanceCheckSkippedException"/> is reported as a skip, with the
/// exception's message as the reason.
/// </summary>
public sealed class AcceptanceTestCase : XunitTestCase
{
    /// <summary>Used by xunit's de-serializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only.")]
    public AcceptanceTestCase()
    {
    }

    /// <summary>Creates a test case.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    /// <param name="defaultMethodDisplay">How the test is named.</param>
    /// <param name="defaultMethodDisplayOptions">How the test name is formatted.</param>
    /// <param name="testMethod">The test method.</param>
    public AcceptanceTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc />
    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        using var skipping = new SkippingMessageBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, skipping, constructorArguments, aggregator, cancellationTokenSource).ConfigureAwait(false);
        if (skipping.Skipped > 0)
        {
            summary.Failed -= skipping.Skipped;
            summary.Skipped += skipping.Skipped;
        }

        return summary;
    }

    /// <summary>Turns failures with <see cref="AcceptanceCheckSkippedException"/> into skips on their way to the runner.</summary>
    private sealed class SkippingMessageBus(IMessageBus inner) : IMessageBus
    {
        private static readonly string SkipType = typeof(AcceptanceCheckSkippedException).FullName!;

        public int Skipped { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestFailed failed when failed.ExceptionTypes.FirstOrDefault() == SkipType:
                    Skipped++;
                    return inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages.FirstOrDefault() ?? "Skipped."));
                case ITestCaseFinished finished when Skipped > 0:
                    return inner.QueueMessage(new TestCaseFinished(
                        finished.TestCase,
                        finished.ExecutionTime,
                        finished.TestsRun,
                        finished.TestsFailed - Skipped,
                        finished.TestsSkipped + Skipped));
                default:
                    return inner.QueueMessage(message);
            }
        }

        public void Dispose()
        {
            // The inner bus belongs to xunit.
        }
    }
}
