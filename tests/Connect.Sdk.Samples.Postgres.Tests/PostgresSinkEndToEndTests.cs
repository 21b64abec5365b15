using System.Globalization;
using System.Numerics;
using System.Text;
using Confluent.Kafka;
using Connect.Sdk.Runtime.Errors;
using Connect.Sdk.Runtime.Hosting;
using Connect.Sdk.Runtime.Plugins;
using Connect.Sdk.Runtime.Worker;
using Connect.Sdk.Samples.Postgres.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Connect.Sdk.Samples.Postgres.Tests;

/// <summary>The sink in a real standalone worker: records produced to the in-process development Kafka cluster go
/// through StringConverter (keys) and JsonConverter with schemas (values) into PostgreSQL, and a record for a table
/// that does not exist lands in the dead letter queue with Kafka Connect's context headers.</summary>
public sealed class PostgresSinkEndToEndTests(ITestOutputHelper output) : PostgresTestBase(output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Worker_WritesOrdersAndSendsTheRecordForAMissingTableToTheDeadLetterQueue()
    {
        if (Unavailable()) return;
        var orders = Table("orders");
        var payments = Table("payments");
        var dlq = "dlq_" + orders;
        await ExecuteAsync($"CREATE TABLE \"{orders}\" (id BIGINT PRIMARY KEY, product TEXT NOT NULL, price NUMERIC(10,2) NOT NULL, ordered_at TIMESTAMPTZ NOT NULL)");
        var worker = new Dictionary<string, string>
        {
            ["dev.cluster.enabled"] = "true",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["offset.flush.interval.ms"] = "500",
        };
        var connector = Settings(
            ("name", "pg-e2e"),
            ("connector.class", "PostgresSinkConnector"),
            ("tasks.max", "1"),
            ("topics", $"{orders},{payments}"),
            ("value.converter.schemas.enable", "true"),
            ("insert.mode", "upsert"),
            ("pk.mode", "record_value"),
            ("pk.fields", "id"),
            ("auto.create", "false"),
            ("errors.tolerance", "all"),
            ("errors.deadletterqueue.topic.name", dlq),
            ("errors.deadletterqueue.topic.replication.factor", "1"),
            ("errors.deadletterqueue.context.headers.enable", "true"));
        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new TestOutputLoggerProvider(Output)));
        await using var runtime = await StandaloneRuntime.StartAsync(
            worker,
            [],
            logs,
            PluginRegistry.FromApplication().AddType(typeof(PostgresSinkConnector)));
        var bootstrap = runtime.DevCluster!.BootstrapServers;

        // The topics exist before the connector subscribes, so its consumer sees both from the start.
        runtime.DevCluster.CreateTopic(orders);
        runtime.DevCluster.CreateTopic(payments);
        await runtime.Herder.PutConnectorConfigAsync("pg-e2e", connector, allowReplace: false);
        var orderedAt = new DateTimeOffset(2024, 5, 1, 12, 30, 15, TimeSpan.Zero);
        DeliveryResult<string, string> lost;

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            await producer.ProduceAsync(orders, Message("1", OrderJson(1, "mug", 12.50m, orderedAt)));
            await producer.ProduceAsync(orders, Message("2", OrderJson(2, "tea", 4.25m, orderedAt)));
            lost = await producer.ProduceAsync(payments, Message("p-1", OrderJson(7, "card", 16.75m, orderedAt)));
            await producer.ProduceAsync(orders, Message("1", OrderJson(1, "big mug", 15.00m, orderedAt.AddMinutes(1))));
        }

        var rows = await EventuallyAsync(
            () => QueryAsync($"SELECT id, product, price, ordered_at FROM \"{orders}\" ORDER BY id"),
            r => r.Count == 2 && (string?)r[0][1] == "big mug");
        var dead = ConsumeOne(bootstrap, dlq);

        rows.Should().BeEquivalentTo(
            [
                new object[] { 1L, "big mug", 15.00m, orderedAt.AddMinutes(1).UtcDateTime },
                new object[] { 2L, "tea", 4.25m, orderedAt.UtcDateTime },
            ],
            o => o.WithStrictOrdering());
        Encoding.UTF8.GetString(dead.Message.Key).Should().Be("p-1", "the dead letter queue keeps the original bytes");
        Encoding.UTF8.GetString(dead.Message.Value).Should().Contain("\"card\"");
        var headers = dead.Message.Headers.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes()));
        headers[DeadLetterQueueReporter.TopicHeader].Should().Be(payments);
        headers[DeadLetterQueueReporter.PartitionHeader].Should().Be(lost.Partition.Value.ToString(CultureInfo.InvariantCulture));
        headers[DeadLetterQueueReporter.OffsetHeader].Should().Be(lost.Offset.Value.ToString(CultureInfo.InvariantCulture));
        headers[DeadLetterQueueReporter.ConnectorNameHeader].Should().Be("pg-e2e");
        headers[DeadLetterQueueReporter.StageHeader].Should().Be("TASK_PUT");
        headers[DeadLetterQueueReporter.ClassNameHeader].Should().Contain(nameof(PostgresSinkTask));
        headers[DeadLetterQueueReporter.ExceptionMessageHeader].Should().Be($"Table \"{payments}\" is missing and auto-creation is disabled");
        runtime.Herder.ConnectorStatus("pg-e2e").Tasks.Should().ContainSingle().Which.Status.State.Should().Be(ConnectState.Running);
    }

    private static Message<string, string> Message(string key, string value) => new() { Key = key, Value = value };

    /// <summary>A JsonConverter envelope with a schema, as Kafka's JsonConverter writes it: Decimal as base64 of the
    /// big-endian unscaled value, Timestamp as epoch milliseconds.</summary>
    private static string OrderJson(long id, string product, decimal price, DateTimeOffset orderedAt)
    {
        var unscaled = new BigInteger(decimal.Round(price * 100m));
        var priceBase64 = Convert.ToBase64String(unscaled.ToByteArray(isUnsigned: false, isBigEndian: true));
        return string.Create(
            CultureInfo.InvariantCulture,
            $$$"""
            {"schema":{"type":"struct","name":"shop.Order","optional":false,"fields":[
              {"field":"id","type":"int64","optional":false},
              {"field":"product","type":"string","optional":false},
              {"field":"price","type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},
              {"field":"ordered_at","type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1}]},
             "payload":{"id":{{{id}}},"product":"{{{product}}}","price":"{{{priceBase64}}}","ordered_at":{{{orderedAt.ToUnixTimeMilliseconds()}}}}}
            """);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    private static ConsumeResult<byte[], byte[]> ConsumeOne(string bootstrap, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "dlq-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
                {
                    return result;
                }
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                // The topic may not exist until the first dead letter is written.
            }
        }

        throw new TimeoutException($"No record arrived in {topic} within {Patience}.");
    }
}
