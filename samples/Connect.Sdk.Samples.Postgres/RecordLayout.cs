using System.Globalization;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>What a record becomes in SQL.</summary>
internal enum WriteKind
{
    Insert,
    Upsert,
    Delete,
}

/// <summary>Where a column's value comes from.</summary>
internal enum ColumnSource
{
    /// <summary>The whole (primitive) record key.</summary>
    Key,

    /// <summary>A field of the struct key.</summary>
    KeyField,

    /// <summary>A field of the struct value.</summary>
    ValueField,
}

/// <summary>A column a record writes.</summary>
internal sealed record Column(string Name, Schema Schema, bool IsPrimaryKey, ColumnSource Source, ColumnType Type)
{
    /// <summary>The value of the column for a record.</summary>
    public object? ValueOf(SinkRecord record) => Source switch
    {
        ColumnSource.Key => record.Key,
        ColumnSource.KeyField => ((Struct)record.Key!).Get(Name),
        _ => ((Struct)record.Value!).Get(Name),
    };

    /// <summary>The column definition for CREATE TABLE and ALTER TABLE.</summary>
    public string Definition()
    {
        var definition = TableId.Quote(Name) + " " + Type.Sql;
        if (Schema.DefaultValue is { } defaultValue)
        {
            definition += " DEFAULT " + Type.Literal(defaultValue);
        }

        return definition + (Schema.IsOptional && !IsPrimaryKey ? " NULL" : " NOT NULL");
    }

    public override string ToString() => Name;
}

/// <summary>
/// The columns of the records with one key schema and value schema under the connector's <c>pk.mode</c>: the primary
/// key columns first, then the other value fields. Layouts are computed once per schema pair and kept.
/// </summary>
internal sealed class RecordLayout
{
    private RecordLayout(WriteKind kind, IReadOnlyList<Column> columns)
    {
        Kind = kind;
        Columns = columns;
        KeyColumns = [.. columns.Where(c => c.IsPrimaryKey)];
        NonKeyColumns = [.. columns.Where(c => !c.IsPrimaryKey)];
    }

    public WriteKind Kind { get; }

    public IReadOnlyList<Column> Columns { get; }

    public IReadOnlyList<Column> KeyColumns { get; }

    public IReadOnlyList<Column> NonKeyColumns { get; }

    /// <summary>The columns the statement binds, in parameter order.</summary>
    public IReadOnlyList<Column> Parameters => Kind == WriteKind.Delete ? KeyColumns : Columns;

    /// <summary>Checks what a layout cannot tell: that the record has the key and value the configuration needs.</summary>
    /// <exception cref="DataException">The record cannot be written with this configuration; the message says why.</exception>
    public static void Check(SinkRecord record, PostgresSinkConfig config)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(config);
        var tombstone = record.Value is null;
        if (tombstone && !config.DeleteEnabled)
        {
            throw RecordProblem(record, config, "requires non-null record values that are structs", "value");
        }

        if (!tombstone && (record.ValueSchema is null || record.ValueSchema.Type != SchemaType.Struct || record.Value is not Struct))
        {
            throw RecordProblem(record, config, "requires record values that are structs with a schema (with JsonConverter, set value.converter.schemas.enable=true)", "value");
        }

        if (config.PkMode == PrimaryKeyMode.RecordKey && (record.Key is null || record.KeySchema is null))
        {
            throw RecordProblem(record, config, "requires non-null record keys with schemas", "key");
        }

