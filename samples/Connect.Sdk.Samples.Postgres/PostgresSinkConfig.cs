using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>How records are written.</summary>
public enum InsertMode
{
    /// <summary>Plain <c>INSERT</c>; a record whose primary key exists fails.</summary>
    Insert,

    /// <summary><c>INSERT … ON CONFLICT (primary key) DO UPDATE</c>: inserts new rows and overwrites existing ones, so
    /// redelivered records are harmless.</summary>
    Upsert,
}

/// <summary>Where the primary key columns come from.</summary>
public enum PrimaryKeyMode
{
    /// <summary>No primary key: every value field is a column.</summary>
    None,

    /// <summary>From the record key: a primitive key is one column, a struct key one column per (selected) field.</summary>
    RecordKey,

    /// <summary>From (selected) fields of the record value.</summary>
    RecordValue,
}

/// <summary>The configuration of <see cref="PostgresSinkConnector"/> and its tasks. The keys and their meaning follow
/// Confluent's JDBC sink connector, so existing configurations mostly carry over. The topics to read are the runtime's
/// <c>topics</c> (or <c>topics.regex</c>) keys.</summary>
public sealed class PostgresSinkConfig : AbstractConfig
{
    /// <summary>The database to connect to.</summary>
    public const string ConnectionUrlConfig = "connection.url";

    /// <summary>The database user.</summary>
    public const string ConnectionUserConfig = "connection.user";

    /// <summary>The database user's password.</summary>
    public const string ConnectionPasswordConfig = "connection.password";

    /// <summary>How records are written: <see cref="InsertModeInsert"/> or <see cref="InsertModeUpsert"/>.</summary>
    public const string InsertModeConfig = "insert.mode";

    /// <summary>The most statements sent to the server in one round trip.</summary>
    public const string BatchSizeConfig = "batch.size";

    /// <summary>Whether tombstones delete rows.</summary>
    public const string DeleteEnabledConfig = "delete.enabled";

    /// <summary>The table to write a record to, from its topic.</summary>
    public const string TableNameFormatConfig = "table.name.format";

    /// <summary>Where the primary key comes from: <see cref="PkModeNone"/>, <see cref="PkModeRecordKey"/> or
    /// <see cref="PkModeRecordValue"/>.</summary>
    public const string PkModeConfig = "pk.mode";

    /// <summary>The primary key fields.</summary>
    public const string PkFieldsConfig = "pk.fields";

    /// <summary>Whether missing tables are created.</summary>
    public const string AutoCreateConfig = "auto.create";

    /// <summary>Whether missing columns are added.</summary>
    public const string AutoEvolveConfig = "auto.evolve";

    /// <summary>How many times in a row a batch is retried after a connection or other transient error.</summary>
    public const string MaxRetriesConfig = "max.retries";

    /// <summary>The pause before such a retry.</summary>
    public const string RetryBackoffMsConfig = "retry.backoff.ms";

    /// <summary>The <see cref="InsertModeConfig"/> value for <see cref="InsertMode.Insert"/>.</summary>
    public const string InsertModeInsert = "insert";

    /// <summary>The <see cref="InsertModeConfig"/> value for <see cref="InsertMode.Upsert"/>.</summary>
    public const string InsertModeUpsert = "upsert";

    /// <summary>The <see cref="PkModeConfig"/> value for <see cref="PrimaryKeyMode.None"/>.</summary>
    public const string PkModeNone = "none";

    /// <summary>The <see cref="PkModeConfig"/> value for <see cref="PrimaryKeyMode.RecordKey"/>.</summary>
    public const string PkModeRecordKey = "record_key";

    /// <summary>The <see cref="PkModeConfig"/> value for <see cref="PrimaryKeyMode.RecordValue"/>.</summary>
    public const string PkModeRecordValue = "record_value";

    /// <summary>The placeholder of <see cref="TableNameFormatConfig"/> that stands for the topic.</summary>
    public const string TopicPlaceholder = "${topic}";

    /// <summary>The column of a primitive record key when <see cref="PkFieldsConfig"/> does not name one.</summary>
    public const string DefaultKeyColumn = "__connect_key";

    /// <summary>The default of <see cref="BatchSizeConfig"/>.</summary>
    public const int DefaultBatchSize = 3000;

    /// <summary>The default of <see cref="MaxRetriesConfig"/>.</summary>
    public const int DefaultMaxRetries = 10;

    /// <summary>The default of <see cref="RetryBackoffMsConfig"/>, in milliseconds.</summary>
    public const int DefaultRetryBackoffMs = 3000;

    private const string ConnectionGroup = "Connection";
    private const string WritesGroup = "Writes";
    private const string DataMappingGroup = "Data Mapping";
    private const string DdlGroup = "DDL Support";
    private const string RetriesGroup = "Retries";

