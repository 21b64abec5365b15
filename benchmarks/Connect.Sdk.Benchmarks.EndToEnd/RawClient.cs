using System.Diagnostics;
using Confluent.Kafka;

namespace Connect.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// The baselines: what an application does with Confluent.Kafka directly, with the worker's client settings —
/// a <c>Produce()</c> loop with a delivery handler, a <c>Consume()</c> loop, and a paced produce loop for latency.
/// </summary>
internal static class RawClient
{
    /// <summary>Produces <paramref name="warmUp"/> records, waits for them, then measures <paramref name="records"/> more,
    /// from the first <c>Produce()</c> to the last acknowledgement.</summary>
    public static async Task<ThroughputResult> ProduceAsync(string bootstrapServers, string topic, byte[][] payloads, long warmUp, long records, TimeSpan timeout)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(ClientSettings.Producer(bootstrapServers, "raw-producer"))
            .SetErrorHandler((_, error) => Console.Error.WriteLine($"raw producer error: {error.Reason}"))
            .SetLogHandler((_, _) => { })
            .Build();
        long acked = 0;
        long failed = 0;
        long target = warmUp;
        var reached = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }

            if (Interlocked.Increment(ref acked) == Volatile.Read(ref target))
            {
                Volatile.Read(ref reached).TrySetResult(Snapshot.Take());
            }
        }

        Action<DeliveryReport<byte[]?, byte[]?>> handler = OnDelivery;
        void ProduceMany(long count)
        {
            for (long i = 0; i < count; i++)
            {
                var message = new Message<byte[]?, byte[]?> { Value = payloads[i % payloads.Length] };
                while (true)
                {
                    try
                    {
                        producer.Produce(topic, message, handler);
                        break;
                    }
                    catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                    {
                        // The same back-off as the worker's: wait for the producer to drain.
                        Thread.Sleep(5);
                    }
                }
            }
        }

        await RunOnOwnThread(() => ProduceMany(warmUp));
        await reached.Task.WaitAsync(timeout);
        var measured = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref reached, measured);
        Volatile.Write(ref target, warmUp + records);
        var start = Snapshot.Take();
        await RunOnOwnThread(() => ProduceMany(records));
        var end = await measured.Task.WaitAsync(timeout);
        if (Interlocked.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"The raw producer failed to deliver {failed} records.");
        }

        return ThroughputResult.Between(start, end, records);
    }

    /// <summary>Fills a topic: <paramref name="records"/> records spread evenly over its partitions.</summary>
    public static void Prefill(string bootstrapServers, string topic, int partitions, byte[] payload, long records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(ClientSettings.Producer(bootstrapServers, "prefill")).Build();
        var message = new Message<byte[]?, byte[]?> { Value = payload };
        for (long i = 0; i < records; i++)
        {
            var partition = new Confluent.Kafka.TopicPartition(topic, (int)(i % partitions));
            while (true)
            {
                try
                {
                    producer.Produce(partition, message);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromSeconds(120)) > 0)
        {
            throw new InvalidOperationException($"Could not fill topic {topic} in time.");
        }

        // The mock cluster keeps at most 5 MiB or 100,000 records per partition: check that nothing was dropped.
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(ClientSettings.Consumer(bootstrapServers, "prefill-check", "prefill-check")).Build();
        long stored = 0;
        for (var p = 0; p < partitions; p++)
        {
            var marks = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            stored += marks.High.Value - marks.Low.Value;
        }

        if (stored != records)
        {
            throw new InvalidOperationException($"Topic {topic} holds {stored} records, not {records}: the mock cluster's per-partition cap dropped some. Use more partitions.");
        }
    }

    /// <summary>Subscribes with a new group and reads <paramref name="records"/> records, timed from the first assignment.</summary>
    public static async Task<ThroughputResult> ConsumeAsync(string bootstrapServers, string topic, string groupId, long records, TimeSpan timeout)
    {
        return await RunOnOwnThread(() =>
        {
            Snapshot? start = null;
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ClientSettings.Consumer(bootstrapServers, groupId, "raw-consumer"))
                .SetPartitionsAssignedHandler((_, _) => start ??= Snapshot.Take())
                .SetLogHandler((_, _) => { })
                .Build();
            consumer.Subscribe(topic);
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            long count = 0;
            while (count < records)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"The raw consumer read {count} of {records} records in {timeout.TotalSeconds} s.");
                }

                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null || result.IsPartitionEOF)
                {
                    continue;
                }

                count++;
            }

            var end = Snapshot.Take();
            consumer.Close();
            return ThroughputResult.Between(start!.Value, end, records);
        });
    }

    /// <summary>Produces at a fixed rate for a while; each record's latency is from just before <c>Produce()</c> to its
    /// delivery report. Records of the first <paramref name="warmUp"/> are not counted.</summary>
    public static async Task<LatencyResult> LatencyAsync(string bootstrapServers, string topic, byte[] payload, double rate, TimeSpan duration, TimeSpan warmUp)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(ClientSettings.Producer(bootstrapServers, "raw-latency"))
            .SetLogHandler((_, _) => { })
            .Build();
        var capacity = (int)(rate * (duration + warmUp).TotalSeconds * 1.2) + 1_000;
        var sentAt = new long[capacity];
        var latency = new long[capacity];
        var next = 0;
        var acked = 0;
        var pacer = new Pacer(rate);
        var total = duration + warmUp;
        while (pacer.Elapsed < total && next < capacity)
        {
            var count = Math.Min(await pacer.WaitDueAsync(1_000, CancellationToken.None), capacity - next);
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var seq = next++;
                sentAt[seq] = now;
                producer.Produce(topic, new Message<byte[]?, byte[]?> { Value = payload }, _ =>
                {
                    latency[seq] = Stopwatch.GetTimestamp() - sentAt[seq];
                    Interlocked.Increment(ref acked);
                });
            }
        }

        var elapsed = pacer.Elapsed;
        producer.Flush(TimeSpan.FromSeconds(30));
        var skip = (int)(rate * warmUp.TotalSeconds);
        return LatencyResult.From(rate, elapsed - warmUp, latency.Skip(skip).Take(next - skip).Where(l => l > 0).ToList());
    }

    /// <summary>Runs blocking client code on a dedicated thread, as the worker runs each task.</summary>
    public static Task RunOnOwnThread(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <inheritdoc cref="RunOnOwnThread(Action)"/>
    public static Task<T> RunOnOwnThread<T>(Func<T> function) =>
        Task.Factory.StartNew(function, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
