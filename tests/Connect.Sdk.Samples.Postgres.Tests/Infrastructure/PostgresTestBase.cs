using Connect.Sdk.Samples.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Connect.Sdk.Samples.Postgres.Tests.Infrastructure;

/// <summary>
/// Gives each test the real server, table names of its own (so tests run in parallel) and helpers to read what the
/// connector wrote. Tests start with <c>if (Unavailable()) return;</c>.
/// </summary>
public abstract class PostgresTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> _tables = [];
    private readonly List<PostgresSinkTask> _tasks = [];
    private PostgresServer? _server;
    private NpgsqlDataSource? _database;

    protected ITestOutputHelper Output { get; } = output;

    internal PostgresServer Server => _server!;

    protected NpgsqlDataSource Database => _database!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        if (_server.ConnectionString is not null)
        {
            _database = NpgsqlDataSource.Create(_server.ConnectionString);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var task in _tasks)
        {
            task.Stop();
        }

        if (_database is not null)
        {
            foreach (var table in _tables)
            {
                await ExecuteAsync($"DROP TABLE IF EXISTS {table} CASCADE");
            }

            await _database.DisposeAsync();
        }
    }

    /// <summary>Whether to skip: prints the reason, and fails instead under CI=true.</summary>
    protected bool Unavailable()
    {
        if (_server!.UnavailableReason is not { } reason)
        {
            return false;
        }

        Output.WriteLine($"SKIPPED: no PostgreSQL server: {reason}");
        Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "CI runs eng/bootstrap.sh, which installs PostgreSQL");
        return true;
    }

    /// <summary>A table (and topic) name unique to the test, dropped afterwards.</summary>
    protected string Table(string name)
    {
        var table = $"{name}_{_suffix}";
        _tables.Add($"\"{table}\"");
        return table;
    }

    /// <summary>Registers a schema-qualified table (already quoted) to drop afterwards.</summary>
    protected void DropAfterwards(string quotedTable) => _tables.Add(quotedTable);

    /// <summary>Connector settings that reach the test database.</summary>
    protected Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "pg-test",
            [PostgresSinkConfig.ConnectionUrlConfig] = Server.JdbcUrl,
            [PostgresSinkConfig.ConnectionUserConfig] = Server.User,
            [PostgresSinkConfig.ConnectionPasswordConfig] = Server.Password,
            [PostgresSinkConfig.RetryBackoffMsConfig] = "10",
        };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return config;
    }

    internal PostgresSinkTask StartTask(Dictionary<string, string> config, FakeSinkTaskContext? context = null)
    {
        var task = new PostgresSinkTask();
        _tasks.Add(task);
        task.Initialize(context ?? new FakeSinkTaskContext(config));
        task.Start(config);
        return task;
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of a query, each as an array of column values (<see langword="null"/> for SQL NULL).</summary>
    protected async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Each column of a table as "name type NULL|NOT NULL", in order.</summary>
    protected async Task<List<string>> ColumnsAsync(string table) =>
        [.. (await QueryAsync($"""
            SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
            FROM pg_attribute a WHERE a.attrelid = to_regclass('"{table}"') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """)).Select(r => (string)r[0]!)];

    /// <summary>The primary key columns of a table, in key order.</summary>
    protected async Task<List<string>> PrimaryKeyAsync(string table) =>
        [.. (await QueryAsync($"""
            SELECT a.attname FROM pg_index i
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON TRUE
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass('"{table}"') AND i.indisprimary ORDER BY k.n
            """)).Select(r => (string)r[0]!)];
}
