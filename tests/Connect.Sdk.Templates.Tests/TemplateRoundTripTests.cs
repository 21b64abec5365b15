using Xunit.Abstractions;

namespace Connect.Sdk.Templates.Tests;

/// <summary>
/// Generates each template from the packed template pack, then builds the solution and runs its tests against the
/// packed Connect.Sdk packages, as a user would after <c>dotnet new install Connect.Sdk.Templates</c>. One test per
/// template; the tests of the collection run one after another.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class TemplateRoundTripTests(PackedPackages packages, ITestOutputHelper output)
{
    // What the templates replace: none of it may survive into a generated solution.
    private static readonly string[] Placeholders =
        ["Acme.Connector", "acme.connector", "acme-connector", "ConnectorName", "TransformName", "CONNECT_SDK_VERSION"];

    [Fact]
    public Task ConnectSource_GeneratesASolution_WhoseTestsPass() =>
        RoundTripAsync("connect-source", "Acme.Twitter", ["TwitterSourceConnector.cs", "TwitterSourceTask.cs", "TwitterSourceConfig.cs"], acceptanceTests: true);

    [Fact]
    public Task ConnectSink_WithAnExplicitSdkVersion_GeneratesASolution_WhoseTestsPass() =>
        RoundTripAsync("connect-sink", "Acme.Archive", ["ArchiveSinkConnector.cs", "ArchiveSinkTask.cs", "ArchiveSinkConfig.cs"], acceptanceTests: true, explicitSdkVersion: true);

    [Fact]
    public Task ConnectTransform_WithAnExplicitFramework_GeneratesASolution_WhoseTestsPass() =>
        RoundTripAsync("connect-transform", "Acme.Pseudonymize", ["PseudonymizeTransform.cs", "PseudonymizeConfig.cs"], acceptanceTests: false, options: ["--framework", "net10.0"]);

    private async Task RoundTripAsync(string template, string name, string[] expectedFiles, bool acceptanceTests, bool explicitSdkVersion = false, string[]? options = null)
    {
        var work = packages.NewWorkFolder(template);
        string[] create = ["new", template, "-n", name, "--skip-restore", "--debug:custom-hive", packages.Hive, .. options ?? []];
        await RunAsync(work, TimeSpan.FromMinutes(2), explicitSdkVersion ? [.. create, "--sdk-version", packages.Version] : create);

        var solution = Path.Combine(work, name);
        Directory.EnumerateFiles(Path.Combine(solution, "src", name)).Select(Path.GetFileName).Should().Contain(expectedFiles);
        File.Exists(Path.Combine(solution, $"{name}.slnx")).Should().BeTrue();
        File.Exists(Path.Combine(solution, "README.md")).Should().BeTrue();
        File.ReadAllText(Path.Combine(solution, "Directory.Packages.props")).Should()
            .Contain($"<ConnectSdkVersion>{packages.Version}</ConnectSdkVersion>", "the template pack's version is the default --sdk-version");
        File.ReadAllText(Path.Combine(solution, ".config", "dotnet-tools.json")).Should()
            .Contain($"\"version\": \"{packages.Version}\"", "the tool manifest pins connect-worker to the same version");
        foreach (var file in Directory.EnumerateFiles(solution, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Placeholders.Where(p => text.Contains(p, StringComparison.Ordinal) || file.Contains(p, StringComparison.Ordinal))
                .Should().BeEmpty($"{Path.GetRelativePath(solution, file)} should have no template placeholder left");
        }

        packages.WriteNuGetConfig(solution);
        await RunAsync(solution, TimeSpan.FromMinutes(5), "build");
        var results = Path.Combine(work, "test-results");
        await RunAsync(solution, TimeSpan.FromMinutes(5), "test", "--no-build", "--logger", "trx;LogFileName=results.trx", "--results-directory", results);

        var summary = TestResults.Read(Directory.EnumerateFiles(results, "*.trx", SearchOption.AllDirectories).Single());
        output.WriteLine($"{template}: {summary}");
        summary.Failed.Should().Be(0, summary.ToString());
        summary.Passed.Should().BeGreaterThanOrEqualTo(8, $"the generated tests ran: {summary}");
        if (acceptanceTests)
        {
            summary.Results.Should().Contain(
                r => r.Name.Contains("AcceptanceTests", StringComparison.Ordinal) && r.Outcome == "Passed",
                "the acceptance test class ran");
        }
    }

    private async Task RunAsync(string folder, TimeSpan timeout, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("dotnet", arguments, folder, timeout);
        output.WriteLine($"{result.Command}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s");
        result.Succeeded.Should().BeTrue(result.Describe());
    }
}
