using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Rest.Tests;

/// <summary>Keeps the public surface of the REST API, its server and the log levels deliberate: a change to it must
/// come with a change to PublicApi.Rest.approved.txt next to this file.</summary>
public class PublicApiTests
{
    private static readonly string[] Namespaces = ["Connect.Sdk.Runtime.Rest", "Connect.Sdk.Runtime.Logging"];

    private static readonly Type[] ExtraTypes =
        [typeof(ConnectApiEndpointRouteBuilderExtensions), typeof(ConnectLoggingBuilderExtensions), typeof(ActiveTopicTracker)];

    [Fact]
    public void PublicApi_RestAndLogging_MatchesApprovedListing() =>
        PublicApiListing.ShouldMatchApproved(
            typeof(ConnectRestServer).Assembly.GetExportedTypes().Where(t => Namespaces.Contains(t.Namespace) || ExtraTypes.Contains(t)),
            "PublicApi.Rest.approved.txt");
}
