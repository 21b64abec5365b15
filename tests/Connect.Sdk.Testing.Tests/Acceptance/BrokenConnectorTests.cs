using Connect.Sdk.Testing.Acceptance;

namespace Connect.Sdk.Testing.Tests.Acceptance;

/// <summary>Deliberately broken connectors: the kit must catch each and say what was expected and what happened.</summary>
[Collection(AcceptanceCollection.Name)]
public class BrokenConnectorTests
{
    [Fact]
    public async Task TaskConfigs_ConnectorIgnoringMaxTasks_Fails()
    {
        var act = () => new ItemSourceChecks<GreedySourceConnector>().TaskConfigs_HonoursMaxTasks();

        var failure = await act.Should().ThrowAsync<ConnectorContractException>();
        failure.Which.Message.Should().Be(
            "TaskConfigs_HonoursMaxTasks: expected GreedySourceConnector.TaskConfigs(maxTasks) to return between 1 and maxTasks configurations for maxTasks 1 to 4, but maxTasks=1 gave 3 task configurations; maxTasks=2 gave 3 task configurations.");
        failure.Which.Check.Should().Be("TaskConfigs_HonoursMaxTasks");
    }

    [Fact]
    public async Task Resume_ConnectorReplayingFromZero_FailsNamingReplayedRecords()
    {
        var act = () => new ItemSourceChecks<ReplayingSourceConnector>().Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch();

        var failure = await act.Should().ThrowAsync<ConnectorContractException>();
        failure.Which.Message.Should()
            .StartWith("Resume_FromCommittedOffsets_WithoutLossOrReplayBeyondOneBatch: expected a restarted task to resume after its committed offsets, replaying at most the batch that was in flight, but it polled again 4 of the 4 record(s) committed before the restart (")
            .And.Contain("item-0");
    }

    [Fact]
    public async Task TaskKilledMidBatch_ConnectorWithBatchOffsets_FailsNamingLostRecords()
    {
        var act = () => new ItemSourceChecks<BatchOffsetSourceConnector>().TaskKilledMidBatch_LosesNoRecord();

        var failure = await act.Should().ThrowAsync<ConnectorContractException>();
        failure.Which.Message.Should()
            .StartWith("TaskKilledMidBatch_LosesNoRecord: expected all 10 items to arrive when a task is killed after 2 of the 4 records of a batch were acknowledged and committed, but only 8 arrived")
            .And.Contain("lost: \"items|\"item-2\" (String)|");
    }

    [Fact]
    public async Task TaskKilledMidBatch_WellBehavedConnector_Passes()
    {
        await new ItemSourceChecks<ItemSourceConnector>().TaskKilledMidBatch_LosesNoRecord();
    }

    [Fact]
    public async Task ConfigDef_KeyWithoutDocumentation_Fails()
    {
        var act = () => new ItemSourceChecks<UndocumentedKeySourceConnector>().ConfigDef_DocumentsEveryKey();

        (await act.Should().ThrowAsync<ConnectorContractException>()).Which.Message.Should().Be(
            "ConfigDef_DocumentsEveryKey: expected every key of UndocumentedKeySourceConnector.Config to have documentation, but 1 key(s) have none: \"poll.interval.ms\".");
    }

    [Fact]
    public async Task ConfigDef_ConnectorReadingUndefinedKey_Fails()
    {
        var act = () => new ItemSourceChecks<HiddenKeySourceConnector>().ConfigDef_DocumentsEveryKey();

        (await act.Should().ThrowAsync<ConnectorContractException>()).Which.Message.Should().Be(
            "ConfigDef_DocumentsEveryKey: expected every key HiddenKeySourceConnector reads from its configuration to be defined (and documented) in its ConfigDef, but it read 1 undefined key(s): \"secret.mode\".");
    }

    [Fact]
    public async Task Validate_ConnectorNotReportingMissingKeys_Fails()
    {
        var act = () => new ItemSourceChecks<LenientSourceConnector>().Validate_ReportsRequiredKeysMissing();

        (await act.Should().ThrowAsync<ConnectorContractException>()).Which.Message.Should().Be(
            "Validate_ReportsRequiredKeysMissing: expected Validate to report an error for each required key left out, but without \"system\" Validate reported no errors; without \"topic\" Validate reported no errors.");
    }

