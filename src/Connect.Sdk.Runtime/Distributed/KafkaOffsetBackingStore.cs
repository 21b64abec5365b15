using System.Text;
using Confluent.Kafka;
using Connect.Sdk.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Distributed;

/// <summary>
/// Source offsets in the offsets topic (<c>offset.storage.topic</c>), keyed <c>["&lt;connector&gt;",{partition}]</c>
/// with the offset as the JSON value, as Kafka Connect stores them; every worker reads the whole topic, so a task
/// resumes from its offsets on whichever worker it runs.
/// </summary>
public sealed class KafkaOffsetBackingStore : MemoryOffsetBackingStore
{
    private readonly KafkaBasedLog _log;
    private readonly int _partitions;

    /// <summary>Creates the store; nothing is read until <see cref="StartAsync"/>.</summary>
    /// <param name="topic">The offsets topic.</param>
    /// <param name="partitions">Its partition count.</param>
    /// <param name="bootstrapServers">The Kafka brokers.</param>
    /// <param name="workerId">The worker id, for client ids.</param>
    /// <param name="logger">The logger.</param>
    public KafkaOffsetBackingStore(string topic, int partitions, string bootstrapServers, string workerId, ILogger logger)
    {
        _partitions = partitions;
        _log = new KafkaBasedLog(topic, bootstrapServers, $"connect-offsets-{workerId}", OnRecord, logger);
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken = default) => _log.StartAsync(_partitions, cancellationToken);

    /// <inheritdoc />
    public override async Task SetAsync(IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var writes = values.Select(v => _log.SendWithoutWaitingAsync(v.Key, v.Value is null ? null : Encoding.UTF8.GetBytes(v.Value)));
        await Task.WhenAll(writes).ConfigureAwait(false);

        // Readers on this worker see the new offsets at once; the log brings every other worker up to date.
        Apply(values);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private void OnRecord(ConsumeResult<string, byte[]?> record) =>
        Apply(new Dictionary<string, string?> { [record.Message.Key] = record.Message.Value is null ? null : Encoding.UTF8.GetString(record.Message.Value) });
}
