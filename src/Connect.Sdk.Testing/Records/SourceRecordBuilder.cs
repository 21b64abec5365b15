using System.Collections;
using System.Collections.ObjectModel;
using System.Reflection;
using Connect.Sdk.Source;

namespace Connect.Sdk.Testing.Records;

/// <summary>
/// Builds <see cref="SourceRecord"/>s, for example to test a transform or to compare with what a task produced.
/// Source partitions and offsets can be given as anonymous objects: <c>.SourcePartition(new { file = "a.txt" })</c>.
/// </summary>
public sealed class SourceRecordBuilder : RecordBuilder<SourceRecordBuilder, SourceRecord>
{
    /// <summary>The topic a builder uses when none is given.</summary>
    public const string DefaultTopic = "test-topic";

    private int? _kafkaPartition;
    private IReadOnlyDictionary<string, object?>? _sourcePartition;
    private IReadOnlyDictionary<string, object?>? _sourceOffset;

    /// <summary>Creates a builder.</summary>
    /// <param name="topic">The topic of the records; <see cref="DefaultTopic"/> when not given.</param>
    public SourceRecordBuilder(string topic = DefaultTopic)
        : base(topic)
    {
    }

    /// <summary>Sets the Kafka partition.</summary>
    /// <param name="partition">The partition, or <see langword="null"/> to let the producer choose.</param>
    /// <returns>This builder.</returns>
    /// <remarks>The default is <see langword="null"/>.</remarks>
    public SourceRecordBuilder KafkaPartition(int? partition)
    {
        if (partition is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, "The Kafka partition cannot be negative.");
        }

        _kafkaPartition = partition;
        return this;
    }

    /// <summary>Sets the source partition.</summary>
    /// <param name="partition">A dictionary with string keys or an anonymous object, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public SourceRecordBuilder SourcePartition(object? partition)
    {
        _sourcePartition = partition is null ? null : ToMap(partition, nameof(partition));
        return this;
    }

    /// <summary>Sets the source offset.</summary>
    /// <param name="offset">A dictionary with string keys or an anonymous object, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public SourceRecordBuilder SourceOffset(object? offset)
    {
        _sourceOffset = offset is null ? null : ToMap(offset, nameof(offset));
        return this;
    }

    /// <inheritdoc />
    public override SourceRecord Build() => new(
        _sourcePartition,
        _sourceOffset,
        CurrentTopic,
        _kafkaPartition,
        CurrentKeySchema,
        CurrentKey,
        CurrentValueSchema,
        CurrentValue,
        CurrentTimestamp,
        CurrentHeaders);

    /// <summary>Converts a dictionary with string keys or an object's public properties to a string-keyed map.</summary>
    /// <param name="value">The dictionary or object.</param>
    /// <param name="parameterName">The parameter name for errors.</param>
    /// <returns>The map.</returns>
    internal static IReadOnlyDictionary<string, object?> ToMap(object value, string parameterName)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map;
            case IDictionary dictionary:
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    copy[entry.Key as string ?? throw new ArgumentException("Source partitions and offsets need string keys.", parameterName)] = entry.Value;
                }

                return new ReadOnlyDictionary<string, object?>(copy);
            default:
                var properties = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                    .ToDictionary(p => p.Name, p => p.GetValue(value), StringComparer.Ordinal);
                return new ReadOnlyDictionary<string, object?>(properties);
        }
    }
}
