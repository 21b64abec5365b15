using Connect.Sdk.Connectors;
using Connect.Sdk.Runtime.Storage;
using Connect.Sdk.Storage;

namespace Connect.Sdk.Runtime.Worker;

/// <summary>A connector instance running on this worker, with its context and status.</summary>
internal sealed class WorkerConnector : ISourceConnectorContext, ISinkConnectorContext
{
    private readonly Action<string> _requestReconfiguration;
    private readonly Action<string, ComponentStatus> _onStatus;
    private readonly string _workerId;

    public WorkerConnector(
        string name,
        Connector connector,
        IOffsetBackingStore offsets,
        string workerId,
        Action<string> requestReconfiguration,
        Action<string, ComponentStatus> onStatus)
    {
        Name = name;
        Connector = connector;
        OffsetStorageReader = new OffsetStorageReader(name, offsets);
        _workerId = workerId;
        _requestReconfiguration = requestReconfiguration;
        _onStatus = onStatus;
        Status = new ComponentStatus(ConnectState.Unassigned, workerId);
    }

    public string Name { get; }

    public Connector Connector { get; }

    public ComponentStatus Status { get; private set; }

    public IOffsetStorageReader OffsetStorageReader { get; }

    public void RequestTaskReconfiguration() => _requestReconfiguration(Name);

    public void RaiseError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        SetStatus(ConnectState.Failed, error.ToString());
    }

    public void SetStatus(ConnectState state, string? trace = null)
    {
        Status = new ComponentStatus(state, _workerId, trace);
        _onStatus(Name, Status);
    }
}
