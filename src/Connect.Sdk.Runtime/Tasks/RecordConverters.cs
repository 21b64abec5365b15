using Confluent.Kafka;
using Connect.Sdk.Converters;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>The configured key, value and header converters of a connector's task.</summary>
/// <param name="Key">The key converter.</param>
/// <param name="Value">The value converter.</param>
/// <param name="Header">The header converter.</param>
internal sealed record RecordConverters(IConverter Key, IConverter Value, IHeaderConverter Header) : IDisposable
{
    /// <summary>A record's Connect headers as Kafka headers, each written by the header converter.</summary>
    /// <param name="topic">The record's topic.</param>
    /// <param name="headers">The Connect headers.</param>
    /// <returns>The Kafka headers, or <see langword="null"/> when there are none.</returns>
    public Headers? ToKafkaHeaders(string topic, ConnectHeaders headers)
    {
        if (headers.IsEmpty)
        {
            return null;
        }

        var result = new Headers();
        foreach (var header in headers)
        {
            result.Add(header.Key, Header.FromConnectHeader(topic, header.Key, header.Schema, header.Value));
        }

        return result;
    }

    public void Dispose()
    {
        (Key as IDisposable)?.Dispose();
        (Value as IDisposable)?.Dispose();
        Header.Dispose();
    }
}
