using Connect.Sdk.Sink;

namespace Connect.Sdk.Samples.Tests.Fakes;

/// <summary>Just enough of a sink task context: the configuration and an assignment; control calls are counted.</summary>
internal sealed class FakeSinkTaskContext(IReadOnlyDictionary<string, string> configs, params TopicPartition[] assignment) : ISinkTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IReadOnlyCollection<TopicPartition> Assignment { get; } = assignment;

    public IErrantRecordReporter? ErrantRecordReporter => null;

    public int CommitRequests { get; private set; }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
    }

    public void Offset(TopicPartition partition, long offset)
    {
    }

    public void Timeout(TimeSpan timeout)
    {
    }

    public void Pause(params TopicPartition[] partitions)
    {
    }

    public void Resume(params TopicPartition[] partitions)
    {
    }

    public void RequestCommit() => CommitRequests++;
}
