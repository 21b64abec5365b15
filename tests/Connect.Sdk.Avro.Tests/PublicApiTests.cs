using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Avro.Tests;

/// <summary>Keeps the public surface of Connect.Sdk.Avro deliberate: a change to it must come with a change to
/// PublicApi.approved.txt next to this file.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedListing() =>
        PublicApiListing.ShouldMatchApproved(typeof(AvroConverter).Assembly.GetExportedTypes(), "PublicApi.approved.txt");
}
