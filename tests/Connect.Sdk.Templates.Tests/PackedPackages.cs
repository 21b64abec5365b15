using System.Text.RegularExpressions;
using Connect.Sdk.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Connect.Sdk.Templates.Tests;

/// <summary>
/// Packs every package once for the tests of the collection, with a version no earlier run used
/// (<c>0.1.0-test.&lt;ticks&gt;</c>, so NuGet's global packages folder cannot hand out stale bits), into a temporary
/// folder feed, and installs the template pack into a temporary template hive (<c>--debug:custom-hive</c>), so the
/// user's own template cache is never touched. Disposing removes the folders and the packed versions from the global
/// packages folder.
/// </summary>
public sealed partial class PackedPackages : IAsyncLifetime
{
    private readonly IMessageSink _diagnostics;

    public PackedPackages(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public static string RepositoryRoot => RepositoryFiles.Root;

    public string Root { get; } = Directory.CreateTempSubdirectory("connect-sdk-templates-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Hive => Path.Combine(Root, "hive");

    public string Version { get; } = $"{RepositoryVersion()}-test.{DateTime.UtcNow.Ticks}";

    /// <summary>The local feed with librdkafka.redist that eng/bootstrap.sh makes for machines whose NuGet source lacks it.</summary>
    public static string LibrdkafkaFeed => Path.Combine(RepositoryRoot, "eng", ".local-feed");

    public async Task InitializeAsync()
    {
        var pack = await ChildProcess.RunAsync(
            "bash",
            [Path.Combine(RepositoryRoot, "eng", "pack.sh"), Version, Feed],
            RepositoryRoot,
            TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["CONNECT_SDK_PACK_BUILD_DIR"] = Path.Combine(Root, "pack-build") });
        if (!pack.Succeeded)
        {
            throw new XunitException($"eng/pack.sh failed, so no template could be tested. {pack.Describe()}");
        }

        Log($"packed {Version} in {pack.Elapsed.TotalSeconds:0} s: {string.Join(", ", Directory.EnumerateFiles(Feed, "*.nupkg").Select(Path.GetFileName))}");
        var install = await ChildProcess.RunAsync(
            "dotnet",
            ["new", "install", Path.Combine(Feed, $"Connect.Sdk.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive],
            Root,
            TimeSpan.FromMinutes(2));
        if (!install.Succeeded)
        {
            throw new XunitException($"Installing the template pack into a temporary hive failed. {install.Describe()}");
        }
    }

    /// <summary>A new empty folder for one test.</summary>
    public string NewWorkFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, "work", name)).FullName;

    /// <summary>Writes the nuget.config of a generated solution: nuget.org for everything, the packed feed for the
    /// Connect.Sdk packages, and the repository's librdkafka.redist feed (Confluent.Kafka needs it, through
    /// Connect.Sdk.Runtime, on machines whose NuGet source lacks it), each by package source mapping.</summary>
    public void WriteNuGetConfig(string solutionFolder) => File.WriteAllText(Path.Combine(solutionFolder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
            <add key="connect-sdk-packed" value="{Feed}" />
            <add key="librdkafka-local" value="{LibrdkafkaFeed}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
            <packageSource key="connect-sdk-packed">
              <package pattern="Connect.Sdk*" />
            </packageSource>
            <packageSource key="librdkafka-local">
              <package pattern="librdkafka.redist" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """);

    public Task DisposeAsync()
    {
        // The packed versions are unique to this run: drop them from the global packages folder too.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(Feed))
        {
            foreach (var package in Directory.EnumerateFiles(Feed, "*.nupkg"))
            {
                var id = Path.GetFileName(package)[..^$".{Version}.nupkg".Length];
                DeleteFolder(Path.Combine(globalPackages, id.ToLowerInvariant(), Version.ToLowerInvariant()));
            }
        }

        DeleteFolder(Root);
        return Task.CompletedTask;
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A process that has not quite let go yet; the temporary folder is cleaned up by the system later.
        }
    }

    private static string RepositoryVersion()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props"));
        return VersionElement().Match(props) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("Directory.Build.props has no <Version>.");
    }

    private void Log(string message) => _diagnostics.OnMessage(new DiagnosticMessage($"[templates] {message}"));

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
