namespace Connect.Sdk.Samples.Tests.Fakes;

/// <summary>A clock that always reads the same time; timers still run in real time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
