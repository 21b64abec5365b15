using System.Globalization;
using Connect.Sdk.Errors;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Assertions;
using Connect.Sdk.Testing.Unit;

namespace Connect.Sdk.Testing.Acceptance;

/// <summary>
/// The acceptance checks of a source connector: those of <see cref="ConnectorAcceptanceTests{TConnector}"/> plus
/// resuming from committed offsets without loss or replay, losing nothing when a task is killed mid-batch, and
/// recovering from a <see cref="RetriableException"/>. A test class supplies a valid configuration
/// (<see cref="ConnectorAcceptanceTests{TConnector}.CreateValidConfig"/>) and a way to add data to the external system
/// (<see cref="GenerateDataAsync"/>); records are told apart by <see cref="IdentityOf"/>.
/// </summary>
/// <typeparam name="TConnector">The source connector type.</typeparam>
public abstract class SourceConnectorAcceptanceTests<TConnector> : ConnectorAcceptanceTests<TConnector>
    where TConnector : SourceConnector, new()
{
    /// <summary>The capabilities the connector declares.</summary>
    /// <value>The default is <see cref="ConnectorCapabilities.ResumesFromOffsets"/> and
    /// <see cref="ConnectorCapabilities.ReleasesResourcesOnStop"/>.</value>
    protected override ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.ResumesFromOffsets | ConnectorCapabilities.ReleasesResourcesOnStop;

    /// <summary>Adds new items to the external system, each of which the connector must turn into exactly one
    /// record, with an identity (see <see cref="IdentityOf"/>) no other item has. Called before and while tasks run.</summary>
    /// <param name="config">The connector configuration of the check.</param>
    /// <param name="count">How many items to add.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the items are visible to the connector.</returns>
    protected abstract ValueTask GenerateDataAsync(IReadOnlyDictionary<string, string> config, int count, CancellationToken cancellationToken);

    /// <summary>What tells records apart: two records with the same identity are the same item of the external system
    /// delivered twice.</summary>
    /// <param name="record">A polled record.</param>
    /// <returns>The identity.</returns>
    /// <value>The default combines the topic, key and value.</value>
    protected virtual string IdentityOf(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{record.Topic}|{AssertionText.DescribeText(record.Key)}|{AssertionText.DescribeText(record.Value)}";
    }

    /// <summary>Makes a task instance of the connector's <see cref="Connectors.Connector.TaskType"/>; override to
    /// give tasks test doubles.</summary>
    /// <param name="taskType">The task type.</param>
    /// <returns>The task.</returns>
    protected virtual SourceTask CreateTask(Type taskType)
    {
        ArgumentNullException.ThrowIfNull(taskType);
        return Activator.CreateInstance(taskType) as SourceTask
            ?? throw new InvalidOperationException($"{taskType} is not a SourceTask with a public parameterless constructor.");
    }

    /// <summary>
    /// Checks that a restarted task resumes from its committed offsets: the data is polled in part, acknowledged and
    /// committed; more data is polled without being acknowledged (the batch in flight when the task stops); the task
    /// is restarted. Afterwards every item must have arrived (no loss), and no record committed before the restart may
    /// come again (replay is allowed only for the batch in flight).
    /// </summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">A record was lost or a committed record replayed.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">The connector does not declare <see cref="ConnectorCapabilities.ResumesFromOffsets"/>.</exception>
    public virtual async Task Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch()
    {
        const string check = nameof(Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch);
        Require(ConnectorCapabilities.ResumesFromOffsets, check);
        var config = CreateValidConfig();
        var count = RecordsPerCheck;
        var harness = await StartTaskAsync(config, check).ConfigureAwait(false);
        await using var harnessDisposal = harness.ConfigureAwait(false);

        await GenerateDataAsync(config, count, CancellationToken.None).ConfigureAwait(false);
        var committed = await PollNonEmptyAsync(harness, check, "before the restart").ConfigureAwait(false);
        await harness.AcknowledgeAsync(committed).ConfigureAwait(false);
        await harness.CommitAsync().ConfigureAwait(false);

        await GenerateDataAsync(config, count, CancellationToken.None).ConfigureAwait(false);
        var inFlight = await PollNonEmptyAsync(harness, check, "after the first commit").ConfigureAwait(false);

        await harness.RestartAsync(commitOffsets: false).ConfigureAwait(false);
        var seen = committed.Concat(inFlight).Select(IdentityOf).ToHashSet(StringComparer.Ordinal);
        var after = await PollDistinctAsync(harness, seen, 2 * count).ConfigureAwait(false);

        var committedIds = committed.Select(IdentityOf).ToHashSet(StringComparer.Ordinal);
        var replayed = after.Select(IdentityOf).Where(committedIds.Contains).Distinct().ToList();
        if (replayed.Count > 0)
        {
            throw new ConnectorContractException(
                check,
                "a restarted task to resume after its committed offsets, replaying at most the batch that was in flight",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"it polled again {replayed.Count} of the {committedIds.Count} record(s) committed before the restart ({Sample(replayed)}). Read the committed offsets with Context.OffsetStorageReader in Start and continue after them."));
        }

        var all = committed.Concat(inFlight).Concat(after).Select(IdentityOf).ToHashSet(StringComparer.Ordinal);
        if (all.Count < 2 * count)
        {
            throw new ConnectorContractException(
                check,
                string.Create(CultureInfo.InvariantCulture, $"all {2 * count} generated items to arrive across the restart"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"only {all.Count} distinct records arrived within {CheckTimeout.TotalSeconds:0.#} s ({committed.Count} committed before the restart, {inFlight.Count} in flight, {after.Count} after it): records were lost."));
        }
    }

    /// <summary>
    /// Checks that killing a task in the middle of a batch loses nothing: of the first batch only the first half is
    /// acknowledged and committed, then the task is restarted without a final commit. Every item must still arrive
    /// (in the acknowledged half or after the restart), which fails for tasks that put one offset on a whole batch or
    /// consume data in <see cref="SourceTask.CommitAsync"/> beyond what was committed.
    /// </summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">A record was lost.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">The connector does not declare <see cref="ConnectorCapabilities.ResumesFromOffsets"/>.</exception>
    public virtual async Task TaskKilledMidBatch_LosesNoRecord()
    {
        const string check = nameof(TaskKilledMidBatch_LosesNoRecord);
        Require(ConnectorCapabilities.ResumesFromOffsets, check);
        var config = CreateValidConfig();
        var count = RecordsPerCheck;
        var harness = await StartTaskAsync(config, check).ConfigureAwait(false);
        await using var harnessDisposal = harness.ConfigureAwait(false);

        await GenerateDataAsync(config, count, CancellationToken.None).ConfigureAwait(false);
        var batch = await PollNonEmptyAsync(harness, check, "before the kill").ConfigureAwait(false);
        var acknowledged = batch.Take(batch.Count / 2).ToList();
        await harness.AcknowledgeAsync(acknowledged).ConfigureAwait(false);
        await harness.CommitAsync().ConfigureAwait(false);
        await harness.RestartAsync(commitOffsets: false).ConfigureAwait(false);

        var delivered = acknowledged.Select(IdentityOf).ToHashSet(StringComparer.Ordinal);
        var after = await PollDistinctAsync(harness, delivered, count).ConfigureAwait(false);
        delivered.UnionWith(after.Select(IdentityOf));
        if (delivered.Count < count)
        {
            var lost = batch.Select(IdentityOf).Where(id => !delivered.Contains(id)).Distinct().ToList();
            throw new ConnectorContractException(
                check,
                string.Create(CultureInfo.InvariantCulture, $"all {count} items to arrive when a task is killed after {acknowledged.Count} of the {batch.Count} records of a batch were acknowledged and committed"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"only {delivered.Count} arrived within {CheckTimeout.TotalSeconds:0.#} s; lost: {(lost.Count > 0 ? Sample(lost) : "records not polled before the kill")}. Give every record its own source offset, the position right after it, and take nothing from the source system until its offset is committed."));
        }
    }

    /// <summary>
    /// Checks behaviour under a <see cref="RetriableException"/>: while the external system is unavailable
    /// (<see cref="ConnectorAcceptanceTests{TConnector}.SimulateTransientFailureAsync"/>), polls may return nothing or
    /// throw <see cref="RetriableException"/> but nothing else; once it is back, every item generated before the outage
    /// must arrive.
    /// </summary>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="ConnectorContractException">A poll threw another exception or records were lost.</exception>
    /// <exception cref="AcceptanceCheckSkippedException">The connector does not declare <see cref="ConnectorCapabilities.RecoversFromTransientErrors"/>.</exception>
    public virtual async Task RetriableException_IsRecoverable()
    {
        const string check = nameof(RetriableException_IsRecoverable);
        Require(ConnectorCapabilities.RecoversFromTransientErrors, check);
        var config = CreateValidConfig();
        var count = RecordsPerCheck;
        var harness = await StartTaskAsync(config, check).ConfigureAwait(false);
        await using var harnessDisposal = harness.ConfigureAwait(false);
        await GenerateDataAsync(config, count, CancellationToken.None).ConfigureAwait(false);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var outage = await SimulateTransientFailureAsync(config, CancellationToken.None).ConfigureAwait(false);
        await using (outage.ConfigureAwait(false))
        {
            for (var i = 0; i < 3; i++)
            {
                try
                {
                    seen.UnionWith((await harness.PollAsync().ConfigureAwait(false)).Select(IdentityOf));
                }
                catch (Exception e)
                {
                    throw new ConnectorContractException(
                        check,
                        "PollAsync to throw RetriableException (or return no records) while the external system is unavailable",
                        $"it threw {e.GetType().Name}: {e.Message}, which would fail the task",
                        e);
                }
            }
        }

        var polledDuring = seen.Count;
        await PollDistinctAsync(harness, seen, count).ConfigureAwait(false);
        if (seen.Count < count)
        {
            throw new ConnectorContractException(
                check,
                string.Create(CultureInfo.InvariantCulture, $"all {count} items to arrive once the external system is available again"),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"only {seen.Count} arrived within {CheckTimeout.TotalSeconds:0.#} s ({polledDuring} during the outage, {harness.RetriableErrors.Count} RetriableException(s) thrown)."));
        }
    }

    /// <inheritdoc />
    private protected override async Task RunTaskBrieflyAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<string, string> taskConfig)
    {
        var harness = new SourceTaskHarness(() => CreateTask(new TConnector().TaskType));
        await using var harnessDisposal = harness.ConfigureAwait(false);
        await harness.StartAsync(taskConfig).ConfigureAwait(false);
        await GenerateDataAsync(connectorConfig, 1, CancellationToken.None).ConfigureAwait(false);
        await harness.PollAsync().ConfigureAwait(false);
        await harness.AcknowledgeAllAsync().ConfigureAwait(false);
        await harness.StopAsync().ConfigureAwait(false);
    }

    private async Task<SourceTaskHarness> StartTaskAsync(IReadOnlyDictionary<string, string> config, string check)
    {
        var taskConfig = await FirstTaskConfigAsync(config, check).ConfigureAwait(false);
        var harness = new SourceTaskHarness(() => CreateTask(new TConnector().TaskType));
        await harness.StartAsync(taskConfig).ConfigureAwait(false);
        return harness;
    }

    // Polls until a poll returns records: one batch, as the runtime would send it.
    private async Task<IReadOnlyList<SourceRecord>> PollNonEmptyAsync(SourceTaskHarness harness, string check, string when)
    {
        try
        {
            return await harness.PollUntilAsync(1, CheckTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ConnectorContractException(
                check,
                $"the task to poll the generated data {when}",
                $"no records arrived within {CheckTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({harness.PollCount} polls).",
                e);
        }
    }

    // Polls until the identities seen (which it extends) reach a number, or the check timeout passes.
    private async Task<IReadOnlyList<SourceRecord>> PollDistinctAsync(SourceTaskHarness harness, HashSet<string> seen, int target)
    {
        var polled = new List<SourceRecord>();
        var started = DateTime.UtcNow;
        while (seen.Count < target && DateTime.UtcNow - started < CheckTimeout)
        {
            var batch = await harness.PollAsync().ConfigureAwait(false);
            polled.AddRange(batch);
            seen.UnionWith(batch.Select(IdentityOf));
            if (batch.Count == 0)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }

        return polled;
    }
}
