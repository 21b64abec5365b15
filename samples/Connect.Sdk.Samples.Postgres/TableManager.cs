using Connect.Sdk.Errors;
using Npgsql;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>What the database says about a table: its kind and column names.</summary>
internal sealed record TableDefinition(TableId Id, char Kind, IReadOnlySet<string> Columns)
{
    /// <summary>Whether rows can be written and columns added (an ordinary or partitioned table).</summary>
    public bool IsTable => Kind is 'r' or 'p';

    public string KindName => Kind switch
    {
        'r' or 'p' => "Table",
        'v' => "View",
        'm' => "Materialized view",
        'f' => "Foreign table",
        _ => "Relation",
    };
}

/// <summary>
/// Makes sure a table fits the records written to it: creates it (<c>auto.create</c>) or adds the columns it lacks
/// (<c>auto.evolve</c>), or explains why it cannot. Table definitions are cached until a write fails.
/// </summary>
internal sealed class TableManager(PostgresSinkConfig config)
{
    private readonly Dictionary<TableId, TableDefinition> _tables = [];

    /// <summary>Forgets what is known about the tables, so they are read again.</summary>
    public void Clear() => _tables.Clear();

    /// <summary>Creates or alters the table as needed for a layout.</summary>
    /// <exception cref="ConnectException">The table is missing, lacks columns or cannot be changed, and the settings
    /// do not allow fixing that; the message says why. Specific to the records of this layout.</exception>
    /// <exception cref="NpgsqlException">A database error, transient or not.</exception>
    public async Task EnsureFitsAsync(NpgsqlConnection connection, TableId id, RecordLayout layout, CancellationToken cancellationToken)
    {
        var table = await GetAsync(connection, id, cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            if (!config.AutoCreate)
            {
                throw new ConnectException($"Table {id} is missing and auto-creation is disabled");
            }

            if (layout.Kind == WriteKind.Delete)
            {
                throw new ConnectException($"Table {id} is missing; a delete does not carry the value fields needed to create it");
            }

            var primaryKey = layout.KeyColumns.Count == 0
                ? string.Empty
                : ",\n  PRIMARY KEY (" + string.Join(", ", layout.KeyColumns.Select(c => TableId.Quote(c.Name))) + ")";
            var create = $"CREATE TABLE IF NOT EXISTS {id} (\n  {string.Join(",\n  ", layout.Columns.Select(c => c.Definition()))}{primaryKey})";
            await ApplyDdlAsync(connection, id, create, "create", cancellationToken).ConfigureAwait(false);
            table = await GetAsync(connection, id, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectException($"Table {id} was created but cannot be found; check the search_path of the user.");
        }

        var missing = layout.Columns.Where(c => !table.Columns.Contains(c.Name)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", missing);
        if (!table.IsTable)
        {
            throw new ConnectException($"{table.KindName} {id} is missing fields ({names}) and cannot be altered");
        }

        if (missing.Find(c => !c.Schema.IsOptional && c.Schema.DefaultValue is null && !c.IsPrimaryKey) is { } required)
        {
            throw new ConnectException(
                $"Cannot ALTER TABLE {id} to add missing field {required}, as the field is not optional and does not have a default value");
        }

        if (missing.Find(c => c.IsPrimaryKey) is { } key)
        {
            throw new ConnectException($"Table {id} lacks the primary key column {key}; primary keys are not changed by auto-evolution");
        }

        if (!config.AutoEvolve)
        {
            throw new ConnectException($"Table {id} is missing fields ({names}) and auto-evolution is disabled");
        }

        var alter = $"ALTER TABLE {id} " + string.Join(", ", missing.Select(c => "ADD COLUMN IF NOT EXISTS " + c.Definition()));
        await ApplyDdlAsync(connection, id, alter, "alter", cancellationToken).ConfigureAwait(false);
        table = await GetAsync(connection, id, cancellationToken).ConfigureAwait(false);
        if (table is null || layout.Columns.Any(c => !table.Columns.Contains(c.Name)))
        {
            throw new ConnectException($"Table {id} still lacks fields ({names}) after ALTER TABLE.");
        }
    }

    private async Task ApplyDdlAsync(NpgsqlConnection connection, TableId id, string sql, string action, CancellationToken cancellationToken)
    {
        _tables.Remove(id);
        try
        {
            using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (!e.IsTransient)
        {
            // Another task may have made the same change at the same moment; that is fine if the table now fits.
            if (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateColumn or PostgresErrorCodes.UniqueViolation)
            {
                return;
            }

            throw new ConnectException($"Could not {action} table {id}: {e.MessageText} (SQLSTATE {e.SqlState}). The statement was: {sql}", e);
        }
    }

    private async Task<TableDefinition?> GetAsync(NpgsqlConnection connection, TableId id, CancellationToken cancellationToken)
    {
        if (_tables.TryGetValue(id, out var cached))
        {
            return cached;
        }

        // to_regclass resolves an unqualified name through the search_path, as the INSERT will.
        const string Sql = """
            SELECT c.relkind, a.attname
            FROM pg_catalog.pg_class c
            LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.oid = to_regclass($1)
            """;
        using var command = new NpgsqlCommand(Sql, connection) { Parameters = { new NpgsqlParameter { Value = id.ToString() } } };
        char? kind = null;
        var columns = new HashSet<string>(StringComparer.Ordinal);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                kind = reader.GetChar(0);
                if (!reader.IsDBNull(1))
                {
                    columns.Add(reader.GetString(1));
                }
            }
        }

        if (kind is null)
        {
            return null;
        }

        var table = new TableDefinition(id, kind.Value, columns);
        _tables[id] = table;
        return table;
    }
}
