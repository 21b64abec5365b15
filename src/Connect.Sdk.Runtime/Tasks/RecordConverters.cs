using Confluent.Kafka;
using Connect.Sdk.Converters;
using ConnectHeaders = Connect.Sdk.Connectors.Headers;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>The configured key, value and header converters of a connector's task, and the header conversions both ways.</summary>
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

    /// <summary>Hands a produced record's key and value arrays back to their converters, when those reuse arrays
    /// (<see cref="IRecyclableOutputConverter"/>). Call it only once the producer has copied them.</summary>
    /// <param name="key">The key bytes the key converter returned, or <see langword="null"/>.</param>
    /// <param name="value">The value bytes the value converter returned, or <see langword="null"/>.</param>
    public void Recycle(byte[]? key, byte[]? value)
    {
        if (key is not null && Key is IRecyclableOutputConverter keys)
        {
            keys.Recycle(key);
        }

        if (value is not null && Value is IRecyclableOutputConverter values)
        {
            values.Recycle(value);
        }
    }

    /// <summary>A consumed message's Kafka headers as Connect headers, each read by the header converter.</summary>
    /// <param name="topic">The message's topic.</param>
    /// <param name="headers">The Kafka headers.</param>
    /// <returns>The Connect headers, or <see langword="null"/> when there are none (a record then makes its empty
    /// collection only if something asks for it).</returns>
    public ConnectHeaders? ToConnectHeaders(string topic, Headers? headers)
    {
        // Confluent.Kafka's Headers enumerator is an object too: not made when there is nothing to enumerate.
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        var result = new ConnectHeaders();
        foreach (var header in headers)
        {
            var converted = Header.ToConnectHeader(topic, header.Key, header.GetValueBytes());
            result.Add(header.Key, converted.Schema, converted.Value);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (Key as IDisposable)?.Dispose();
        (Value as IDisposable)?.Dispose();
        Header.Dispose();
    }
}
