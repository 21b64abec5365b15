using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Renames the topic of records whose topic matches a regular expression (Kafka's
/// <c>org.apache.kafka.connect.transforms.RegexRouter</c>): <c>regex=(.*)-(.*)</c> with <c>replacement=$2</c> routes
/// <c>prod-orders</c> to <c>orders</c>. Records whose topic does not match are left alone.
/// </summary>
/// <remarks>
/// As in Kafka, the expression must match the whole topic (<c>Matcher.matches()</c>) and then the first match is
/// replaced (<c>Matcher.replaceFirst()</c>) using Java's replacement syntax: <c>$1</c> and <c>${name}</c> refer to groups,
/// <c>\$</c> is a literal dollar. Java's regular expression syntax is run on .NET's engine, with <c>\Q…\E</c> quoting and
/// Java's group numbering; Java-only constructs such as possessive quantifiers are rejected at configure time. The
/// routed name is remembered per topic.
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class RegexRouter<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Update the record topic using the configured regular expression and replacement string. "
        + "Under the hood, the regex is compiled to a `java.util.regex.Pattern`. If the pattern matches the input topic, "
        + "`java.util.regex.Matcher#replaceFirst()` is used with the replacement string to obtain the new topic.";

    private const string RegexConfig = "regex";
    private const string ReplacementConfig = "replacement";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(RegexConfig, ConfigType.String, ConfigDef.NoDefaultValue, ConfigSupport.Regex, Importance.High, "Regular expression to use for matching.")
        .Define(ReplacementConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.High, "Replacement string.");

    private readonly TopicCache<string?> _routes = new();
    private JavaRegex? _regex;
    private JavaRegex.Replacement? _replacement;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>regex</c> and <c>replacement</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException">Either key is missing, the expression is invalid, or the replacement refers to a group the expression does not have.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _regex = JavaRegex.Compile(config.GetString(RegexConfig)!);
        var replacement = config.GetString(ReplacementConfig)!;
        try
        {
            _replacement = _regex.CompileReplacement(replacement);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(ReplacementConfig, replacement, e.Message);
        }

        _routes.Clear();
    }

    /// <inheritdoc />
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_regex is null || _replacement is null)
        {
            throw new InvalidOperationException("RegexRouter is not configured.");
        }

        var topic = _routes.GetOrAdd(record.Topic, this, static (t, self) =>
            self._regex!.Matches(t) ? self._regex.ReplaceFirst(t, self._replacement!) : null);
        return topic is null ? record : record.WithTopic(topic);
    }

    /// <inheritdoc />
    public void Dispose() => _routes.Clear();
}
