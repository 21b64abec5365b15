using Connect.Sdk.Config;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Tests;

/// <summary>Keeps the public surface of Connect.Sdk deliberate: a change to it must come with a change to
/// PublicApi.approved.txt next to this file.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedListing() =>
        PublicApiListing.ShouldMatchApproved(typeof(ConfigDef).Assembly.GetExportedTypes(), "PublicApi.approved.txt");
}
