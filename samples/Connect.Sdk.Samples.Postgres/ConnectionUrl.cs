using System.Globalization;
using Connect.Sdk.Config;
using Npgsql;

namespace Connect.Sdk.Samples.Postgres;

/// <summary>
/// Turns <c>connection.url</c> into Npgsql settings. It takes the JDBC URLs that JDBC sink configurations carry
/// (<c>jdbc:postgresql://host[:port][,host2[:port2]]/database?user=…&amp;sslmode=…</c>) as well as Npgsql connection strings
/// (<c>Host=…;Database=…</c>), so an existing configuration carries over.
/// </summary>
internal static class ConnectionUrl
{
    private const string JdbcPrefix = "jdbc:postgresql:";

    /// <summary>pgjdbc options that tune that driver only; they mean nothing to Npgsql and are ignored.</summary>
    private static readonly HashSet<string> DriverTuningOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "reWriteBatchedInserts", "prepareThreshold", "stringtype", "loggerLevel", "loggerFile", "defaultRowFetchSize",
    };

    /// <summary>Parses the URL.</summary>
    /// <exception cref="ConfigException">The URL is neither a PostgreSQL JDBC URL nor a valid Npgsql connection string.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url.Trim();
        if (!url.StartsWith("jdbc:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(url);
            }
            catch (ArgumentException e)
            {
                throw Invalid($"Not a valid Npgsql connection string: {e.Message}");
            }
        }

        if (!url.StartsWith(JdbcPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("Only PostgreSQL JDBC URLs (jdbc:postgresql://...) are supported");
        }

        var rest = url[JdbcPrefix.Length..];
        var query = string.Empty;
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var hosts = slash < 0 ? rest[2..] : rest[2..slash];
            SetHosts(builder, hosts);
            builder.Database = slash < 0 ? null : Uri.UnescapeDataString(rest[(slash + 1)..]) is { Length: > 0 } database ? database : null;
        }
        else
        {
            // jdbc:postgresql:database (localhost, default port)
            builder.Host = "localhost";
            builder.Database = rest.Length == 0 ? null : Uri.UnescapeDataString(rest);
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            Apply(builder, name, value);
        }

        return builder;
    }

    /// <summary>One host (with an optional port, IPv6 in brackets) goes to Host and Port; several stay a
    /// comma-separated Host list, which Npgsql understands with per-host ports.</summary>
    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        if (hosts.Length == 0)
        {
            builder.Host = "localhost";
            return;
        }

        var colon = hosts.LastIndexOf(':');
        if (hosts.Contains(',', StringComparison.Ordinal) || colon < 0 || colon < hosts.LastIndexOf(']'))
        {
            builder.Host = hosts;
            return;
        }

        builder.Host = hosts[..colon].Trim('[', ']');
        builder.Port = int.TryParse(hosts[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw Invalid($"'{hosts[(colon + 1)..]}' is not a port number");
    }

    private static void Apply(NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "currentschema":
                builder.SearchPath = value;
                break;
            case "applicationname":
                builder.ApplicationName = value;
                break;
            case "connecttimeout":
                builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    ? seconds
                    : throw Invalid($"connectTimeout must be a number of seconds, not '{value}'");
                break;
            case "tcpkeepalive":
                builder.TcpKeepAlive = bool.TryParse(value, out var keepAlive)
                    ? keepAlive
                    : throw Invalid($"tcpKeepAlive must be true or false, not '{value}'");
                break;
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw Invalid($"sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not '{value}'"),
                };
                break;
            default:
                if (!DriverTuningOptions.Contains(name))
                {
                    throw Invalid(
                        $"The URL option '{name}' is not supported. Supported: user, password, sslmode, currentSchema, ApplicationName, connectTimeout, tcpKeepAlive; "
                        + "for anything else use an Npgsql connection string");
                }

                break;
        }
    }

    /// <summary>The message never repeats the URL, which may hold a password.</summary>
    private static ConfigException Invalid(string message) =>
        new(PostgresSinkConfig.ConnectionUrlConfig, Password.HiddenText, message);
}

/// <summary>Checks <c>connection.url</c> when the configuration is validated.</summary>
internal sealed class ConnectionUrlValidator : IConfigValidator
{
    private ConnectionUrlValidator()
    {
    }

    public static ConnectionUrlValidator Instance { get; } = new();

    public void EnsureValid(string name, object? value)
    {
        if (value is string url)
        {
            _ = ConnectionUrl.Parse(url);
        }
    }

    public override string ToString() => "a jdbc:postgresql:// URL or an Npgsql connection string";
}

/// <summary>Checks <c>table.name.format</c>: a non-empty name with at most one schema separator outside the placeholder.</summary>
internal sealed class TableNameFormatValidator : IConfigValidator
{
    private TableNameFormatValidator()
    {
    }

    public static TableNameFormatValidator Instance { get; } = new();

    public void EnsureValid(string name, object? value)
    {
        if (value is not string format)
        {
            return;
        }

        var (schema, table) = TableId.SplitFormat(format);
        if (table.Length == 0 || schema is { Length: 0 } || table.Replace(PostgresSinkConfig.TopicPlaceholder, string.Empty, StringComparison.Ordinal).Contains('.', StringComparison.Ordinal))
        {
            throw new ConfigException(name, value, "Must be [schema.]table, where either part may use ${topic}");
        }
    }

    public override string ToString() => "[schema.]table, with ${topic} for the topic";
}
