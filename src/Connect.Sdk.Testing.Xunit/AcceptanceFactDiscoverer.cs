using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Connect.Sdk.Testing.Xunit;

/// <summary>Discovers <see cref="AcceptanceFactAttribute"/> methods as <see cref="AcceptanceTestCase"/>s.</summary>
public sealed class AcceptanceFactDiscoverer : FactDiscoverer
{
    /// <summary>Creates the discoverer; xunit calls this.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    public AcceptanceFactDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new AcceptanceTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
