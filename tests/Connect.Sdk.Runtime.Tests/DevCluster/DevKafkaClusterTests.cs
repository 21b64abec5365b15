using Confluent.Kafka;
using Connect.Sdk.Runtime.DevCluster;

namespace Connect.Sdk.Runtime.Tests.DevCluster;

[Collection(Integration.KafkaCollection.Name)]
public class DevKafkaClusterTests
{
    [Fact]
    public void Start_GivesABootstrapAddressThatRealClientsUse()
    {
        using var cluster = DevKafkaCluster.Start(brokerCount: 2);
        cluster.CreateTopic("orders", partitions: 3);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce("orders", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "check",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("orders");
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (values.Count < 10 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
            {
                values.Add(result.Message.Value);
            }
        }

        cluster.BootstrapServers.Should().StartWith("127.0.0.1:");
        values.Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => $"v{i}"));
    }

    [Fact]
    public void BrokerDown_ThenUp_ProducerDeliversAfterRecovery()
    {
        using var cluster = DevKafkaCluster.Start();
        cluster.CreateTopic("t");
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            MessageTimeoutMs = 30_000,
        }).Build();
        producer.Produce("t", new Message<Null, string> { Value = "before" });
        producer.Flush(TimeSpan.FromSeconds(10));

        cluster.SetBrokerDown(1);
        var delivered = new List<DeliveryReport<Null, string>>();
        producer.Produce("t", new Message<Null, string> { Value = "during" }, delivered.Add);
        producer.Flush(TimeSpan.FromMilliseconds(500));
        var deliveredWhileDown = delivered.Count;
        cluster.SetBrokerUp(1);
        producer.Flush(TimeSpan.FromSeconds(20));

        deliveredWhileDown.Should().Be(0);
        delivered.Should().ContainSingle().Which.Error.IsError.Should().BeFalse();
    }

    [Fact]
    public async Task PushRequestErrors_ProduceErrorsAreRetriedByTheClient()
    {
        using var cluster = DevKafkaCluster.Start();
        cluster.CreateTopic("t");
        cluster.PushRequestErrors(0, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var result = await producer.ProduceAsync("t", new Message<Null, string> { Value = "x" });

        result.Status.Should().Be(PersistenceStatus.Persisted);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var cluster = DevKafkaCluster.Start();
        cluster.Dispose();

        var act = () => cluster.CreateTopic("t");

        act.Should().Throw<ObjectDisposedException>();
    }
}
