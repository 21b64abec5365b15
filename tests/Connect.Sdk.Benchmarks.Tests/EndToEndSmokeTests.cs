using System.Diagnostics;
using Xunit.Abstractions;

namespace Connect.Sdk.Benchmarks.Tests;

/// <summary>
/// The end-to-end harness runs every case in <c>--smoke</c> mode (very briefly, against the development cluster, with
/// a child worker process for the memory case) and prints its report. Nothing here checks a figure: CI machines are
/// too noisy for timing assertions, and the smoke runs are too short to mean anything.
/// </summary>
public sealed class EndToEndSmokeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Harness_SmokeMode_RunsEveryCaseAndPrintsTheTables()
    {
        var harness = Path.Combine(AppContext.BaseDirectory, "Connect.Sdk.Benchmarks.EndToEnd.dll");
        File.Exists(harness).Should().BeTrue("the harness is built next to the tests");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(harness);
        start.ArgumentList.Add("--smoke");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The harness did not finish its smoke run in {Timeout.TotalMinutes} minutes.");
        }

        var report = await stdout;
        output.WriteLine(await stderr);
        output.WriteLine(report);
        process.ExitCode.Should().Be(0);
        report.Should().Contain("## Connect.Sdk end-to-end benchmarks (smoke run")
            .And.Contain("| Source, 100 B records, ByteArrayConverter |")
            .And.Contain("| Source, 1 KB records, ByteArrayConverter |")
            .And.Contain("| Sink, 100 B records, 32 partitions, null task (keeps no records) |")
            .And.Contain("| Sink, the same with a task that keeps records (SinkTask's default) |")
            .And.Contain("| JsonConverter, schemas.enable=true |")
            .And.Contain("| JsonConverter, schemas.enable=false |")
            .And.Contain("| 1,000/s |")
            .And.Contain("| 10,000/s |")
            .And.Contain("### Memory: a worker process running 8 source tasks");
    }

    /// <summary>The dotnet host running the tests (so the harness runs on the same runtime).</summary>
    private static string DotnetHost()
    {
        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            return host;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return root is not null && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }
}
