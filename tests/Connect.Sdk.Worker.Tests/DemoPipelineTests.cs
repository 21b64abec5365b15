using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Connect.Sdk.Worker.Tests;

/// <summary>Runs the demo's configuration through the real command and reads its topic with kcat, a third-party client.</summary>
public sealed class DemoPipelineTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("connect-demo-").FullName;

    [Fact]
    public async Task Demo_KcatReadsJsonConverterEnvelopesFromTheOrdersTopic()
    {
        if (!KcatAvailable())
        {
            output.WriteLine("SKIPPED: kcat is not installed (eng/bootstrap.sh installs it).");
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "CI runs eng/bootstrap.sh, which installs kcat");
            return;
        }

        var workerFile = WriteDemoWorkerFile();
        Directory.CreateDirectory(Path.Combine(_folder, "artifacts", "demo"));
        using var worker = WorkerProcess.Start(
            _folder,
            "standalone", "--dev", "--duration", "60", "--no-progress",
            workerFile,
            Path.Combine(WorkerProcess.RepositoryRoot, "samples", "demo", "datagen-orders.properties"),
            Path.Combine(WorkerProcess.RepositoryRoot, "samples", "demo", "orders-file-sink.properties"));
        var bootstrap = await worker.WaitForLineAsync(WorkerProcess.BootstrapLine(), TimeSpan.FromSeconds(60));

        var line = await ReadOneRecordWithKcatAsync(bootstrap, "orders");

        using var envelope = JsonDocument.Parse(line);
        var root = envelope.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("schema", "payload");
        root.GetProperty("schema").GetProperty("type").GetString().Should().Be("struct");
        root.GetProperty("schema").GetProperty("name").GetString().Should().Be("io.connect.sdk.samples.datagen.Order");
        root.GetProperty("payload").GetProperty("order_id").ValueKind.Should().Be(JsonValueKind.Number);
        root.GetProperty("payload").GetProperty("price").GetString().Should().NotBeNullOrEmpty("Decimal is base64 by default");

        var sinkFile = Path.Combine(_folder, "artifacts", "demo", "orders.txt");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(File.Exists(sinkFile) && new FileInfo(sinkFile).Length > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        worker.Terminate();
        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, worker.Output);
        worker.Output.Should().Contain("summary:").And.Contain("[datagen-orders|task-0] source: records polled");
        File.ReadLines(sinkFile).Should().NotBeEmpty().And.AllSatisfy(l => l.Should().StartWith("Struct{order_id="));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static bool KcatAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("kcat", "-V") { RedirectStandardOutput = true, RedirectStandardError = true });
            process!.WaitForExit(10_000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<string> ReadOneRecordWithKcatAsync(string bootstrap, string topic)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var lastError = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var info = new ProcessStartInfo("kcat") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-b", bootstrap, "-t", topic, "-C", "-o", "beginning", "-c", "1", "-e", "-q" })
            {
                info.ArgumentList.Add(arg);
            }

            using var kcat = Process.Start(info)!;
            var text = await kcat.StandardOutput.ReadToEndAsync();
            lastError = await kcat.StandardError.ReadToEndAsync();
            await kcat.WaitForExitAsync();
            var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"kcat read nothing from {topic} at {bootstrap}: {lastError}");
    }

    private string WriteDemoWorkerFile()
    {
        // The demo's worker settings, with plugin.path pointing at the samples' build output.
        var lines = File.ReadAllLines(Path.Combine(WorkerProcess.RepositoryRoot, "samples", "demo", "worker.properties"))
            .Where(l => !l.StartsWith("plugin.path", StringComparison.Ordinal))
            .Append($"plugin.path={WorkerProcess.SamplePluginFolder("Datagen")},{WorkerProcess.SamplePluginFolder("FileStream")}")
            .Append("listeners=http://127.0.0.1:0");
        var path = Path.Combine(_folder, "worker.properties");
        File.WriteAllLines(path, lines);
        return path;
    }
}
