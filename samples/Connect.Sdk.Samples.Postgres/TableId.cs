namespace Connect.Sdk.Samples.Postgres;

/// <summary>A table, optionally qualified by its schema. <see cref="ToString"/> is the quoted SQL name, as used in
/// statements and messages (<c>"orders"</c>, <c>"analytics"."orders"</c>).</summary>
internal sealed record TableId(string? Schema, string Name)
{
    private const char Placeholder = '\0';

    /// <summary>The table a record of a topic goes to.</summary>
    public static TableId For(string format, string topic)
    {
        var (schema, table) = SplitFormat(format);
        return new TableId(
            schema?.Replace(PostgresSinkConfig.TopicPlaceholder, topic, StringComparison.Ordinal),
            table.Replace(PostgresSinkConfig.TopicPlaceholder, topic, StringComparison.Ordinal));
    }

    /// <summary>Splits a <c>table.name.format</c> at its first dot outside <c>${topic}</c>: what comes before is the schema.</summary>
    public static (string? Schema, string Table) SplitFormat(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var masked = format.Replace(PostgresSinkConfig.TopicPlaceholder, Placeholder.ToString(), StringComparison.Ordinal);
        var dot = masked.IndexOf('.', StringComparison.Ordinal);
        return dot < 0
            ? (null, format)
            : (Unmask(masked[..dot]), Unmask(masked[(dot + 1)..]));

        static string Unmask(string part) => part.Replace(Placeholder.ToString(), PostgresSinkConfig.TopicPlaceholder, StringComparison.Ordinal);
    }

    /// <summary>Quotes an identifier, doubling embedded quotes.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override string ToString() => Schema is null ? Quote(Name) : Quote(Schema) + "." + Quote(Name);
}
