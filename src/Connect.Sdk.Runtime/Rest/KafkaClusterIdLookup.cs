using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Connect.Sdk.Runtime.Configuration;
using Connect.Sdk.Runtime.DevCluster;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>
/// Finds the id of the Kafka cluster the worker uses, for <c>GET /</c>: the <c>cluster_id</c> the brokers report in
/// their metadata (librdkafka's <c>rd_kafka_clusterid</c>, through a short-lived client with the worker's
/// <c>bootstrap.servers</c> and <c>admin.*</c> settings). When the brokers cannot be reached, it answers a stable
/// stand-in derived from <c>bootstrap.servers</c> (22 URL-safe base64 characters, like a real id) and asks again
/// after 30 seconds.
/// </summary>
internal sealed partial class KafkaClusterIdLookup
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
    private const int LookupTimeoutMs = 5_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _clusterId;
    private string? _bootstrapServers;
    private DateTimeOffset _nextAttempt;

    public async Task<string> GetAsync(WorkerConfig config, CancellationToken cancellationToken)
    {
        var servers = config.BootstrapServers;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_bootstrapServers == servers && _clusterId is not null)
            {
                return _clusterId;
            }

            if (_bootstrapServers != servers || DateTimeOffset.UtcNow >= _nextAttempt)
            {
                _bootstrapServers = servers;
                _clusterId = await Task.Run(() => Query(config), cancellationToken).ConfigureAwait(false);
                _nextAttempt = DateTimeOffset.UtcNow + RetryAfter;
            }

            return _clusterId ?? StandIn(servers);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stand-in id for a bootstrap list.</summary>
    public static string StandIn(string bootstrapServers)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("connect-sdk:" + bootstrapServers));
        return Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string? Query(WorkerConfig config)
    {
        // Load librdkafka the way Confluent.Kafka does, so the same native library is used.
        _ = Confluent.Kafka.Library.Version;
        var errors = new byte[512];
        var conf = MockClusterNative.ConfNew();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = config.BootstrapServers,
            ["log_level"] = "0",
        };
        foreach (var (key, value) in config.ClientSettings("admin."))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            // A setting librdkafka does not know (a Java-only key) is refused and left out.
            _ = MockClusterNative.ConfSet(conf, key, value, errors, (UIntPtr)errors.Length);
        }

        var handle = MockClusterNative.KafkaNew(MockClusterNative.ProducerType, conf, errors, (UIntPtr)errors.Length);
        if (handle == IntPtr.Zero)
        {
            MockClusterNative.ConfDestroy(conf);
            return null;
        }

        try
        {
            var id = ClusterId(handle, LookupTimeoutMs);
            if (id == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(id);
            }
            finally
            {
                MemFree(handle, id);
            }
        }
        finally
        {
            MockClusterNative.KafkaDestroy(handle);
        }
    }

    [LibraryImport("librdkafka", EntryPoint = "rd_kafka_clusterid")]
    private static partial IntPtr ClusterId(IntPtr rk, int timeoutMs);

    [LibraryImport("librdkafka", EntryPoint = "rd_kafka_mem_free")]
    private static partial void MemFree(IntPtr rk, IntPtr ptr);
}
