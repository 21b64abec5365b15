using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Sink;
using Connect.Sdk.Source;

namespace Connect.Sdk.Transforms.Tests;

internal static class Props
{
    public static Dictionary<string, string> Of(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static Dictionary<string, string> Empty => new(StringComparer.Ordinal);
}

internal static class Records
{
    public static SourceRecord Value(Schema? schema, object? value, string topic = "topic") =>
        new(null, null, topic, 0, null, null, schema, value);

    public static SourceRecord Key(Schema? schema, object? key, string topic = "topic") =>
        new(null, null, topic, 0, schema, key, null, null);

    public static SinkRecord Sink(Schema? valueSchema, object? value, string topic = "test", long offset = 0, long? timestamp = null) =>
        new(topic, 0, null, null, valueSchema, value, offset, timestamp, TimestampType.CreateTime);

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    public static T Configured<T>(this T transform, params (string Key, string Value)[] settings)
        where T : ITransformation<SourceRecord>
    {
        transform.Configure(Props.Of(settings));
        return transform;
    }

    public static TRecord ApplyOrFail<TRecord>(this ITransformation<TRecord> transform, TRecord record)
        where TRecord : ConnectRecord<TRecord> =>
        transform.Apply(record) ?? throw new InvalidOperationException("The transform dropped the record.");
}
