using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// An in-process allocation profiler for when dotnet-trace is not at hand: listens to the runtime's
/// <c>GCAllocationTick</c> events (one about every 100 KB allocated, naming the type of the object that crossed the
/// threshold) and sums the sampled bytes per type. The sums estimate which types the allocations are.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    public void Stop() => _recording = false;

    /// <summary>The top types by sampled bytes, as bytes per record.</summary>
    public string Report(string title, long records, int top = 15)
    {
        var total = _bytes.Values.Sum();
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Allocation profile, {title}: {total / (double)records:F0} B/record sampled in total")
            .AppendLine("| Type | B/record (sampled) | Share |")
            .AppendLine("|---|--:|--:|");
        foreach (var (type, bytes) in _bytes.OrderByDescending(e => e.Value).Take(top))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{type}` | {bytes / (double)records:F1} | {100.0 * bytes / Math.Max(total, 1):F1} % |");
        }

        return text.ToString();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Keyword 0x1 is GC; the allocation tick is a verbose event.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        string? type = null;
        long amount = 0;
        for (var i = 0; i < eventData.PayloadNames.Count; i++)
        {
            switch (eventData.PayloadNames[i])
            {
                case "TypeName":
                    type = eventData.Payload[i] as string;
                    break;
                case "AllocationAmount64":
                    amount = Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture);
                    break;
                case "AllocationAmount" when amount == 0:
                    amount = Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture);
                    break;
            }
        }

        _bytes.AddOrUpdate(type ?? "?", amount, (_, sum) => sum + amount);
    }
}
