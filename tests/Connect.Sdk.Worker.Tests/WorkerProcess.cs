using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Connect.Sdk.TestSupport;

namespace Connect.Sdk.Worker.Tests;

/// <summary>Runs the real connect-worker command as a child process and collects its output.</summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string RepositoryRoot => RepositoryFiles.Root;

    /// <summary>The build configuration of this test run (Debug or Release), used to find sibling build outputs.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string WorkerDll => Path.Combine(RepositoryRoot, "src", "Connect.Sdk.Worker", "bin", Configuration, "net10.0", "connect-worker.dll");

    public static string SamplePluginFolder(string sample) =>
        Path.Combine(RepositoryRoot, "samples", $"Connect.Sdk.Samples.{sample}", "bin", Configuration, "net10.0");

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Id => _process.Id;

    public static WorkerProcess Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WorkerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public async Task<string> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = _lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success);
            if (match is not null)
            {
                return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The worker did not print a line matching {pattern} within {timeout}. Output:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process the hard way (SIGKILL): no shutdown code runs.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Asks the process to stop gracefully (SIGTERM).</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"bootstrap\.servers=(\S+)")]
    public static partial Regex BootstrapLine();
}
