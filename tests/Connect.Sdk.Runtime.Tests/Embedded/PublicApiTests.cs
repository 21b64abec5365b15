using Connect.Sdk.Runtime.Embedded;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Runtime.Tests.Embedded;

/// <summary>Keeps the public surface of the embedded engine deliberate: a change to it must come with a change to
/// PublicApi.Embedded.approved.txt next to this file.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_Embedded_MatchesApprovedListing() =>
        PublicApiListing.ShouldMatchApproved(
            typeof(EmbeddedEngine).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(EmbeddedEngine).Namespace),
            "PublicApi.Embedded.approved.txt");
}
