using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Connect.Sdk.Avro.Tests.Conformance;

/// <summary>
/// Runs avro_conformance.py with an interpreter that can import the Apache Avro reference implementation (Debian's
/// python3-avro, visible only to /usr/bin/python3; AVRO_PYTHON overrides the choice).
/// </summary>
internal static class PythonAvro
{
    private static readonly Lazy<string?> Interpreter = new(FindInterpreter);

    private static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Conformance", "avro_conformance.py");

    /// <summary>
    /// Whether the reference implementation can be run. When it cannot, the test returns early after printing why —
    /// except on CI (CI=true), whose setup installs python3-avro, where the test fails so the gap cannot go unnoticed.
    /// </summary>
    public static bool IsAvailable(ITestOutputHelper output)
    {
        if (Interpreter.Value is not null)
        {
            return true;
        }

        const string reason = "The Apache Avro reference implementation for Python is not installed (no interpreter can 'import avro'). "
            + "Install it with 'apt-get install -y python3-avro' (Debian's package is visible only to /usr/bin/python3), or set AVRO_PYTHON.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI=true, so this cross-implementation check must run.");
        }

        output.WriteLine("SKIPPED: " + reason);
        return false;
    }

    /// <summary>Runs one request and returns the per-case results, failing the test on a per-case error.</summary>
    public static List<JsonNode> Run(string mode, IEnumerable<object> cases)
    {
        var request = JsonSerializer.Serialize(new { mode, cases });
        var answer = JsonNode.Parse(Execute(Interpreter.Value!, request))!;
        var results = answer["results"]!.AsArray().Select(r => r!).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i]["error"] is { } error)
            {
                Assert.Fail($"python3-avro failed on case {i} of '{mode}': {error}");
            }
        }

        return results;
    }

    private static string? FindInterpreter()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("AVRO_PYTHON") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange(["/usr/bin/python3", "python3"]);
        foreach (var candidate in candidates)
        {
            try
            {
                var version = JsonNode.Parse(Execute(candidate, "{\"mode\":\"version\"}"))!["version"]!.GetValue<string>();
                if (!string.IsNullOrEmpty(version))
                {
                    return candidate;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or JsonException)
            {
                // Not this interpreter.
            }
        }

        return null;
    }

    private static string Execute(string interpreter, string input)
    {
        var start = new ProcessStartInfo(interpreter, [ScriptPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {interpreter}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{interpreter} did not finish within 60 seconds.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{interpreter} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