    /// <summary>Initializes a new instance of the <see cref="PostgresSinkConfig"/> class.</summary>
    /// <param name="props">The connector or task configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid, or two keys do not fit together (see
    /// <see cref="CrossKeyErrors"/>).</exception>
    public PostgresSinkConfig(IReadOnlyDictionary<string, string> props)
        : this(props, checkCrossKeys: true)
    {
    }

    private PostgresSinkConfig(IReadOnlyDictionary<string, string> props, bool checkCrossKeys)
        : base(ConfigDef, props)
    {
        ConnectorName = props.TryGetValue("name", out var name) ? name : "unnamed";
        foreach (var (key, message) in checkCrossKeys ? CrossKeyErrors() : [])
        {
            throw new ConfigException(key, Get(key) is IReadOnlyList<string> list ? string.Join(',', list) : Get(key), message);
        }
    }

    /// <summary>Gets the definition of the keys.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(
            ConnectionUrlConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            ConnectionUrlValidator.Instance,
            Importance.High,
            "The database: a JDBC URL such as jdbc:postgresql://db.example.com:5432/shop?sslmode=require, or an Npgsql connection string such as Host=db.example.com;Database=shop.",
            ConnectionGroup,
            1)
        .Define(
            ConnectionUserConfig,
            ConfigType.String,
            null,
            Importance.High,
            "The database user; overrides a user in connection.url.",
            ConnectionGroup,
            2)
        .Define(
            ConnectionPasswordConfig,
            ConfigType.Password,
            null,
            Importance.High,
            "The database user's password; overrides a password in connection.url.",
            ConnectionGroup,
            3)
        .Define(
            InsertModeConfig,
            ConfigType.String,
            InsertModeInsert,
            CaseInsensitiveValidString.In(InsertModeInsert, InsertModeUpsert),
            Importance.High,
            "How records are written. 'insert' uses plain INSERT statements; a record whose primary key exists fails. 'upsert' uses INSERT ... ON CONFLICT (primary key) DO UPDATE, which inserts new rows and overwrites existing ones, so redelivered records are harmless; it needs a primary key (pk.mode other than none).",
            WritesGroup,
            1)
        .Define(
            BatchSizeConfig,
            ConfigType.Int,
            DefaultBatchSize,
            RangeValidator.AtLeast(1),
            Importance.Medium,
            "The most statements sent to the server in one round trip. Every batch the runtime delivers is written in one transaction whatever its size.",
            WritesGroup,
            2)
        .Define(
            DeleteEnabledConfig,
            ConfigType.Boolean,
            false,
            Importance.Medium,
            "Whether a tombstone (a record with a null value) deletes the row with the record's key. Needs pk.mode=record_key. When false, a tombstone is an error.",
            WritesGroup,
            3)
        .Define(
            TableNameFormatConfig,
            ConfigType.String,
            TopicPlaceholder,
            TableNameFormatValidator.Instance,
            Importance.Medium,
            "The table each record is written to, where ${topic} stands for the record's topic; for example kafka_${topic}. A dot before the placeholder separates the schema (analytics.${topic}); dots in the topic itself stay part of the table name. Names are quoted, so they are case-sensitive.",
            DataMappingGroup,
            1)
        .Define(
            PkModeConfig,
            ConfigType.String,
            PkModeNone,
            CaseInsensitiveValidString.In(PkModeNone, PkModeRecordKey, PkModeRecordValue),
            Importance.High,
            "Where the primary key comes from. 'none': no primary key. 'record_key': from the record key; a primitive key is one column (named by pk.fields, default __connect_key), a struct key gives the fields listed in pk.fields (default all). 'record_value': the value fields listed in pk.fields (default all).",
            DataMappingGroup,
            2)
        .Define(
            PkFieldsConfig,
            ConfigType.List,
            string.Empty,
            Importance.Medium,
            "The primary key fields, as explained under pk.mode. Empty takes the default for the mode.",
            DataMappingGroup,
            3)
        .Define(
            AutoCreateConfig,
            ConfigType.Boolean,
            false,
            Importance.Medium,
            "Whether a missing table is created (CREATE TABLE) from the schema of the first record written to it, with the primary key of pk.mode. When false, records for a missing table fail.",
            DdlGroup,
            1)
        .Define(
            AutoEvolveConfig,
            ConfigType.Boolean,
            false,
            Importance.Medium,
            "Whether columns are added (ALTER TABLE ... ADD COLUMN) when a record has fields the table lacks. Only optional fields and fields with a default can be added; columns are never dropped or changed. When false, such records fail.",
            DdlGroup,
            2)
        .Define(
            MaxRetriesConfig,
            ConfigType.Int,
            DefaultMaxRetries,
            RangeValidator.AtLeast(0),
            Importance.Medium,
            "How many times in a row a batch is retried after a connection problem or another transient database error (such as a deadlock) before the task fails.",
            RetriesGroup,
            1)
        .Define(
            RetryBackoffMsConfig,
            ConfigType.Int,
            DefaultRetryBackoffMs,
            RangeValidator.AtLeast(0),
            Importance.Medium,
            "The pause, in milliseconds, before a batch is retried after a transient error.",
            RetriesGroup,
            2);

    /// <summary>Gets the connector's name (the <c>name</c> key), for messages.</summary>
    public string ConnectorName { get; }

    /// <summary>Gets the database URL or connection string.</summary>
    public string ConnectionUrl => GetString(ConnectionUrlConfig)!;

    /// <summary>Gets the database user, or <see langword="null"/> for the one in the URL.</summary>
    public string? ConnectionUser => GetString(ConnectionUserConfig) is { Length: > 0 } user ? user : null;

    /// <summary>Gets the password, or <see langword="null"/> for the one in the URL.</summary>
    public Password? ConnectionPassword => GetPassword(ConnectionPasswordConfig);

    /// <summary>Gets how records are written.</summary>
    /// <value>The default is <see cref="InsertMode.Insert"/>.</value>
    public InsertMode InsertMode =>
        string.Equals(GetString(InsertModeConfig), InsertModeUpsert, StringComparison.OrdinalIgnoreCase) ? InsertMode.Upsert : InsertMode.Insert;

    /// <summary>Gets the most statements per round trip.</summary>
    /// <value>The default is <see cref="DefaultBatchSize"/>.</value>
    public int BatchSize => GetInt(BatchSizeConfig);

    /// <summary>Gets whether tombstones delete rows.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool DeleteEnabled => GetBoolean(DeleteEnabledConfig);

    /// <summary>Gets the table name format.</summary>
    /// <value>The default is <see cref="TopicPlaceholder"/>.</value>
    public string TableNameFormat => GetString(TableNameFormatConfig)!;

    /// <summary>Gets where the primary key comes from.</summary>
    /// <value>The default is <see cref="PrimaryKeyMode.None"/>.</value>
    public PrimaryKeyMode PkMode => GetString(PkModeConfig)!.ToLowerInvariant() switch
    {
        PkModeRecordKey => PrimaryKeyMode.RecordKey,
        PkModeRecordValue => PrimaryKeyMode.RecordValue,
        _ => PrimaryKeyMode.None,
    };

    /// <summary>Gets the primary key fields; empty for the mode's default.</summary>
    public IReadOnlyList<string> PkFields => GetList(PkFieldsConfig)!;

    /// <summary>Gets whether missing tables are created.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AutoCreate => GetBoolean(AutoCreateConfig);

    /// <summary>Gets whether missing columns are added.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AutoEvolve => GetBoolean(AutoEvolveConfig);

    /// <summary>Gets how many transient failures in a row are retried.</summary>
    /// <value>The default is <see cref="DefaultMaxRetries"/>.</value>
    public int MaxRetries => GetInt(MaxRetriesConfig);

    /// <summary>Gets the pause before a retry.</summary>
    /// <value>The default is 3 seconds.</value>
    public TimeSpan RetryBackoff => TimeSpan.FromMilliseconds(GetInt(RetryBackoffMsConfig));

    /// <summary>Parses a configuration without checking how the keys fit together, to list those problems with
    /// <see cref="CrossKeyErrors"/>.</summary>
    /// <param name="props">The configuration.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    internal static PostgresSinkConfig WithoutCrossKeyChecks(IReadOnlyDictionary<string, string> props) => new(props, checkCrossKeys: false);

    /// <summary>The problems between keys: upsert without a primary key, deletes without <c>pk.mode=record_key</c>, and
    /// more than one <c>pk.fields</c> entry for <c>pk.mode=none</c>.</summary>
    /// <returns>The key to blame and the message, for each problem.</returns>
    public IEnumerable<(string Key, string Message)> CrossKeyErrors()
    {
        if (InsertMode == InsertMode.Upsert && PkMode == PrimaryKeyMode.None)
        {
            yield return (InsertModeConfig, $"insert.mode=upsert needs a primary key to detect conflicts: set {PkModeConfig} to {PkModeRecordKey} or {PkModeRecordValue}");
        }

        if (DeleteEnabled && PkMode != PrimaryKeyMode.RecordKey)
        {
            yield return (DeleteEnabledConfig, $"Deletes are only supported for {PkModeConfig}={PkModeRecordKey}, because a tombstone has nothing but its key");
        }

        if (PkMode == PrimaryKeyMode.None && PkFields.Count > 0)
        {
            yield return (PkFieldsConfig, $"{PkFieldsConfig} must be empty when {PkModeConfig}={PkModeNone}");
        }

        if (PkFields.Any(string.IsNullOrWhiteSpace) || PkFields.Distinct(StringComparer.Ordinal).Count() != PkFields.Count)
        {
            yield return (PkFieldsConfig, "Field names must be non-empty and listed once");
        }
    }
}
