using Connect.Sdk.Converters;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Tasks;
using Connect.Sdk.Source;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>
/// The key, value and header converters a connector configuration names (<c>key.converter</c>,
/// <c>value.converter</c> and <c>header.converter</c>, each with its prefixed settings such as
/// <c>value.converter.schemas.enable</c>), created and configured the way the worker creates them. A role the
/// configuration does not name has no converter. The embedded engine converts records with them; tests can use them to
/// read the bytes back.
/// </summary>
/// <remarks>Like any converter, each is meant to be called from one thread at a time.</remarks>
public sealed class ConnectorConverters : IDisposable
{
    private ConnectorConverters(IConverter? key, IConverter? value, IHeaderConverter? header)
    {
        Key = key;
        Value = value;
        Header = header;
    }

    /// <summary>The key converter, or <see langword="null"/> when the configuration names none.</summary>
    public IConverter? Key { get; }

    /// <summary>The value converter, or <see langword="null"/> when the configuration names none.</summary>
    public IConverter? Value { get; }

    /// <summary>The header converter, or <see langword="null"/> when the configuration names none.</summary>
    public IHeaderConverter? Header { get; }

    /// <summary>Creates and configures the converters a connector configuration names.</summary>
    /// <param name="plugins">Resolves the converter names (full or simple .NET names, aliases, Kafka's Java names).</param>
    /// <param name="connectorConfig">The connector configuration.</param>
    /// <returns>The converters; dispose them when done.</returns>
    /// <exception cref="Connect.Sdk.Errors.ConnectException">A converter name cannot be resolved or the converter cannot be created.</exception>
    public static ConnectorConverters Create(PluginRegistry plugins, IReadOnlyDictionary<string, string> connectorConfig)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(connectorConfig);
        var key = ConverterFactory.FromConnectorConfig(connectorConfig, ConnectorConfig.KeyConverterConfig);
        var value = ConverterFactory.FromConnectorConfig(connectorConfig, ConnectorConfig.ValueConverterConfig);
        var header = ConverterFactory.FromConnectorConfig(connectorConfig, ConnectorConfig.HeaderConverterConfig);
        return new ConnectorConverters(
            key is null ? null : ConverterFactory.CreateConverter(plugins, key, isKey: true),
            value is null ? null : ConverterFactory.CreateConverter(plugins, value, isKey: false),
            header is null ? null : ConverterFactory.CreateHeaderConverter(plugins, header));
    }

    internal byte[]? ConvertKey(SourceRecord record) => Key?.FromConnectData(record.Topic, record.Headers, record.KeySchema, record.Key);

    internal byte[]? ConvertValue(SourceRecord record) => Value?.FromConnectData(record.Topic, record.Headers, record.ValueSchema, record.Value);

    internal IReadOnlyList<KeyValuePair<string, byte[]?>>? ConvertHeaders(string topic, ConnectHeaders headers)
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

    /// <summary>Disposes the converters that are disposable.</summary>
    public void Dispose()
    {
        (Key as IDisposable)?.Dispose();
        (Value as IDisposable)?.Dispose();
        Header?.Dispose();
    }
}
