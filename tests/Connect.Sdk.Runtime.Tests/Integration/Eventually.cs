using System.Diagnostics;
using Connect.Sdk.Runtime.Worker;

namespace Connect.Sdk.Runtime.Tests.Integration;

/// <summary>Bounded polling waits: a condition is checked every 50 ms until it holds or the timeout passes.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public static async Task TrueAsync(Func<bool> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await ValueAsync(() => condition(), ok => ok, description, timeout);
    }

    /// <summary>Waits until the value read by <paramref name="read"/> satisfies <paramref name="accept"/> and returns it.</summary>
    /// <exception cref="TimeoutException">It did not in time; the message shows the last value.</exception>
    public static async Task<T> ValueAsync<T>(Func<T> read, Func<T, bool> accept, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(accept);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (accept(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:F0} s waiting until {description}; last value: {Describe(value)}");
            }

            await Task.Delay(50);
        }
    }

    private static string Describe(object? value) => value switch
    {
        Connect.Sdk.Runtime.Herder.ConnectorStateInfo status =>
            $"connector {status.Connector.State.ToWireName()}, tasks [{string.Join(", ", status.Tasks.Select(t => $"{t.Id}: {t.Status.State.ToWireName()}"))}]"
            + string.Concat(status.Tasks.Where(t => t.Status.Trace is not null).Select(t => $"\ntask {t.Id} trace: {t.Status.Trace}")),
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Take(20)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
