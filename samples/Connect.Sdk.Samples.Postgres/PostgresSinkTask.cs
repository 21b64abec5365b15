using System.Globalization;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Npgsql;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>
/// Writes each batch the runtime delivers to PostgreSQL in one transaction: an INSERT (or upsert) per record, or a
/// DELETE per tombstone when <c>delete.enabled=true</c>, sent <c>batch.size</c> statements per round trip.
/// </summary>
/// <remarks>
/// <para>Records that cannot be written (a missing table with <c>auto.create=false</c>, a value without a struct
/// schema, a row the database rejects) are reported through <see cref="ISinkTaskContext.ErrantRecordReporter"/> when
/// the runtime offers one, so <c>errors.tolerance=all</c> sends them to the dead letter queue and the rest of the batch
/// is written; with <c>errors.tolerance=none</c> the first report fails the task and nothing of the batch is
/// committed. Without a reporter such a record fails the task and the batch is rolled back.</para>
/// <para>Connection problems and other transient errors (deadlocks, serialization failures, a server shutting down)
/// throw <see cref="RetriableException"/> after asking the runtime to wait <c>retry.backoff.ms</c>; the runtime then
/// delivers the same batch again, up to <c>max.retries</c> times in a row.</para>
/// </remarks>
public sealed class PostgresSinkTask : SinkTask
{
    private readonly Dictionary<(Schema? Key, Schema? Value), RecordLayout> _layouts = [];
    private readonly Dictionary<(TableId Table, RecordLayout Layout), string> _statements = [];
    private PostgresSinkConfig? _config;
    private NpgsqlDataSource? _dataSource;
    private TableManager? _tables;
    private int _failuresInARow;

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <summary>
    /// Each batch is written (or reported as errant) before <see cref="PutAsync"/> returns and no record is kept, so
    /// the worker may reuse them.
    /// </summary>
    public override bool KeepsRecordsAfterPut => false;

    /// <summary>Parses the configuration and prepares the connection pool; no connection is opened yet, so the task
    /// starts even while the database is down.</summary>
    /// <param name="config">The task configuration.</param>
    /// <exception cref="Config.ConfigException">The configuration is invalid.</exception>
    public override void Start(IReadOnlyDictionary<string, string> config)
    {
        _config = new PostgresSinkConfig(config);
        var connection = ConnectionUrl.Parse(_config.ConnectionUrl);
        if (_config.ConnectionUser is { } user)
        {
            connection.Username = user;
        }

        if (_config.ConnectionPassword is { } password)
        {
            connection.Password = password.Value;
        }

        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            connection.ApplicationName = "connect-" + _config.ConnectorName;
        }

