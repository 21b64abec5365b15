using Connect.Sdk.Runtime.Worker;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Tasks;

/// <summary>
/// The life cycle shared by source and sink tasks: a dedicated long-running loop, pause and resume, a graceful stop
/// bounded by a timeout, and the status (state and failure trace) the status API reports.
/// </summary>
internal abstract class WorkerTask
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource _resumed = NewSignal(completed: true);
    private Task? _loop;
    private volatile bool _paused;

    protected WorkerTask(ConnectorTaskId id, string workerId, ILogger logger, Action<ConnectorTaskId, ComponentStatus> onStatus)
    {
        Id = id;
        WorkerId = workerId;
        Logger = logger;
        OnStatus = onStatus;
        Status = new ComponentStatus(ConnectState.Unassigned, workerId);
    }

    public ConnectorTaskId Id { get; }

    public string WorkerId { get; }

    public ComponentStatus Status { get; private set; }

    protected ILogger Logger { get; }

    protected bool IsPaused => _paused;

    protected CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Called with each topic the task produces to or consumes from (for topic tracking).</summary>
    public Action<string>? TopicUsed { get; init; }

    private Action<ConnectorTaskId, ComponentStatus> OnStatus { get; }

    /// <summary>Starts the task's loop on its own thread.</summary>
    public void Start(bool paused)
    {
        _paused = paused;
        if (paused)
        {
            _resumed = NewSignal(completed: false);
        }

        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public void Pause()
    {
        lock (_gate)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
            _resumed = NewSignal(completed: false);
        }

        SetStatus(ConnectState.Paused);
    }

    public void Resume()
    {
        lock (_gate)
        {
            if (!_paused)
            {
                return;
            }

            _paused = false;
            _resumed.TrySetResult();
        }

        if (Status.State != ConnectState.Failed)
        {
            SetStatus(ConnectState.Running);
        }
    }

    /// <summary>Asks the loop to stop; it finishes its current work, commits and stops the connector's task.</summary>
    public void RequestStop()
    {
        _stopping.Cancel();
        lock (_gate)
        {
            _resumed.TrySetResult();
        }
    }

    /// <summary>Waits for the loop to end, up to a timeout; a task that does not stop in time is abandoned.</summary>
    public async Task<bool> AwaitStopAsync(TimeSpan timeout)
    {
        if (_loop is null)
        {
            return true;
        }

        var finished = await Task.WhenAny(_loop, Task.Delay(timeout)).ConfigureAwait(false) == _loop;
        if (!finished)
        {
            Logger.LogError("Graceful stop of task {Task} failed: it did not stop within {Timeout} ms; abandoning it.", Id, timeout.TotalMilliseconds);
        }

        return finished;
    }

    /// <summary>The task's work; returns when <see cref="StoppingToken"/> is cancelled.</summary>
    protected abstract Task ExecuteAsync();

    /// <summary>Waits while the task is paused; returns false when it is stopping.</summary>
    protected async Task<bool> WaitWhilePausedAsync(TimeSpan maxWait)
    {
        Task resumed;
        lock (_gate)
        {
            resumed = _resumed.Task;
        }

        if (!resumed.IsCompleted)
        {
            await Task.WhenAny(resumed, Task.Delay(maxWait, CancellationToken.None)).ConfigureAwait(false);
        }

        return !_stopping.IsCancellationRequested;
    }

    protected void SetStatus(ConnectState state, string? trace = null)
    {
        Status = new ComponentStatus(state, WorkerId, trace);
        OnStatus(Id, Status);
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private async Task RunAsync()
    {
        using var scope = Logger.BeginScope("[{Context}]", Id.LogContext);
        try
        {
            SetStatus(_paused ? ConnectState.Paused : ConnectState.Running);
            await ExecuteAsync().ConfigureAwait(false);
            if (Status.State != ConnectState.Failed)
            {
                SetStatus(ConnectState.Unassigned);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            SetStatus(ConnectState.Unassigned);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "{Task} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted.", Id);
            SetStatus(ConnectState.Failed, e.ToString());
        }
    }
}
