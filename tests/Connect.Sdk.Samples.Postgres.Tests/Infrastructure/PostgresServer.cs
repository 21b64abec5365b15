using System.Diagnostics;
using Connect.Sdk.TestSupport;
using Npgsql;

namespace Connect.Sdk.Samples.Postgres.Tests.Infrastructure;

/// <summary>
/// The machine's real PostgreSQL server, started once per test run by <c>eng/start-postgres.sh</c> (which starts the
/// Debian cluster, creating it if needed, and makes the test role and database). When PostgreSQL is not installed the
/// tests skip with the reason printed, except under <c>CI=true</c>, where they fail.
/// </summary>
internal sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    private PostgresServer(string? connectionString, string? unavailableReason)
    {
        ConnectionString = connectionString;
        UnavailableReason = unavailableReason;
    }

    /// <summary>The Npgsql connection string of the test database, or <see langword="null"/> when unavailable.</summary>
    public string? ConnectionString { get; }

    /// <summary>Why there is no server, or <see langword="null"/>.</summary>
    public string? UnavailableReason { get; }

    /// <summary>The JDBC URL of the test database (the connector's <c>connection.url</c>), without credentials.</summary>
    public string JdbcUrl
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"jdbc:postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    /// <summary>The test role's name.</summary>
    public string User => new NpgsqlConnectionStringBuilder(ConnectionString).Username!;

    /// <summary>The test role's password.</summary>
    public string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password!;

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    private static async Task<PostgresServer> StartAsync()
    {
        var script = Path.Combine(RepositoryFiles.Root, "eng", "start-postgres.sh");
        var info = new ProcessStartInfo("bash")
        {
            ArgumentList = { script },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return process.ExitCode switch
        {
            0 => new PostgresServer(lines[^1], null),
            3 => new PostgresServer(null, (await errors).Trim()),
            _ => throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}:\n{await errors}"),
        };
    }
}