        _dataSource = NpgsqlDataSource.Create(connection);
        _tables = new TableManager(_config);
        _layouts.Clear();
        _statements.Clear();
        _failuresInARow = 0;
    }

    /// <summary>Writes the records in one transaction; see the class remarks for errors.</summary>
    /// <param name="records">The batch.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the batch is committed.</returns>
    /// <exception cref="RetriableException">A transient error; the runtime redelivers the batch.</exception>
    /// <exception cref="ConnectException">A record cannot be written and there is no reporter, or transient errors
    /// persisted past <c>max.retries</c>, or the database refused the login.</exception>
    public override async ValueTask PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var config = _config ?? throw new InvalidOperationException("The task has not been started.");
        if (records.Count == 0)
        {
            return;
        }

        var errant = new List<(SinkRecord Record, Exception Error)>();
        var writes = new List<Write>(records.Count);
        foreach (var record in records)
        {
            try
            {
                writes.Add(new Write(record, TableId.For(config.TableNameFormat, record.Topic), LayoutOf(record, config)));
            }
            catch (ConnectException e)
            {
                await ErrantAsync(errant, record, e).ConfigureAwait(false);
            }
        }

        try
        {
            if (writes.Count > 0)
            {
                var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    writes = await PrepareTablesAsync(connection, writes, errant, cancellationToken).ConfigureAwait(false);
                    await WriteAsync(connection, writes, errant, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await ReportAsync(errant, cancellationToken).ConfigureAwait(false);
            }

            _failuresInARow = 0;
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            _tables!.Clear();
            _failuresInARow++;
            if (_failuresInARow > config.MaxRetries)
            {
                throw new ConnectException(
                    $"Writing to PostgreSQL failed with a transient error {_failuresInARow} times in a row ({PostgresSinkConfig.MaxRetriesConfig}={config.MaxRetries}); the task stops. Last error: {e.Message}",
                    e);
            }

            Context.Timeout(config.RetryBackoff);
            throw new RetriableException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Writing {records.Count} records to PostgreSQL failed with a transient error (attempt {_failuresInARow} of {config.MaxRetries + 1}); retrying in {config.RetryBackoff.TotalMilliseconds:0} ms: {e.Message}"),
                e);
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public override void Stop()
    {
        _dataSource?.Dispose();
        _dataSource = null;
    }

    private RecordLayout LayoutOf(SinkRecord record, PostgresSinkConfig config)
    {
        RecordLayout.Check(record, config);

        // Only the parts pk.mode uses tell layouts apart.
        var key = (config.PkMode == PrimaryKeyMode.RecordKey ? record.KeySchema : null, record.Value is null ? null : record.ValueSchema);
        if (!_layouts.TryGetValue(key, out var layout) || (record.Value is null) != (layout.Kind == WriteKind.Delete))
        {
            layout = RecordLayout.For(record, config);
            _layouts[key] = layout;
        }

        return layout;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var dataSource = _dataSource ?? throw new InvalidOperationException("The task has been stopped.");
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new ConnectException(
                $"PostgreSQL refused the login ({e.MessageText}). Check {PostgresSinkConfig.ConnectionUserConfig} and {PostgresSinkConfig.ConnectionPasswordConfig} (or the user and password in {PostgresSinkConfig.ConnectionUrlConfig}).",
                e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new ConnectException($"PostgreSQL has no such database ({e.MessageText}). Check {PostgresSinkConfig.ConnectionUrlConfig}.", e);
        }
    }

    /// <summary>Creates and alters tables; the writes whose table cannot be made to fit become errant.</summary>
    private async Task<List<Write>> PrepareTablesAsync(NpgsqlConnection connection, List<Write> writes, List<(SinkRecord, Exception)> errant, CancellationToken cancellationToken)
    {
        var failed = new Dictionary<(TableId, RecordLayout), ConnectException?>();
        var fitting = new List<Write>(writes.Count);
        foreach (var write in writes)
        {
            if (!failed.TryGetValue((write.Table, write.Layout), out var error))
            {
                try
                {
                    await _tables!.EnsureFitsAsync(connection, write.Table, write.Layout, cancellationToken).ConfigureAwait(false);
                }
                catch (ConnectException e)
                {
                    error = e;
                }

                failed[(write.Table, write.Layout)] = error;
            }

            if (error is null)
            {
                fitting.Add(write);
            }
            else
            {
                await ErrantAsync(errant, write.Record, error).ConfigureAwait(false);
            }
        }

        return fitting;
    }

    /// <summary>Writes in one transaction, <c>batch.size</c> statements per round trip. When the database rejects a
    /// row, the transaction is rolled back and the batch written again record by record to find out which.</summary>
    private async Task WriteAsync(NpgsqlConnection connection, List<Write> writes, List<(SinkRecord, Exception)> errant, CancellationToken cancellationToken)
    {
        PostgresException rejected;
        var batchSize = _config!.BatchSize;
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                for (var start = 0; start < writes.Count; start += batchSize)
                {
                    var chunk = writes.GetRange(start, Math.Min(batchSize, writes.Count - start));
                    using var batch = new NpgsqlBatch(connection, transaction);
                    foreach (var write in chunk)
                    {
                        batch.BatchCommands.Add(Command(write));
                    }

                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ReportAsync(errant, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (!e.IsTransient)
            {
                rejected = e;
                _tables!.Clear();
                await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            }
        }

        await WriteOneByOneAsync(connection, writes, errant, rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the batch again in one transaction with a savepoint per record, to find the records the
    /// database rejects. They are reported (and the rest committed) when the runtime takes reports; otherwise the
    /// transaction is rolled back and the first of them fails the task.</summary>
    private async Task WriteOneByOneAsync(
        NpgsqlConnection connection,
        List<Write> writes,
        List<(SinkRecord, Exception)> errant,
        PostgresException batchError,
        CancellationToken cancellationToken)
    {
        const string Savepoint = "record";
        var reporter = Context.ErrantRecordReporter;
        var rejected = 0;
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var write in writes)
            {
                await transaction.SaveAsync(Savepoint, cancellationToken).ConfigureAwait(false);
                try
                {
                    using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { Command(write) } };
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException e) when (!e.IsTransient)
                {
                    if (reporter is null)
                    {
                        throw new ConnectException(
                            $"PostgreSQL rejected {Describe(write)}: {e.MessageText} (SQLSTATE {e.SqlState}). The transaction of all {writes.Count} records of the batch was rolled back.",
                            e);
                    }

                    await transaction.RollbackAsync(Savepoint, cancellationToken).ConfigureAwait(false);
                    rejected++;
                    errant.Add((write.Record, new ConnectException($"PostgreSQL rejected {Describe(write)}: {e.MessageText} (SQLSTATE {e.SqlState})", e)));
                }
            }

            if (rejected == 0)
            {
                // Each record passed on its own, so the batch failed as a whole (for example a deferred constraint).
                throw new ConnectException(
                    $"PostgreSQL rejected the batch of {writes.Count} records ({batchError.MessageText}, SQLSTATE {batchError.SqlState}); its transaction was rolled back.",
                    batchError);
            }

            await ReportAsync(errant, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rolls back a failed transaction; one whose COMMIT failed is already over.</summary>
    private static async Task RollbackQuietlyAsync(NpgsqlTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
    }

    /// <summary>Notes a record that cannot be written; without a reporter that fails the whole batch at once.</summary>
    private Task ErrantAsync(List<(SinkRecord, Exception)> errant, SinkRecord record, ConnectException error)
    {
        if (Context.ErrantRecordReporter is null)
        {
            throw error;
        }

        errant.Add((record, error));
        return Task.CompletedTask;
    }

    /// <summary>Reports the errant records before the batch commits, so with errors.tolerance=none (where a report
    /// throws) nothing of the batch is written.</summary>
    private async Task ReportAsync(List<(SinkRecord Record, Exception Error)> errant, CancellationToken cancellationToken)
    {
        foreach (var (record, error) in errant)
        {
            await Context.ErrantRecordReporter!.ReportAsync(record, error, cancellationToken).ConfigureAwait(false);
        }

        errant.Clear();
    }

    private NpgsqlBatchCommand Command(Write write)
    {
        var layout = write.Layout;
        if (!_statements.TryGetValue((write.Table, layout), out var sql))
        {
            sql = Statements.For(write.Table, layout);
            _statements[(write.Table, layout)] = sql;
        }

        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in layout.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = column.Type.DbType, Value = column.Type.ToParameter(column.ValueOf(write.Record)) });
        }

        return command;
    }

    private static string Describe(Write write) => string.Create(
        CultureInfo.InvariantCulture,
        $"the record at (topic='{write.Record.Topic}',partition={write.Record.KafkaPartition},offset={write.Record.KafkaOffset}) for table {write.Table}");

    private static bool IsTransient(Exception e) => e is NpgsqlException { IsTransient: true } or TimeoutException;

    private sealed class Write(SinkRecord record, TableId table, RecordLayout layout)
    {
        public SinkRecord Record { get; } = record;

        public TableId Table { get; } = table;

        public RecordLayout Layout { get; } = layout;
    }
}