        if (config.PkMode == PrimaryKeyMode.RecordKey && record.KeySchema!.Type != SchemaType.Struct && !record.KeySchema.Type.IsPrimitive())
        {
            throw RecordProblem(record, config, "requires record keys that are structs or a single primitive value", "key");
        }
    }

    /// <summary>Works out the layout of a record that passed <see cref="Check"/>; it depends only on the record's
    /// schemas (and whether it is a tombstone), so it can be kept for the next records with the same schemas.</summary>
    /// <exception cref="DataException">The schemas do not fit the configuration; the message says why.</exception>
    public static RecordLayout For(SinkRecord record, PostgresSinkConfig config)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(config);
        var tombstone = record.Value is null;
        var columns = new List<Column>();
        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        switch (config.PkMode)
        {
            case PrimaryKeyMode.RecordKey:
                AddKeyColumns(record, config, columns);
                keyNames.UnionWith(columns.Select(c => c.Name));
                break;
            case PrimaryKeyMode.RecordValue:
                var valueSchema = record.ValueSchema!;
                var pkFields = config.PkFields.Count > 0 ? config.PkFields : [.. valueSchema.Fields.Select(f => f.Name)];
                foreach (var name in pkFields)
                {
                    var field = valueSchema.FindField(name) ?? throw new DataException(
                        $"The primary key field '{name}' ({PostgresSinkConfig.PkFieldsConfig}) is not a field of the value schema {Describe(valueSchema)}, "
                        + $"which has: {string.Join(", ", valueSchema.Fields.Select(f => f.Name))}.");
                    columns.Add(new Column(name, field.Schema, true, ColumnSource.ValueField, ColumnType.For(field.Schema, name)));
                }

                keyNames.UnionWith(pkFields);
                break;
        }

        if (tombstone)
        {
            return new RecordLayout(WriteKind.Delete, columns);
        }

        // A value field that is also a key column is written once, from the key.
        foreach (var field in record.ValueSchema!.Fields.Where(f => !keyNames.Contains(f.Name)))
        {
            columns.Add(new Column(field.Name, field.Schema, false, ColumnSource.ValueField, ColumnType.For(field.Schema, field.Name)));
        }

        if (columns.Count == 0)
        {
            throw new DataException($"The value schema {Describe(record.ValueSchema)} has no fields to write.");
        }

        return new RecordLayout(config.InsertMode == InsertMode.Upsert ? WriteKind.Upsert : WriteKind.Insert, columns);
    }

    private static void AddKeyColumns(SinkRecord record, PostgresSinkConfig config, List<Column> columns)
    {
        var keySchema = record.KeySchema!;
        if (keySchema.Type == SchemaType.Struct)
        {
            var pkFields = config.PkFields.Count > 0 ? config.PkFields : [.. keySchema.Fields.Select(f => f.Name)];
            foreach (var name in pkFields)
            {
                var field = keySchema.FindField(name) ?? throw new DataException(
                    $"The primary key field '{name}' ({PostgresSinkConfig.PkFieldsConfig}) is not a field of the key schema {Describe(keySchema)}, "
                    + $"which has: {string.Join(", ", keySchema.Fields.Select(f => f.Name))}.");
                columns.Add(new Column(name, field.Schema, true, ColumnSource.KeyField, ColumnType.For(field.Schema, name)));
            }

            return;
        }

        if (config.PkFields.Count > 1)
        {
            throw new DataException(
                $"The record key is a single {keySchema.Type.ToWireName()} value, so {PostgresSinkConfig.PkFieldsConfig} can name at most one column, not {config.PkFields.Count} ({string.Join(", ", config.PkFields)}).");
        }

        var column = config.PkFields.Count == 1 ? config.PkFields[0] : PostgresSinkConfig.DefaultKeyColumn;
        columns.Add(new Column(column, keySchema, true, ColumnSource.Key, ColumnType.For(keySchema, column)));
    }

    /// <summary>A message in the style of Kafka's JDBC sink that names the settings and the record.</summary>
    private static DataException RecordProblem(SinkRecord record, PostgresSinkConfig config, string requirement, string part)
    {
        var (value, schema) = part == "key" ? (record.Key, record.KeySchema) : (record.Value, record.ValueSchema);
        return new DataException(string.Create(
            CultureInfo.InvariantCulture,
            $"The PostgreSQL sink connector '{config.ConnectorName}' is configured with '{PostgresSinkConfig.DeleteEnabledConfig}={(config.DeleteEnabled ? "true" : "false")}' "
            + $"and '{PostgresSinkConfig.PkModeConfig}={config.GetString(PostgresSinkConfig.PkModeConfig)!.ToLowerInvariant()}' and therefore {requirement}, "
            + $"but found record at (topic='{record.Topic}',partition={record.KafkaPartition},offset={record.KafkaOffset},timestamp={record.Timestamp?.ToString(CultureInfo.InvariantCulture) ?? "null"}) "
            + $"with a {TypeName(value)} {part} and {SchemaName(schema)} {part} schema."));
    }

    private static string TypeName(object? value) => value?.GetType().Name ?? "null";

    private static string SchemaName(Schema? schema) => schema is null ? "null" : schema.Type.ToWireName().ToUpperInvariant();

    private static string Describe(Schema schema) => schema.Name ?? "(unnamed struct)";
}
