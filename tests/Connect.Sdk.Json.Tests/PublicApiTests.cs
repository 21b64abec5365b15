using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Json.Tests;

/// <summary>Keeps the public surface of Connect.Sdk.Json deliberate: a change to it must come with a change to
/// PublicApi.approved.txt next to this file.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedListing() =>
        PublicApiListing.ShouldMatchApproved(typeof(JsonConverter).Assembly.GetExportedTypes(), "PublicApi.approved.txt");
}
