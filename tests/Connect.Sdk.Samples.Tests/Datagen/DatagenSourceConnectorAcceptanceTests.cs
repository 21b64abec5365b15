using Connect.Sdk.Data;
using Connect.Sdk.Samples.Datagen;
using Connect.Sdk.Samples.Tests.Acceptance;
using Connect.Sdk.Source;
using Connect.Sdk.Testing.Acceptance;
using Connect.Sdk.Testing.Xunit;

namespace Connect.Sdk.Samples.Tests.Datagen;

/// <summary>The Connect contract for the data generator. It makes its own data, so there is nothing to generate for
/// a check, and records are told apart by order id. More records per check than one poll returns (100) make the
/// resume checks restart in the middle of the stream.</summary>
[Collection(AcceptanceCollection.Name)]
public sealed class DatagenSourceConnectorAcceptanceTests : SourceConnectorAcceptanceTestBase<DatagenSourceConnector>
{
    protected override int RecordsPerCheck => 150;

    protected override TimeSpan CheckTimeout => TimeSpan.FromSeconds(5);

    protected override IEnumerable<InvalidConfigExample> InvalidConfigExamples =>
    [
        new(DatagenConfig.KafkaTopicConfig, "a,b", "single topic name"),
        new(DatagenConfig.QuickstartConfig, "users", "orders"),
        new(DatagenConfig.MaxIntervalConfig, "-1", "at least 0"),
        new(DatagenConfig.IterationsConfig, "-2", "at least -1"),
        new(DatagenConfig.RandomSeedConfig, "seven", "Not a number"),
    ];

    protected override IReadOnlyDictionary<string, string> CreateValidConfig() => new Dictionary<string, string>
    {
        [DatagenConfig.KafkaTopicConfig] = "orders",
        [DatagenConfig.MaxIntervalConfig] = "0",
        [DatagenConfig.RandomSeedConfig] = "7",
    };

    protected override ValueTask GenerateDataAsync(IReadOnlyDictionary<string, string> config, int count, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    protected override string IdentityOf(SourceRecord record) =>
        ((Struct)record.Key!).GetInt64(OrderSchemas.OrderIdField)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Short idle waits keep the checks quick.
    protected override SourceTask CreateTask(Type taskType) => new DatagenSourceTask { IdleWait = TimeSpan.FromMilliseconds(20) };
}
