using Connect.Sdk.Connectors;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>The context the embedded engine gives its source connector.</summary>
internal sealed class EmbeddedConnectorContext(IOffsetStorageReader offsetStorageReader, Action requestReconfiguration, Action<Exception> raiseError)
    : ISourceConnectorContext
{
    public IOffsetStorageReader OffsetStorageReader { get; } = offsetStorageReader;

    public void RequestTaskReconfiguration() => requestReconfiguration();

    public void RaiseError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        raiseError(error);
    }
}
