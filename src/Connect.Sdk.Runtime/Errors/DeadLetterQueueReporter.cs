using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Connect.Sdk.Runtime.Errors;

/// <summary>
/// Writes the original bytes of failed sink records to the dead letter queue topic
/// (<c>errors.deadletterqueue.topic.name</c>), with Kafka Connect's <c>__connect.errors.*</c> context headers when
/// <c>errors.deadletterqueue.context.headers.enable</c> is set.
/// </summary>
public sealed class DeadLetterQueueReporter : IErrorReporter
{
    /// <summary>The prefix of the context headers.</summary>
    public const string HeaderPrefix = "__connect.errors.";

    /// <summary>The original topic.</summary>
    public const string TopicHeader = HeaderPrefix + "topic";

    /// <summary>The original partition.</summary>
    public const string PartitionHeader = HeaderPrefix + "partition";

    /// <summary>The original offset.</summary>
    public const string OffsetHeader = HeaderPrefix + "offset";

    /// <summary>The connector's name.</summary>
    public const string ConnectorNameHeader = HeaderPrefix + "connector.name";

    /// <summary>The task's id.</summary>
    public const string TaskIdHeader = HeaderPrefix + "task.id";

    /// <summary>The failing stage.</summary>
    public const string StageHeader = HeaderPrefix + "stage";

    /// <summary>The class that was running.</summary>
    public const string ClassNameHeader = HeaderPrefix + "class.name";

    /// <summary>The exception's class.</summary>
    public const string ExceptionClassNameHeader = HeaderPrefix + "exception.class.name";

    /// <summary>The exception's message.</summary>
    public const string ExceptionMessageHeader = HeaderPrefix + "exception.message";

    /// <summary>The exception's stack trace.</summary>
    public const string ExceptionStackTraceHeader = HeaderPrefix + "exception.stacktrace";

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly string _topic;
    private readonly string _connector;
    private readonly int _taskId;
    private readonly bool _contextHeaders;
    private readonly Action? _onWritten;

    /// <summary>Creates a reporter.</summary>
    /// <param name="producer">The producer to write with; the reporter owns it and disposes it.</param>
    /// <param name="topic">The dead letter queue topic.</param>
    /// <param name="connector">The connector name.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="contextHeaders">Whether to add the context headers.</param>
    /// <param name="onWritten">Called for every record written to the dead letter queue (a metric).</param>
    public DeadLetterQueueReporter(IProducer<byte[]?, byte[]?> producer, string topic, string connector, int taskId, bool contextHeaders, Action? onWritten = null)
    {
        _onWritten = onWritten;
        _producer = producer;
        _topic = topic;
        _connector = connector;
        _taskId = taskId;
        _contextHeaders = contextHeaders;
    }

    /// <inheritdoc />
    public async Task ReportAsync(ErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Consumed is not { } consumed)
        {
            // Kafka Connect has a dead letter queue for sink records only.
            return;
        }

        var headers = new Headers();
        if (consumed.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        if (_contextHeaders)
        {
            Add(headers, TopicHeader, consumed.Topic);
            Add(headers, PartitionHeader, consumed.Partition.Value.ToString(CultureInfo.InvariantCulture));
            Add(headers, OffsetHeader, consumed.Offset.Value.ToString(CultureInfo.InvariantCulture));
            Add(headers, ConnectorNameHeader, _connector);
            Add(headers, TaskIdHeader, _taskId.ToString(CultureInfo.InvariantCulture));
            Add(headers, StageHeader, context.Stage.ToWireName());
            Add(headers, ClassNameHeader, context.ExecutingClass.FullName ?? context.ExecutingClass.Name);
            Add(headers, ExceptionClassNameHeader, context.Error.GetType().FullName ?? context.Error.GetType().Name);
            if (context.Error.Message is { Length: > 0 } message)
            {
                Add(headers, ExceptionMessageHeader, message);
            }

            Add(headers, ExceptionStackTraceHeader, context.Error.ToString());
        }

        var record = new Message<byte[]?, byte[]?>
        {
            Key = consumed.Message.Key,
            Value = consumed.Message.Value,
            Headers = headers,
            Timestamp = consumed.Message.Timestamp,
        };
        await _producer.ProduceAsync(_topic, record).ConfigureAwait(false);
        _onWritten?.Invoke();
    }

    /// <summary>Disposes the producer; every report was already acknowledged.</summary>
    public void Dispose() => _producer.Dispose();

    private static void Add(Headers headers, string key, string value) => headers.Add(key, Encoding.UTF8.GetBytes(value));
}
