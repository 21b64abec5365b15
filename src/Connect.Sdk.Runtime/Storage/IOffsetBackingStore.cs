namespace Connect.Sdk.Runtime.Storage;

/// <summary>
/// Where source offsets live: serialized offset keys (<c>["connector",{partition}]</c>) mapped to serialized offsets.
/// Standalone workers use a file or memory; distributed workers use the offsets topic.
/// </summary>
public interface IOffsetBackingStore : IDisposable
{
    /// <summary>Loads previously stored offsets (reads the file, or the topic to its end).</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the stored offsets of some keys.</summary>
    /// <param name="keys">Serialized offset keys.</param>
    /// <returns>The stored values of the keys that have one.</returns>
    IReadOnlyDictionary<string, string> Get(IEnumerable<string> keys);

    /// <summary>Stores offsets durably; a <see langword="null"/> value removes the key.</summary>
    /// <param name="values">Serialized offset keys and values.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the offsets are durable.</returns>
    Task SetAsync(IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default);

    /// <summary>All stored offset keys and values (for the offsets REST endpoint).</summary>
    /// <returns>A snapshot of the store.</returns>
    IReadOnlyDictionary<string, string> Snapshot();
}
