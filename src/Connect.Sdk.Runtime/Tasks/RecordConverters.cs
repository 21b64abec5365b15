using Connect.Sdk.Converters;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>The configured key, value and header converters of a connector's task.</summary>
/// <param name="Key">The key converter.</param>
/// <param name="Value">The value converter.</param>
/// <param name="Header">The header converter.</param>
internal sealed record RecordConverters(IConverter Key, IConverter Value, IHeaderConverter Header) : IDisposable
{
    public void Dispose()
    {
        (Key as IDisposable)?.Dispose();
        (Value as IDisposable)?.Dispose();
        Header.Dispose();
    }
}
