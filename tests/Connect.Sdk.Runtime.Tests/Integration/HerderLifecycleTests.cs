using Confluent.Kafka;
using Connect.Sdk.Errors;
using Connect.Sdk.Runtime.Tests.TestConnectors;
using Connect.Sdk.Runtime.Worker;
using Xunit.Abstractions;

namespace Connect.Sdk.Runtime.Tests.Integration;

[Collection(KafkaCollection.Name)]
public sealed class HerderLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PauseResumeStopRestart_ChangeStatusesAsKafkaConnectDoes()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("lifecycle");
        var progress = SourceProgress.For(name);
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var herder = worker.Herder;
        var created = await herder.PutConnectorConfigAsync(name, SourceOffsetTests.SourceConfig(name, pollDelayMs: 20, tasks: 2, partitions: 2, records: -1), allowReplace: false);
        created.Created.Should().BeTrue();
        created.Info.Tasks.Should().Equal(new ConnectorTaskId(name, 0), new ConnectorTaskId(name, 1));
        await worker.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);

        // Pause: connector and tasks PAUSED, and the tasks stop polling.
        await herder.SetTargetStateAsync(name, TargetState.Paused);
        await worker.WaitForStatusAsync(name, ConnectState.Paused, 2, ConnectState.Paused);
        var polledWhenPaused = progress.Polled;
        await Task.Delay(500);
        progress.Polled.Should().BeLessThanOrEqualTo(polledWhenPaused + 10, "a paused task polls at most the batch it was polling when paused");

        // Resume: RUNNING again, and records flow.
        await herder.SetTargetStateAsync(name, TargetState.Started);
        await worker.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);
        var polledWhenResumed = progress.Polled;
        await Eventually.TrueAsync(() => progress.Polled > polledWhenResumed, "the resumed tasks poll again");

        // Stop: connector STOPPED with no tasks; its tasks were stopped.
        await herder.SetTargetStateAsync(name, TargetState.Stopped);
        var stopped = herder.ConnectorStatus(name);
        stopped.Connector.State.Should().Be(ConnectState.Stopped);
        stopped.Tasks.Should().BeEmpty();
        herder.ConnectorInfo(name).Tasks.Should().BeEmpty();
        progress.Stops.Should().Be(2);

        // Resume a stopped connector: it starts again with its tasks.
        await herder.SetTargetStateAsync(name, TargetState.Started);
        await worker.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);
        await Eventually.TrueAsync(() => progress.Starts == 4, "the tasks were started again");

        // Restart connector and tasks: the answer shows RESTARTING, then everything runs again.
        var restarting = await herder.RestartConnectorAsync(name, includeTasks: true, onlyFailed: false);
        restarting.Connector.State.Should().Be(ConnectState.Restarting);
        restarting.Tasks.Should().HaveCount(2).And.OnlyContain(t => t.Status.State == ConnectState.Restarting);
        await worker.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);
        await Eventually.TrueAsync(() => progress.Starts == 6, "the tasks were started again");

        // Restart one task.
        await herder.RestartTaskAsync(new ConnectorTaskId(name, 1));
        await worker.WaitForStatusAsync(name, ConnectState.Running, 2, ConnectState.Running);
        await Eventually.TrueAsync(() => progress.Starts == 7, "the tasks were started again");

        // Delete: the tasks stop and the connector is gone.
        await herder.DeleteConnectorAsync(name);
        progress.Stops.Should().Be(progress.Starts);
        herder.Connectors().Should().NotContain(name);
        var status = () => herder.ConnectorStatus(name);
        status.Should().Throw<NotFoundException>().WithMessage($"Connector {name} not found");
    }

    [Fact]
    public async Task CreateConnector_WhoseStartThrows_IsFailedWithTheTrace()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        var name = SinkDeliveryTests.NewName("broken");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 0);
        config[CountingSourceConnector.StartErrorConfig] = "the source system is unreachable";

        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var status = worker.Status(name);
        status.Connector.State.Should().Be(ConnectState.Failed);
        status.Connector.WorkerId.Should().Be("worker-1");
        status.Connector.Trace.Should().Contain("System.InvalidOperationException: the source system is unreachable")
            .And.Contain(nameof(CountingSourceConnector.Start));
        status.Tasks.Should().BeEmpty();
        SourceProgress.For(name).Starts.Should().Be(0);

        // Restarting only failed instances restarts the connector, which fails again.
        var restarting = await worker.Herder.RestartConnectorAsync(name, includeTasks: true, onlyFailed: true);
        restarting.Connector.State.Should().Be(ConnectState.Restarting);
        worker.Status(name).Connector.State.Should().Be(ConnectState.Failed);
    }

    [Fact]
    public async Task CreateConnector_Twice_IsRejectedUnlessReplacing()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("twice");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 20, tasks: 1, partitions: 1, records: -1);
        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        var again = () => worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);

        await again.Should().ThrowAsync<AlreadyExistsException>().WithMessage($"Connector {name} already exists");
        config[CountingSourceConnector.BatchSizeConfig] = "7";
        var replaced = await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: true);
        replaced.Created.Should().BeFalse();
        replaced.Info.Config[CountingSourceConnector.BatchSizeConfig].Should().Be("7");
        await worker.WaitForStatusAsync(name, ConnectState.Running, 1, ConnectState.Running);
        worker.Herder.TaskConfigs(name).Single().Config[CountingSourceConnector.BatchSizeConfig].Should().Be("7");
    }

    [Fact]
    public async Task CreateConnector_InStoppedOrPausedState_StartsThatWay()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var stoppedName = SinkDeliveryTests.NewName("born-stopped");
        var pausedName = SinkDeliveryTests.NewName("born-paused");

        await worker.Herder.PutConnectorConfigAsync(stoppedName, SourceOffsetTests.SourceConfig(stoppedName, 20, 1, 1, -1), allowReplace: false, initialState: TargetState.Stopped);
        await worker.Herder.PutConnectorConfigAsync(pausedName, SourceOffsetTests.SourceConfig(pausedName, 20, 1, 1, -1), allowReplace: false, initialState: TargetState.Paused);

        worker.Status(stoppedName).Connector.State.Should().Be(ConnectState.Stopped);
        worker.Status(stoppedName).Tasks.Should().BeEmpty();
        await worker.WaitForStatusAsync(pausedName, ConnectState.Paused, 1, ConnectState.Paused);
        SourceProgress.For(pausedName).Polled.Should().Be(0);
    }

    [Fact]
    public async Task DeleteConnector_ReleasesItsKafkaClients()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("in");
        cluster.CreateTopic("in-dlq");
        cluster.CreateTopic("counts");
        var worker = await cluster.StartWorkerAsync(fileOffsets: false);
        var handlesBefore = Library.HandleCount;
        var sink = SinkDeliveryTests.NewName("released-sink");
        var source = SinkDeliveryTests.NewName("released-source");
        await worker.Herder.PutConnectorConfigAsync(
            sink,
            SinkDeliveryTests.SinkConfig(sink, ("errors.tolerance", "all"), ("errors.deadletterqueue.topic.name", "in-dlq")),
            allowReplace: false);
        await worker.Herder.PutConnectorConfigAsync(source, SourceOffsetTests.SourceConfig(source, 20, 1, 1, 10), allowReplace: false);
        await worker.WaitForStatusAsync(sink, ConnectState.Running, 1, ConnectState.Running);
        await worker.WaitForStatusAsync(source, ConnectState.Running, 1, ConnectState.Running);
        Library.HandleCount.Should().BeGreaterThan(handlesBefore);

        await worker.Herder.DeleteConnectorAsync(sink);
        await worker.Herder.DeleteConnectorAsync(source);

        Library.HandleCount.Should().BeLessThanOrEqualTo(handlesBefore, "the consumer, producer and dead letter queue producer of deleted connectors are disposed");
    }

    [Fact]
    public async Task RestartTask_WhoseStopIsStuck_DoesNotWaitForItAndKeepsTheNewTaskStatus()
    {
        await using var cluster = ConnectTestCluster.Start(output);
        cluster.CreateTopic("counts");
        var name = SinkDeliveryTests.NewName("stuck");
        var progress = SourceProgress.For(name);
        var worker = await cluster.StartWorkerAsync(new Dictionary<string, string> { ["task.shutdown.graceful.timeout.ms"] = "300" }, fileOffsets: false);
        var config = SourceOffsetTests.SourceConfig(name, pollDelayMs: 20, tasks: 1, partitions: 1, records: -1);
        config[CountingSourceConnector.StopBlockConfig] = "4000";
        var handlesBefore = Library.HandleCount;
        await worker.Herder.PutConnectorConfigAsync(name, config, allowReplace: false);
        await worker.WaitForStatusAsync(name, ConnectState.Running, 1, ConnectState.Running);

        await worker.Herder.RestartTaskAsync(new ConnectorTaskId(name, 0));

        progress.StopsInProgress.Should().Be(1, "the restart gave up waiting for the stuck task after task.shutdown.graceful.timeout.ms");
        await Eventually.TrueAsync(() => progress.Starts == 2, "the new task started");
        await worker.WaitForStatusAsync(name, ConnectState.Running, 1, ConnectState.Running);
        await Eventually.TrueAsync(() => progress.Stops == 1, "the abandoned task finally stopped", TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => Library.HandleCount == handlesBefore + 1, "the abandoned task disposed its producer");
        await Task.Delay(200); // lets a late status update of the abandoned task land, if one is sent
        worker.Status(name).Tasks.Single().Status.State.Should().Be(ConnectState.Running, "the abandoned task's end does not overwrite the new task's status");
    }
}
