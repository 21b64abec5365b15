using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Connect.Sdk.Runtime.DevCluster;

/// <summary>
/// An in-memory Kafka cluster inside this process, for development, demos and tests: librdkafka's mock cluster,
/// which speaks the real Kafka protocol on 127.0.0.1 so any Kafka client (Confluent.Kafka, kcat, …) can connect to
/// <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// NOT FOR PRODUCTION: everything is lost when the process ends, each partition keeps at most about 5 MiB or 100,000
/// records, there is no compaction and no CreateTopics API (topics are created with <see cref="CreateTopic"/> or
/// automatically on first use). It offers fault injection for tests: <see cref="SetBrokerDown"/>,
/// <see cref="SetBrokerUp"/>, <see cref="SetRoundTripTime"/> and <see cref="PushRequestErrors"/>.
/// </remarks>
public sealed class DevKafkaCluster : IDisposable
{
    private readonly object _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private DevKafkaCluster(IntPtr handle, IntPtr cluster, int brokerCount)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(MockClusterNative.ClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>The bootstrap servers to give Kafka clients, e.g. <c>127.0.0.1:39121,127.0.0.1:41377</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers; their ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster.</summary>
    /// <param name="brokerCount">The number of brokers.</param>
    /// <returns>The running cluster; dispose it to stop it.</returns>
    /// <exception cref="KafkaException">librdkafka could not create the cluster.</exception>
    public static DevKafkaCluster Start(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);

        // Load librdkafka the way Confluent.Kafka does, so both use the same native library.
        _ = Library.Version;

        var errors = new byte[512];
        var conf = MockClusterNative.ConfNew();
        // The owning handle never talks to anyone; keep it quiet.
        MockClusterNative.ConfSet(conf, "log_level", "0", errors, (UIntPtr)errors.Length);
        var handle = MockClusterNative.KafkaNew(MockClusterNative.ProducerType, conf, errors, (UIntPtr)errors.Length);
        if (handle == IntPtr.Zero)
        {
            MockClusterNative.ConfDestroy(conf);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, "Could not create the client handle of the development cluster: " + ReadError(errors)));
        }

        var cluster = MockClusterNative.ClusterNew(handle, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            MockClusterNative.KafkaDestroy(handle);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, "librdkafka could not start the mock cluster."));
        }

        // Consumer groups form without the default 3 s wait, as on a test broker.
        MockClusterNative.GroupInitialRebalanceDelay(cluster, 0);
        return new DevKafkaCluster(handle, cluster, brokerCount);
    }

    /// <summary>Creates a topic (a no-op when it exists with that many partitions).</summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="partitions">The number of partitions.</param>
    /// <param name="replicationFactor">The replication factor, at most <see cref="BrokerCount"/>.</param>
    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Check(MockClusterNative.TopicCreate(Cluster, topic, partitions, replicationFactor), $"create topic {topic}");
    }

    /// <summary>Makes a broker refuse connections, as if it crashed.</summary>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    public void SetBrokerDown(int brokerId = -1) => Check(MockClusterNative.BrokerSetDown(Cluster, brokerId), $"take broker {brokerId} down");

    /// <summary>Makes a broker accept connections again.</summary>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    public void SetBrokerUp(int brokerId = -1) => Check(MockClusterNative.BrokerSetUp(Cluster, brokerId), $"bring broker {brokerId} up");

    /// <summary>Delays every response of a broker.</summary>
    /// <param name="roundTripTime">The added delay.</param>
    /// <param name="brokerId">The broker id, or -1 for all brokers.</param>
    public void SetRoundTripTime(TimeSpan roundTripTime, int brokerId = -1) =>
        Check(MockClusterNative.BrokerSetRtt(Cluster, brokerId, (int)roundTripTime.TotalMilliseconds), $"set the round-trip time of broker {brokerId}");

    /// <summary>Makes the next requests of one API fail with the given errors, one error per request.</summary>
    /// <param name="apiKey">The Kafka API key, e.g. 0 for Produce or 1 for Fetch.</param>
    /// <param name="errors">The errors to return, in order.</param>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = errors.Select(e => (int)e).ToArray();
        MockClusterNative.PushRequestErrors(Cluster, apiKey, (UIntPtr)codes.Length, codes);
    }

    /// <summary>Stops the cluster; all data is lost.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero)
            {
                MockClusterNative.ClusterDestroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                MockClusterNative.KafkaDestroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"DevKafkaCluster(in-memory, {BrokerCount} broker(s), bootstrap.servers={BootstrapServers})";

    private IntPtr Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return _cluster;
        }
    }

    private static void Check(int error, string action)
    {
        if (error != 0)
        {
            var message = Marshal.PtrToStringUTF8(MockClusterNative.ErrorToString(error));
            throw new KafkaException(new Error((ErrorCode)error, $"Could not {action} on the development cluster: {message}"));
        }
    }

    private static string ReadError(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