    [Fact]
    public async Task Validate_InvalidValueAccepted_Fails()
    {
        var checks = new ItemSourceChecks<ItemSourceConnector>();
        checks.Examples.Add(new InvalidConfigExample(ItemSourceConnector.BatchSizeConfig, "7"));
        checks.Examples.Add(new InvalidConfigExample(ItemSourceConnector.BatchSizeConfig, "-1", "positive"));

        var failure = await checks.Invoking(c => c.Validate_RejectsInvalidValues()).Should().ThrowAsync<ConnectorContractException>();

        failure.Which.Message.Should().Be(
            "Validate_RejectsInvalidValues: expected Validate to reject each invalid value with a message for its key, but batch.size=\"7\" got no error for the key (Validate reported no errors); batch.size=\"-1\" got errors that do not mention \"positive\": Invalid value -1 for configuration batch.size: Value must be at least 1.");
    }

    [Fact]
    public async Task Validate_NoInvalidExamples_IsSkipped()
    {
        var act = () => new ItemSourceChecks<ItemSourceConnector>().Validate_RejectsInvalidValues();

        (await act.Should().ThrowAsync<AcceptanceCheckSkippedException>()).Which.Message.Should().Contain("override InvalidConfigExamples");
    }

    [Fact]
    public async Task StartStopStart_ConnectorThatCannotRestart_Fails()
    {
        var act = () => new ItemSourceChecks<OneShotSourceConnector>().StartStopStart_IsIdempotent();

        (await act.Should().ThrowAsync<ConnectorContractException>()).Which.Message.Should().Be(
            "StartStopStart_IsIdempotent: expected Start, Stop, Start and Stop on the same connector instance to succeed, but the second Start threw InvalidOperationException: already started");
    }

    [Fact]
    public async Task Stop_ConnectorLeakingTimer_Fails()
    {
        var act = () => new ItemSourceChecks<LeakySourceConnector>().Stop_LeavesNoThreadsOrTimers();

        (await act.Should().ThrowAsync<ConnectorContractException>()).Which.Message.Should()
            .StartWith("Stop_LeavesNoThreadsOrTimers: expected at most 0 more dedicated threads, 0 more active timers and 2 more handles 0.3 s after LeakySourceConnector and its task stopped than before they started, but found ")
            .And.MatchRegex(@"active timers \d+ → \d+ \(\+[1-3]\)");
    }

    [Fact]
    public async Task RetriableException_SourceThrowingOtherException_Fails()
    {
        var act = () => new ItemSourceChecks<FragileSourceConnector>().RetriableException_IsRecoverable();

        (await act.Should().ThrowAsync<ConnectorContractException>()).Which.Message.Should().Be(
            "RetriableException_IsRecoverable: expected PollAsync to throw RetriableException (or return no records) while the external system is unavailable, but it threw IOException: connection refused, which would fail the task");
    }

    [Fact]
    public async Task RetriableException_CapabilityNotDeclared_IsSkipped()
    {
        var checks = new ItemSourceChecks<FragileSourceConnector> { Declared = ConnectorCapabilities.ResumesFromOffsets };

        var skipped = await checks.Invoking(c => c.RetriableException_IsRecoverable()).Should().ThrowAsync<AcceptanceCheckSkippedException>();

        skipped.Which.Message.Should().Be("RetriableException_IsRecoverable: FragileSourceConnector does not declare ConnectorCapabilities.RecoversFromTransientErrors.");
    }

    [Fact]
    public async Task Redelivery_AppendingSink_FailsNamingDuplicates()
    {
        var checks = new ItemSinkChecks<ItemSinkConnector> { Mode = "append" };

        var failure = await checks.Invoking(c => c.Redelivery_IsIdempotent()).Should().ThrowAsync<ConnectorContractException>();

        failure.Which.Message.Should()
            .StartWith("Redelivery_IsIdempotent: expected each of the 10 records exactly once in the external system after they were delivered three times (once, again to the same task, and again to a restarted task that had not committed), but it holds 30 item(s), 10 distinct; written more than once: Struct{id=0,name=record-0} ×3");
    }

    [Fact]
    public async Task RetriableException_SinkApprovingUnwrittenOffsets_Fails()
    {
        var failure = await new ItemSinkChecks<BufferingSinkConnector>().Invoking(c => c.RetriableException_IsRecoverable())
            .Should().ThrowAsync<ConnectorContractException>();

        failure.Which.Message.Should().StartWith(
            "RetriableException_IsRecoverable: expected PreCommitAsync to approve offsets only of records written to the external system, but during the outage it approved offsets covering 10 record(s) that were not written (\"Struct{id=0,name=record-0}\"");
    }
}
