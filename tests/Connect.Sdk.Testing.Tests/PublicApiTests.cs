using Connect.Sdk.Testing.Unit;
using Connect.Sdk.Testing.Xunit;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Testing.Tests;

/// <summary>Keeps the public surface of Connect.Sdk.Testing and Connect.Sdk.Testing.Xunit deliberate: a change to it
/// must come with a change to PublicApi.approved.txt next to this file.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_TestingPackages_MatchApprovedListing() =>
        PublicApiListing.ShouldMatchApproved(
            new[] { typeof(SourceTaskHarness).Assembly, typeof(AcceptanceFactAttribute).Assembly }.SelectMany(a => a.GetExportedTypes()),
            "PublicApi.approved.txt");
}
