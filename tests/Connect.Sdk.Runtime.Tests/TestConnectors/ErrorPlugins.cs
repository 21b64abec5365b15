using System.Collections.Concurrent;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Runtime.Tests.TestConnectors;

/// <summary>A transformation that throws for every record, as a buggy one would.</summary>
public sealed class ThrowingTransformation : ITransformation<SourceRecord>
{
    public ConfigDef Config => new();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public SourceRecord? Apply(SourceRecord record) => throw new DataException($"Cannot transform {record.Value}");

    public void Dispose()
    {
    }
}

/// <summary>A string converter whose first <c>failures</c> conversions throw a <see cref="RetriableException"/>,
/// counted per <c>id</c>, as a converter whose schema registry is briefly unreachable would.</summary>
public sealed class FlakyStringConverter : IConverter
{
    public const string FailuresConfig = "failures";
    public const string IdConfig = "id";

    private static readonly ConcurrentDictionary<string, int> ThrownById = new(StringComparer.Ordinal);
    private readonly StringConverter _inner = new();
    private string _id = string.Empty;
    private int _remaining;

    public static int Thrown(string id) => ThrownById.GetValueOrDefault(id);

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        ArgumentNullException.ThrowIfNull(configs);
        _id = configs[IdConfig];
        _remaining = int.Parse(configs[FailuresConfig], System.Globalization.CultureInfo.InvariantCulture);
        _inner.Configure(configs, isKey);
    }

    public byte[]? FromConnectData(string topic, Headers? headers, Schema? schema, object? value)
    {
        if (_remaining > 0)
        {
            _remaining--;
            ThrownById.AddOrUpdate(_id, 1, (_, n) => n + 1);
            throw new RetriableException("The schema registry is briefly unreachable");
        }

        return _inner.FromConnectData(topic, headers, schema, value);
    }

    public SchemaAndValue ToConnectData(string topic, Headers? headers, byte[]? value) => _inner.ToConnectData(topic, headers, value);
}
