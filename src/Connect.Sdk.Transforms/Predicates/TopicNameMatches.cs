using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms.Predicates;

/// <summary>
/// True for records whose topic matches a regular expression (Kafka's
/// <c>org.apache.kafka.connect.transforms.predicates.TopicNameMatches</c>): <c>pattern=orders-.*</c>. The expression must
/// match the whole topic name, and uses Java's syntax (see <see cref="RegexRouter{TRecord}"/>). Answers are remembered per
/// topic.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class TopicNameMatches<TRecord> : IPredicate<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc = "A predicate which is true for records with a topic name that matches the configured regular expression.";

    private const string PatternConfig = "pattern";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            PatternConfig,
            ConfigType.String,
            ConfigDef.NoDefaultValue,
            CompositeValidator.Of(NonEmptyString.Instance, ConfigSupport.Regex),
            Importance.Medium,
            "A Java regular expression for matching against the name of a record's topic.");

    private readonly TopicCache<bool> _matches = new();
    private JavaRegex? _pattern;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the predicate from <c>pattern</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>pattern</c> is missing, empty or not a valid regular expression.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        var pattern = config.GetString(PatternConfig)!;
        try
        {
            _pattern = JavaRegex.Compile(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(PatternConfig, pattern, "entry must be a Java-compatible regular expression: " + e.Message);
        }

        _matches.Clear();
    }

    /// <inheritdoc />
    public bool Test(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pattern = _pattern ?? throw new InvalidOperationException("TopicNameMatches is not configured.");
        return _matches.GetOrAdd(record.Topic, pattern, static (topic, regex) => regex.Matches(topic));
    }

    /// <inheritdoc />
    public void Dispose() => _matches.Clear();

    /// <inheritdoc />
    public override string ToString() => $"TopicNameMatches{{pattern={_pattern?.Pattern}}}";
}
