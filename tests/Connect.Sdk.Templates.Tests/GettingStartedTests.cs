using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Connect.Sdk.Templates.Tests;

/// <summary>
/// Follows docs/getting-started.md literally: runs its marked shell blocks in order with bash, in a temporary
/// folder, the way a newcomer would type them, with the page's variables set to this run's packages. The only
/// difference: <c>dotnet new</c> goes to a temporary template hive (a <c>dotnet</c> wrapper first on PATH adds
/// <c>--debug:custom-hive</c>), so the user's template cache stays as it is.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class GettingStartedTests(PackedPackages packages, ITestOutputHelper output)
{
    private static readonly string[] PageVariables = ["CONNECT_SDK_REPO", "CONNECT_SDK_VERSION", "CONNECT_SDK_PACKAGES"];

    [Fact]
    public async Task GettingStarted_StepsRunAsWritten_TheNewConnectorProducesRecordsInTheWorker()
    {
        KcatIsInstalled().Should().BeTrue("the page reads records with kcat; eng/bootstrap.sh installs it");
        var page = Path.Combine(PackedPackages.RepositoryRoot, "docs", "getting-started.md");
        var steps = DocStep.Parse(await File.ReadAllTextAsync(page));
        steps.Select(s => s.Kind).Should().ContainInOrder("variables", "packed-by-fixture", "step", "step", "step", "step", "step", "background", "while-background");
        steps.Single(s => s.Kind == "variables").ExportedNames().Should().BeEquivalentTo(PageVariables);
        steps.Single(s => s.Kind == "packed-by-fixture").Script.Should().Be(
            "bash \"$CONNECT_SDK_REPO/eng/pack.sh\" \"$CONNECT_SDK_VERSION\" \"$CONNECT_SDK_PACKAGES\"",
            "the fixture runs exactly that command with the page's variables");

        var work = packages.NewWorkFolder("getting-started");
        var environment = new Dictionary<string, string>
        {
            ["CONNECT_SDK_REPO"] = PackedPackages.RepositoryRoot,
            ["CONNECT_SDK_VERSION"] = packages.Version,
            ["CONNECT_SDK_PACKAGES"] = packages.Feed,
            ["PATH"] = $"{WriteDotnetWrapper(work)}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}",
        };
        var cwd = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
        ChildProcess? worker = null;
        string? records = null;
        try
        {
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case "variables":
                    case "packed-by-fixture":
                        break;
                    case "step":
                        cwd = await RunStepAsync(step, cwd, environment, TimeSpan.FromMinutes(8));
                        break;
                    case "background":
                        worker.Should().BeNull("the page starts one background process");
                        worker = ChildProcess.Start("bash", ["-c", Script(step, cwdFile: null)], cwd, environment);
                        output.WriteLine($"started in the background: {step}");
                        break;
                    case "while-background":
                        worker.Should().NotBeNull("a while-background block needs a background block before it");
                        environment["BOOTSTRAP"] = await BootstrapAsync(worker!);
                        records = await RunUntilItPrintsAsync(step, cwd, environment, TimeSpan.FromSeconds(90));
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown test marker '{step.Kind}' in {page}, {step}");
                }
            }

            worker.Should().NotBeNull();
            var ended = await worker!.WaitAsync(TimeSpan.FromMinutes(2));
            output.WriteLine($"worker: exit {ended.ExitCode} after {ended.Elapsed.TotalSeconds:0} s");
            ended.Succeeded.Should().BeTrue(ended.Describe());
            var produced = SummaryLine().Matches(ended.Output).Select(m => long.Parse(m.Groups["produced"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            produced.Should().NotBeEmpty($"the worker prints a summary line per task of the new connector. {ended.Describe()}");
            produced.Sum().Should().BePositive($"the new connector's records reached Kafka. {ended.Describe()}");
            records.Should().Contain("\"name\":\"acme.twitter.Message\"", "kcat read records of the new connector's value schema");
        }
        finally
        {
            worker?.Dispose();
        }
    }

    private async Task<string> RunStepAsync(DocStep step, string cwd, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var cwdFile = Path.Combine(Path.GetTempPath(), $"connect-sdk-step-{Guid.NewGuid():N}");
        try
        {
            var result = await ChildProcess.RunAsync("bash", ["-c", Script(step, cwdFile)], cwd, timeout, environment);
            output.WriteLine($"{step}\n=> exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s");
            result.Succeeded.Should().BeTrue($"the block at {step} must succeed. {result.Describe()}");
            return (await File.ReadAllTextAsync(cwdFile)).Trim();
        }
        finally
        {
            File.Delete(cwdFile);
        }
    }

    // Runs a block until it succeeds and prints something: kcat reads a topic that exists only once the worker's
    // connector has produced to it.
    private async Task<string> RunUntilItPrintsAsync(DocStep step, string cwd, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        ProcessResult result;
        do
        {
            result = await ChildProcess.RunAsync("bash", ["-c", Script(step, cwdFile: null)], cwd, TimeSpan.FromSeconds(30), environment);
            if (result.Succeeded && result.Output.Trim().Length > 0)
            {
                output.WriteLine($"{step}\n=> after {clock.Elapsed.TotalSeconds:0.0} s:\n{result.Output}");
                return result.Output;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        while (clock.Elapsed < timeout);

        throw new Xunit.Sdk.XunitException($"The block at {step} printed nothing within {timeout.TotalSeconds:0} s. Last run: {result.Describe()}");
    }

    private static async Task<string> BootstrapAsync(ChildProcess worker)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (BootstrapLine().Match(worker.Output) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            if (worker.HasExited)
            {
                break;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"The worker printed no bootstrap.servers address. Its output:\n{worker.Output}");
    }

    private static string Script(DocStep step, string? cwdFile) =>
        "set -euo pipefail\n" + step.Script + "\n" + (cwdFile is null ? "" : $"pwd > '{cwdFile}'\n");

    // `dotnet new` of the page goes to a temporary template hive; every other dotnet command is passed on unchanged.
    private string WriteDotnetWrapper(string work)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";
        var folder = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
        var hive = Path.Combine(work, "template-hive");
        var wrapper = Path.Combine(folder, "dotnet");
        File.WriteAllText(wrapper, $$"""
            #!/usr/bin/env bash
            if [ "${1:-}" = "new" ]; then exec '{{dotnet}}' "$@" --debug:custom-hive '{{hive}}'; fi
            exec '{{dotnet}}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }

    private static bool KcatIsInstalled()
    {
        try
        {
            using var kcat = Process.Start(new ProcessStartInfo("kcat", "-V") { RedirectStandardOutput = true, RedirectStandardError = true });
            kcat!.WaitForExit(10_000);
            return kcat.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [GeneratedRegex(@"bootstrap\.servers=(\S+)")]
    private static partial Regex BootstrapLine();

    [GeneratedRegex(@"\[acme-twitter\|task-\d+\] source: records polled \d+, produced \(acknowledged\) (?<produced>\d+)")]
    private static partial Regex SummaryLine();
}
