using Connect.Sdk.Converters;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Source;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>The converters a connector configuration names, created the way the worker creates them; a role the
/// configuration leaves out has none.</summary>
internal sealed class EmbeddedConverters : IDisposable
{
    private EmbeddedConverters(IConverter? key, IConverter? value, IHeaderConverter? header)
    {
        Key = key;
        Value = value;
        Header = header;
    }

    public IConverter? Key { get; }

    public IConverter? Value { get; }

    public IHeaderConverter? Header { get; }

    public static EmbeddedConverters Create(PluginRegistry plugins, IReadOnlyDictionary<string, string> connectorConfig)
    {
        var key = ConverterFactory.FromConnectorConfig(connectorConfig, ConnectorConfig.KeyConverterConfig);
        var value = ConverterFactory.FromConnectorConfig(connectorConfig, ConnectorConfig.ValueConverterConfig);
        var header = ConverterFactory.FromConnectorConfig(connectorConfig, ConnectorConfig.HeaderConverterConfig);
        return new EmbeddedConverters(
            key is null ? null : ConverterFactory.CreateConverter(plugins, key, isKey: true),
            value is null ? null : ConverterFactory.CreateConverter(plugins, value, isKey: false),
            header is null ? null : ConverterFactory.CreateHeaderConverter(plugins, header));
    }

    public byte[]? ConvertKey(SourceRecord record) => Key?.FromConnectData(record.Topic, record.Headers, record.KeySchema, record.Key);

    public byte[]? ConvertValue(SourceRecord record) => Value?.FromConnectData(record.Topic, record.Headers, record.ValueSchema, record.Value);

    public IReadOnlyList<KeyValuePair<string, byte[]?>>? ConvertHeaders(string topic, ConnectHeaders headers)
    {
        if (Header is null || headers.IsEmpty)
        {
            return null;
        }

        var result = new List<KeyValuePair<string, byte[]?>>();
        foreach (var header in headers)
        {
            result.Add(new(header.Key, Header.FromConnectHeader(topic, header.Key, header.Schema, header.Value)));
        }

        return result;
    }

    public void Dispose()
    {
        (Key as IDisposable)?.Dispose();
        (Value as IDisposable)?.Dispose();
        Header?.Dispose();
    }
}
