using Xunit;
using Xunit.Sdk;

namespace Connect.Sdk.Testing.Xunit;

/// <summary>
/// Marks an acceptance check as a fact. Unlike <see cref="FactAttribute"/>, a check that throws
/// <see cref="Acceptance.AcceptanceCheckSkippedException"/> (because the connector does not declare the capability it
/// needs) is reported as skipped, with the reason, rather than failed.
/// </summary>
[XunitTestCaseDiscoverer("Connect.Sdk.Testing.Xunit.AcceptanceFactDiscoverer", "Connect.Sdk.Testing.Xunit")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AcceptanceFactAttribute : FactAttribute
{
}
