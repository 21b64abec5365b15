using System.Globalization;
using Connect.Sdk.Errors;
using Connect.Sdk.Sink;
using Connect.Sdk.Testing.Records;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Acceptance;

/// <summary>
/// The acceptance checks of a sink connector: those of <see cref="ConnectorAcceptanceTests{TConnector}"/> plus
/// idempotence under redelivery and recovery from a <see cref="RetriableException"/>. A test class supplies a valid
/// configuration (<see cref="ConnectorAcceptanceTests{TConnector}.CreateValidConfig"/>) and a way to read what the
/// connector wrote (<see cref="ReadExternalDataAsync"/>); <see cref="CreateRecord"/> makes the records delivered and
/// <see cref="IdentityOf"/> says how each appears in the external system.
/// </summary>
/// <typeparam name="TConnector">The sink connector type.</typeparam>
public abstract class SinkConnectorAcceptanceTests<TConnector> : ConnectorAcceptanceTests<TConnector>
    where TConnector : SinkConnector, new()
{
    /// <summary>The capabilities the connector declares.</summary>
    /// <value>The default is <see cref="ConnectorCapabilities.IdempotentWrites"/> and
    /// <see cref="ConnectorCapabilities.ReleasesResourcesOnStop"/>.</value>
    protected override ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.IdempotentWrites | ConnectorCapabilities.ReleasesResourcesOnStop;

    /// <summary>Reads everything the connector wrote to the external system, one identity per item written, duplicates
    /// included, in the form <see cref="IdentityOf"/> gives for the record it came from.</summary>
    /// <param name="config">The connector configuration of the check.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identities of the items written.</returns>
    protected abstract ValueTask<IReadOnlyList<string>> ReadExternalDataAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken);

    /// <summary>Makes the record with a given index that a check delivers; each index must give a distinct identity.</summary>
    /// <param name="records">A builder for the first topic of the configuration, with Kafka offsets counting up per partition.</param>
    /// <param name="index">The record's index in the check, from 0.</param>
    /// <returns>The record.</returns>
    /// <value>The default is a record with key <paramref name="index"/> (INT32) and a struct value
    /// <c>{ id = index, name = "record-index" }</c>.</value>
    protected virtual SinkRecord CreateRecord(SinkRecordBuilder records, int index)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Key(index).Value(new { id = index, name = string.Create(CultureInfo.InvariantCulture, $"record-{index}") }).Build();
    }

    /// <summary>How a record appears in the external system, as <see cref="ReadExternalDataAsync"/> returns it.</summary>
    /// <param name="record">A delivered record.</param>
    /// <returns>The identity.</returns>
    /// <value>The default is the value's text (<see cref="object.ToString"/>), or <c>&lt;null&gt;</c>.</value>
    protected virtual string IdentityOf(SinkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Value?.ToString() ?? "<null>";
    }

    /// <summary>Makes a task instance of the connector's <see cref="Connectors.Connector.TaskType"/>; override to give
    /// tasks test doubles.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>The task.</returns>
    protected virtual SinkTask CreateTask(Type taskType)
    {
        ArgumentNullException.ThrowIfNull(taskType);
        return Activator.CreateInstance(taskType) as SinkTask
            ?? throw new InvalidOperationException($"{taskType} is not a SinkTask with a public parameterless constructor.");
    }

    /// <summary>
    /// Checks that redelivery is idempotent: a batch is delivered and flushed, delivered again to the same task (as
    /// after a <see cref="RetriableException"/>), then the task is killed before committing and the restarted task gets
    /// the uncommitted records again, as the runtime does. Each record must be in the external system exactly once.
    /// </summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">A record is missing or written more than once.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">The connector does not declare <see cref="ConnectorCapabilities.IdempotentWrites"/>.</exception>
    public virtual async Task Redelivery_IsIdempotent()
    {
        const string check = nameof(Redelivery_IsIdempotent);
        Require(ConnectorCapabilities.IdempotentWrites, check);
        var config = CreateValidConfig();
        var harness = await StartTaskAsync(config, check).ConfigureAwait(false);
        await using var harnessDisposal = harness.ConfigureAwait(false);
        var records = Enumerable.Range(0, RecordsPerCheck).Select(i => CreateRecord(harness.Records, i)).ToList();

        await harness.PutAsync(records).ConfigureAwait(false);
        await harness.FlushAsync().ConfigureAwait(false);
        await harness.PutAsync(records).ConfigureAwait(false);
        await harness.FlushAsync().ConfigureAwait(false);
        await harness.RestartAsync(commitOffsets: false).ConfigureAwait(false);
        await harness.RedeliverUncommittedAsync().ConfigureAwait(false);
        await harness.PreCommitAsync().ConfigureAwait(false);
        await harness.StopAsync().ConfigureAwait(false);

        var written = await ReadExternalDataAsync(config, CancellationToken.None).ConfigureAwait(false);
        var expected = records.Select(IdentityOf).ToList();
        var counts = written.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var duplicated = expected.Where(id => counts.GetValueOrDefault(id) > 1).Select(id => string.Create(CultureInfo.InvariantCulture, $"{id} ×{counts[id]}")).ToList();
        var missing = expected.Where(id => !counts.ContainsKey(id)).ToList();
        if (duplicated.Count > 0 || missing.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                string.Create(CultureInfo.InvariantCulture, $"each of the {expected.Count} records exactly once in the external system after they were delivered three times (once, again to the same task, and again to a restarted task that had not committed)"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"it holds {written.Count} item(s), {counts.Count} distinct{(duplicated.Count > 0 ? $"; written more than once: {string.Join(", ", duplicated.Take(5))}" : string.Empty)}{(missing.Count > 0 ? $"; missing: {Sample(missing)}" : string.Empty)}. Write with upserts keyed by the record (or by topic, partition and offset), or do not declare IdempotentWrites."));
        }
    }

    /// <summary>
    /// Checks behaviour under a <see cref="RetriableException"/>: while the external system is unavailable
    /// (<see cref="ConnectorAcceptanceTests{TConnector}.SimulateTransientFailureAsync"/>), put and pre-commit may throw
    /// <see cref="RetriableException"/> (or accept the records) but nothing else, and may not approve offsets of records
    /// that were not written; once it is back, redelivery as the runtime does it must get every record written.
    /// </summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">Another exception was thrown, offsets were approved for unwritten
    /// records, or records were lost.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">The connector does not declare <see cref="ConnectorCapabilities.RecoversFromTransientErrors"/>.</exception>
    public virtual async Task RetriableException_IsRecoverable()
    {
        const string check = nameof(RetriableException_IsRecoverable);
        Require(ConnectorCapabilities.RecoversFromTransientErrors, check);
        var config = CreateValidConfig();
        var harness = await StartTaskAsync(config, check).ConfigureAwait(false);
        await using var harnessDisposal = harness.ConfigureAwait(false);
        var records = Enumerable.Range(0, RecordsPerCheck).Select(i => CreateRecord(harness.Records, i)).ToList();

        var putFailed = false;
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> approvedDuringOutage = new Dictionary<TopicPartition, OffsetAndMetadata>();
        var outage = await SimulateTransientFailureAsync(config, CancellationToken.None).ConfigureAwait(false);
        await using (outage.ConfigureAwait(false))
        {
            try
            {
                await harness.PutAsync(records).ConfigureAwait(false);
            }
            catch (RetriableException)
            {
                putFailed = true;
            }
            catch (Exception e)
            {
                throw Unexpected(check, "PutAsync", e);
            }

            try
            {
                approvedDuringOutage = await harness.PreCommitAsync().ConfigureAwait(false);
            }
            catch (RetriableException)
            {
            }
            catch (Exception e)
            {
                throw Unexpected(check, "PreCommitAsync", e);
            }
        }

        if (approvedDuringOutage.Count > 0)
        {
            var written = (await ReadExternalDataAsync(config, CancellationToken.None).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var unwritten = records
                .Where(r => approvedDuringOutage.TryGetValue(r.OriginalTopicPartition, out var o) && r.OriginalKafkaOffset < o.Offset)
                .Select(IdentityOf)
                .Where(id => !written.Contains(id))
                .ToList();
            if (unwritten.Count > 0)
            {
                throw new ConnectorContractException(
                    check,
                    "PreCommitAsync to approve offsets only of records written to the external system",
                    $"during the outage it approved offsets covering {unwritten.Count} record(s) that were not written ({Sample(unwritten)}); they would be lost if the task stopped now. Throw RetriableException from FlushAsync/PreCommitAsync, or return the last offsets that are durable.");
            }
        }

        if (putFailed)
        {
            await DeliverAfterOutageAsync(harness, records, check).ConfigureAwait(false);
        }

        await CommitAfterOutageAsync(harness, check).ConfigureAwait(false);
        var after = (await ReadExternalDataAsync(config, CancellationToken.None).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var missing = records.Select(IdentityOf).Where(id => !after.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                string.Create(CultureInfo.InvariantCulture, $"all {records.Count} records written once the external system is available again"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{missing.Count} are missing ({Sample(missing)}); the put {(putFailed ? "threw RetriableException and the batch was delivered again" : "accepted the batch during the outage, so the task had to write it later")}."));
        }
    }

    /// <inheritdoc />
    private protected override async Task RunTaskBrieflyAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<string, string> taskConfig)
    {
        var harness = new SinkTaskHarness(() => CreateTask(new TConnector().TaskType));
        await using var harnessDisposal = harness.ConfigureAwait(false);
        await harness.StartAsync(taskConfig).ConfigureAwait(false);
        await harness.PutAsync(CreateRecord(harness.Records, 0)).ConfigureAwait(false);
        await harness.StopAsync().ConfigureAwait(false);
    }

    private static ConnectorContractException Unexpected(string check, string call, Exception e) =>
        new(
            check,
            $"{call} to throw RetriableException (or succeed) while the external system is unavailable",
            $"it threw {e.GetType().Name}: {e.Message}, which would fail the task",
            e);

    private async Task<SinkTaskHarness> StartTaskAsync(IReadOnlyDictionary<string, string> config, string check)
    {
        var taskConfig = await FirstTaskConfigAsync(config, check).ConfigureAwait(false);
        var harness = new SinkTaskHarness(() => CreateTask(new TConnector().TaskType));
        await harness.StartAsync(config.TryGetValue(SinkTask.TopicsConfig, out var topics) && !taskConfig.ContainsKey(SinkTask.TopicsConfig)
            ? new Dictionary<string, string>(taskConfig) { [SinkTask.TopicsConfig] = topics }
            : taskConfig).ConfigureAwait(false);
        return harness;
    }

    private async Task DeliverAfterOutageAsync(SinkTaskHarness harness, IReadOnlyList<SinkRecord> records, string check)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await harness.PutAsync(records).ConfigureAwait(false);
                return;
            }
            catch (RetriableException e) when (DateTime.UtcNow - started < CheckTimeout)
            {
                _ = e;
                await Task.Delay(harness.Context.RequestedTimeout is { } t && t < TimeSpan.FromSeconds(1) ? t : TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            }
            catch (RetriableException e)
            {
                throw new ConnectorContractException(
                    check,
                    "PutAsync to succeed once the external system is available again",
                    $"it still threw RetriableException after {CheckTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: {e.Message}",
                    e);
            }
        }
    }

    private async Task CommitAfterOutageAsync(SinkTaskHarness harness, string check)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await harness.PreCommitAsync().ConfigureAwait(false);
                return;
            }
            catch (RetriableException e) when (DateTime.UtcNow - started < CheckTimeout)
            {
                _ = e;
                await Task.Delay(50).ConfigureAwait(false);
            }
            catch (RetriableException e)
            {
                throw new ConnectorContractException(
                    check,
                    "PreCommitAsync to succeed once the external system is available again",
                    $"it still threw RetriableException after {CheckTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: {e.Message}",
                    e);
            }
        }
    }
}
