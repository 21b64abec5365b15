using System.Text.RegularExpressions;
using Connect.Sdk.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Connect.Sdk.Runtime.Rest.Tests.Docs;

/// <summary>Keeps docs/rest-api.md true: its endpoints table lists exactly the routes the API maps, and every curl
/// example calls one of them (as do the curl examples of the other pages listed below).</summary>
public partial class RestApiPageTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "rest-api.md"));

    [Fact]
    public void EndpointsTable_ListsEveryMappedRoute()
    {
        var documented = TableRow().Matches(Page).Select(m => $"{m.Groups["method"].Value} {Normalize(m.Groups["path"].Value)}").Order(StringComparer.Ordinal).ToList();

        documented.Should().Equal(MappedRoutes(), "the endpoints table of docs/rest-api.md must match MapConnectApi()");
    }

    [Fact]
    public void CurlExamples_CallMappedRoutes()
    {
        var routes = MappedRoutes();
        var calls = CurlCall().Matches(Page).Select(m => (Method: m.Groups["method"].Success ? m.Groups["method"].Value : "GET", Path: m.Groups["path"].Value)).ToList();

        calls.Should().HaveCountGreaterThan(20);
        foreach (var (method, path) in calls)
        {
            routes.Should().Contain(route => Matches(route, method, path), $"the example {method} {path} must call an endpoint of the API");
        }
    }

    [Theory]
    [InlineData("error-handling.md")]
    [InlineData("concepts.md")]
    [InlineData("writing-a-source-connector.md")]
    [InlineData("writing-a-sink-connector.md")]
    public void CurlExamplesOfOtherPages_CallMappedRoutes(string page)
    {
        var routes = MappedRoutes();
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", page));
        var calls = CurlCall().Matches(text).Select(m => (Method: m.Groups["method"].Success ? m.Groups["method"].Value : "GET", Path: m.Groups["path"].Value)).ToList();

        foreach (var (method, path) in calls)
        {
            routes.Should().Contain(route => Matches(route, method, path), $"the example {method} {path} of docs/{page} must call an endpoint of the API");
        }
    }

    private static List<string> MappedRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        app.MapConnectApi();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} {Normalize(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool Matches(string route, string method, string path)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        if (route[..space] != method)
        {
            return false;
        }

        var pattern = route[(space + 1)..].Trim('/').Split('/');
        var segments = path.Trim('/').Split('/');
        return pattern.Length == segments.Length && pattern.Zip(segments).All(p => p.First == "{}" || p.First == p.Second);
    }

    private static string Normalize(string path) => "/" + ParameterPattern().Replace(path, "{}").Trim('/');

    [GeneratedRegex(@"^\| `(?<method>[A-Z]+)` \| `(?<path>/[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"curl [^\n]*?(?:-X (?<method>[A-Z]+) [^\n]*?)?""?http://localhost:8083(?<path>/[^\s""?]*)")]
    private static partial Regex CurlCall();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex ParameterPattern();
}
