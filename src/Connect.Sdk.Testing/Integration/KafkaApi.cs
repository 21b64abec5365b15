namespace Connect.Sdk.Testing.Integration;

/// <summary>Kafka protocol APIs whose requests <see cref="EmbeddedKafkaCluster.FailRequests"/> can make fail; the
/// values are Kafka's API keys.</summary>
public enum KafkaApi : short
{
    /// <summary>Produce (API key 0).</summary>
    Produce = 0,

    /// <summary>Fetch (API key 1).</summary>
    Fetch = 1,

    /// <summary>ListOffsets (API key 2).</summary>
    ListOffsets = 2,

    /// <summary>Metadata (API key 3).</summary>
    Metadata = 3,

    /// <summary>OffsetCommit (API key 8).</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch (API key 9).</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator (API key 10).</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroup (API key 11).</summary>
    JoinGroup = 11,

    /// <summary>Heartbeat (API key 12).</summary>
    Heartbeat = 12,

    /// <summary>LeaveGroup (API key 13).</summary>
    LeaveGroup = 13,

    /// <summary>SyncGroup (API key 14).</summary>
    SyncGroup = 14,

    /// <summary>InitProducerId (API key 22).</summary>
    InitProducerId = 22,
}
