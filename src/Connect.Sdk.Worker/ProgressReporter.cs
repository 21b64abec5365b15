using System.Globalization;
using Connect.Sdk.Runtime.Herder;
using Connect.Sdk.Runtime.Metrics;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Worker;

/// <summary>Prints records in/out per second per task once a second, and a summary at the end.</summary>
internal sealed class ProgressReporter(IHerder herder, TextWriter output)
{
    private readonly Dictionary<ConnectorTaskId, (long In, long Out)> _last = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var parts = new List<string>();
                foreach (var (id, metrics, type) in Tasks())
                {
                    var (inCount, outCount) = Counts(metrics, type);
                    var previous = _last.GetValueOrDefault(id);
                    _last[id] = (inCount, outCount);
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"[{id.LogContext}] in {inCount - previous.In}/s out {outCount - previous.Out}/s"));
                }

                if (parts.Count > 0)
                {
                    await output.WriteLineAsync("progress: " + string.Join("  ", parts)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public void PrintSummary()
    {
        output.WriteLine("summary:");
        foreach (var (id, metrics, type) in Tasks())
        {
            var line = type == ConnectorType.Sink
                ? $"  [{id.LogContext}] sink: records consumed {metrics.Read}, delivered to the task {metrics.Sent}, skipped {metrics.Skipped}, offset commits {metrics.Commits}"
                : $"  [{id.LogContext}] source: records polled {metrics.Polled}, produced (acknowledged) {metrics.Written}, skipped {metrics.Skipped}, offset commits {metrics.Commits}";
            output.WriteLine(line);
        }
    }

    private static (long In, long Out) Counts(TaskMetrics metrics, ConnectorType type) =>
        type == ConnectorType.Sink ? (metrics.Read, metrics.Sent) : (metrics.Polled, metrics.Written);

    private IEnumerable<(ConnectorTaskId Id, TaskMetrics Metrics, ConnectorType Type)> Tasks()
    {
        foreach (var name in herder.Connectors())
        {
            var info = herder.ConnectorInfo(name);
            foreach (var id in info.Tasks)
            {
                if (herder.Worker.TaskMetrics(id) is { } metrics)
                {
                    yield return (id, metrics, info.Type);
                }
            }
        }
    }
}
