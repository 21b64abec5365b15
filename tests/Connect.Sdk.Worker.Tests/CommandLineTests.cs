namespace Connect.Sdk.Worker.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("connect-worker-cli-").FullName;

    [Fact]
    public async Task Help_PrintsUsage_ExitsZero()
    {
        using var worker = WorkerProcess.Start(_folder, "--help");

        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        worker.Output.Should().Contain("Usage: connect-worker standalone");
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo_WithUsage()
    {
        using var worker = WorkerProcess.Start(_folder, "launch");

        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
        worker.Output.Should().Contain("Unknown command 'launch'").And.Contain("Usage:");
    }

    [Fact]
    public async Task MissingWorkerFile_ExitsOne_NamingTheFile_WithoutStackTrace()
    {
        using var worker = WorkerProcess.Start(_folder, "standalone", "missing-worker.properties");

        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(1);
        worker.Output.Should().Contain("missing-worker.properties does not exist").And.NotContain("   at ");
    }

    [Fact]
    public async Task InvalidConnectorConfig_ExitsOne_ListingTheErrors()
    {
        var connector = Path.Combine(_folder, "bad.properties");
        await File.WriteAllTextAsync(connector, "name=bad\nconnector.class=FileStreamSource\ntasks.max=0\n");
        var workerFile = Path.Combine(_folder, "worker.properties");
        await File.WriteAllTextAsync(workerFile, $"plugin.path={WorkerProcess.SamplePluginFolder("FileStream")}\nlisteners=http://127.0.0.1:0\n");

        using var worker = WorkerProcess.Start(_folder, "standalone", "--dev", workerFile, connector);

        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(1);
        worker.Output.Should().Contain("Connector configuration is invalid")
            .And.Contain("Invalid value 0 for configuration tasks.max: Value must be at least 1")
            .And.Contain("Missing required configuration \"topic\" which has no default value.")
            .And.NotContain("   at ");
    }

    [Fact]
    public async Task MalformedJsonConnectorFile_ExitsOne_NamingTheFile()
    {
        var connector = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(connector, "{\"name\": \"x\", \"config\": {");

        var workerFile = Path.Combine(_folder, "worker.properties");
        await File.WriteAllTextAsync(workerFile, "listeners=http://127.0.0.1:0\n");
        using var worker = WorkerProcess.Start(_folder, "standalone", "--dev", workerFile, connector);

        (await worker.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(1);
        worker.Output.Should().Contain("broken.json is not valid JSON");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
