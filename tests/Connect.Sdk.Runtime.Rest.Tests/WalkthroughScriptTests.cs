using System.Diagnostics;
using Connect.Sdk.Runtime.Rest.Tests.Support;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Rest.Tests;

/// <summary>Runs samples/rest/walkthrough.sh (curl + jq) against a worker started here.</summary>
[Collection(WorkerCollection.Name)]
public class WalkthroughScriptTests(WorkerFixture fixture, ITestOutputHelper output)
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "samples", "walkthrough.sh");

    [RequiresToolsFact("bash", "curl", "jq")]
    public async Task Walkthrough_ReplaysTheReferenceWorkflow()
    {
        var (exitCode, stdout, stderr) = await RunAsync(fixture.Worker.Server.Url, new Dictionary<string, string>
        {
            ["CONNECTOR_NAME"] = "walkthrough",
            ["CONNECTOR_CLASS"] = typeof(RestTestSourceConnector).FullName!,
            ["CONNECTOR_CONFIG"] = """{"topic": "walkthrough-orders"}""",
        });

        exitCode.Should().Be(0, $"the script failed:\n{stderr}\n{stdout}");
        stdout.Should().Contain("PUT /connectors/walkthrough/config -> 201");
        stdout.Should().Contain("PUT /connectors/walkthrough/config -> 200");
        stdout.Should().Contain("connector and task 0: PAUSED PAUSED");
        stdout.Should().Contain("POST /connectors/walkthrough/restart?includeTasks=true&onlyFailed=false -> 202");
        stdout.Should().Contain("{\"walkthrough\":{\"topics\":[\"walkthrough-orders\"]}}");
        stdout.Should().Contain("DELETE /connectors/walkthrough -> 204");
        stdout.Should().EndWith("walkthrough: all steps answered as Kafka Connect does\n");
        (await fixture.Http.GetJsonAsync("/connectors/walkthrough")).Status.Should().Be(404);
    }

    [RequiresToolsFact("bash", "curl", "jq")]
    public async Task Walkthrough_StopsAtAnUnexpectedStatus()
    {
        var credentials = Path.GetTempFileName();
        await File.WriteAllTextAsync(credentials, "operator: secret\n");
        try
        {
            await using var server = await fixture.Worker.StartServerAsync(new Dictionary<string, string> { ["rest.basic.auth.credentials.file"] = credentials });

            var (denied, _, deniedError) = await RunAsync(server.Url, new Dictionary<string, string>());
            var (allowed, allowedOutput, allowedError) = await RunAsync(server.Url, new Dictionary<string, string>
            {
                ["CONNECT_AUTH"] = "operator:secret",
                ["CONNECTOR_NAME"] = "walkthrough-auth",
                ["CONNECTOR_CLASS"] = typeof(RestTestSourceConnector).FullName!,
                ["CONNECTOR_CONFIG"] = """{"topic": "walkthrough-auth"}""",
            });

            denied.Should().Be(1);
            deniedError.Should().Contain("walkthrough: expected HTTP 200 from GET /, got 401: {\"error_code\":401,\"message\":\"User cannot access the resource.\"}");
            allowed.Should().Be(0, allowedError + allowedOutput);
        }
        finally
        {
            File.Delete(credentials);
        }
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [Script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["CONNECT_URL"] = url.ToString();
        start.Environment["WAIT_SECONDS"] = "30";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        return (process.ExitCode, await stdout, await stderr);
    }
}
