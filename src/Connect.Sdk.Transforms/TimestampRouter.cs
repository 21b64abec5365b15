using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms;

/// <summary>
/// Routes a record to a topic named after its topic and timestamp (Kafka's
/// <c>org.apache.kafka.connect.transforms.TimestampRouter</c>): with the defaults, a record on <c>orders</c> stamped
/// 2024-03-05 goes to <c>orders-20240305</c>. Mainly for sink connectors, where the topic names the destination table or
/// index.
/// </summary>
/// <remarks>
/// <c>timestamp.format</c> is a <c>java.text.SimpleDateFormat</c> pattern applied in UTC (see
/// <see cref="JavaDateFormat"/>), so <c>YYYY</c> is the week year, as in Kafka.
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class TimestampRouter<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc =
        "Update the record's topic field as a function of the original topic value and the record timestamp. "
        + "This is mainly useful for sink connectors, since the topic field is often used to determine the equivalent entity name "
        + "in the destination system (e.g. database table or search index name).";

    private const string TopicFormatConfig = "topic.format";
    private const string TimestampFormatConfig = "timestamp.format";
    private const string TopicPlaceholder = "${topic}";
    private const string TimestampPlaceholder = "${timestamp}";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            TopicFormatConfig,
            ConfigType.String,
            "${topic}-${timestamp}",
            Importance.High,
            "Format string which can contain `${topic}` and `${timestamp}` as placeholders for the topic and timestamp, respectively.")
        .Define(
            TimestampFormatConfig,
            ConfigType.String,
            "yyyyMMdd",
            Importance.High,
            "Format string for the timestamp that is compatible with `java.text.SimpleDateFormat`.");

    private string _topicFormat = "${topic}-${timestamp}";
    private JavaDateFormat _timestampFormat = JavaDateFormat.Create("yyyyMMdd");

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the transform from <c>topic.format</c> and <c>timestamp.format</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>timestamp.format</c> is not a valid SimpleDateFormat pattern.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _topicFormat = config.GetString(TopicFormatConfig) ?? string.Empty;
        var pattern = config.GetString(TimestampFormatConfig) ?? string.Empty;
        try
        {
            _timestampFormat = JavaDateFormat.Create(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(TimestampFormatConfig, pattern, e.Message);
        }
    }

    /// <inheritdoc />
    /// <exception cref="DataException">The record has no timestamp.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Timestamp is not { } timestamp)
        {
            throw new DataException("Timestamp missing on record: " + record);
        }

        var formatted = _timestampFormat.Format(JavaValueText.FromEpochMillis(timestamp));
        var topic = _topicFormat
            .Replace(TopicPlaceholder, record.Topic, StringComparison.Ordinal)
            .Replace(TimestampPlaceholder, formatted, StringComparison.Ordinal);
        return record.WithTopic(topic);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
