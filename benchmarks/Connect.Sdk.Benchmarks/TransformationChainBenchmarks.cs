using BenchmarkDotNet.Attributes;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// The cost of the chain alone: 0, 1 (no-op), 3 and 5 transforms over 1M structured records per operation (1,024
/// prebuilt source records of one struct schema, cycled). The 0-transform chain is the baseline; a stage's cost per
/// record is the difference to it. <see cref="TransformationPipelineBenchmarks"/> adds building each record.
/// </summary>
[MemoryDiagnoser]
public class TransformationChainBenchmarks
{
    private const int RecordsPerOperation = 1_000_000;

    private const int DistinctRecords = 1024;

    private SourceRecord[] _records = [];
    private TransformationChain<SourceRecord> _none = TransformationChain<SourceRecord>.Empty;
    private TransformationChain<SourceRecord> _noOp = TransformationChain<SourceRecord>.Empty;
    private TransformationChain<SourceRecord> _three = TransformationChain<SourceRecord>.Empty;
    private TransformationChain<SourceRecord> _five = TransformationChain<SourceRecord>.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var schema = SchemaBuilder.Struct()
            .Name("com.acme.Order")
            .Field("order_id", Schema.Int64)
            .Field("customer_id", Schema.Int64)
            .Field("delivery_address", Schema.String)
            .Field("quantity", Schema.Int32)
            .Field("price", Schema.Float64)
            .Build();
        _records = new SourceRecord[DistinctRecords];
        for (var i = 0; i < DistinctRecords; i++)
        {
            var value = new Struct(schema)
                .Put("order_id", (long)i)
                .Put("customer_id", (long)(i % 97))
                .Put("delivery_address", "1 Main St")
                .Put("quantity", i % 10)
                .Put("price", i * 1.5);
            _records[i] = new SourceRecord(null, null, "prod-orders", 0, null, null, schema, value, 1_700_000_000_000L + i);
        }

        var factory = TransformationChainFactory.Default;
        _none = factory.Create<SourceRecord>(new Dictionary<string, string>());
        _noOp = new TransformationChain<SourceRecord>([new TransformationStage<SourceRecord>(new NoOp<SourceRecord>())]);
        var three = new Dictionary<string, string>
        {
            ["transforms"] = "dropTombstones,route,rename",
            ["transforms.dropTombstones.type"] = "org.apache.kafka.connect.transforms.Filter",
            ["transforms.dropTombstones.predicate"] = "isTombstone",
            ["transforms.route.type"] = "org.apache.kafka.connect.transforms.RegexRouter",
            ["transforms.route.regex"] = "prod-(.*)",
            ["transforms.route.replacement"] = "$1",
            ["transforms.rename.type"] = "org.apache.kafka.connect.transforms.ReplaceField$Value",
            ["transforms.rename.renames"] = "delivery_address:shipping_address",
            ["predicates"] = "isTombstone",
            ["predicates.isTombstone.type"] = "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
        };
        _three = factory.Create<SourceRecord>(three);
        var five = new Dictionary<string, string>(three)
        {
            ["transforms"] = "dropTombstones,route,rename,cast,key",
            ["transforms.cast.type"] = "org.apache.kafka.connect.transforms.Cast$Value",
            ["transforms.cast.spec"] = "quantity:int64",
            ["transforms.key.type"] = "org.apache.kafka.connect.transforms.ValueToKey",
            ["transforms.key.fields"] = "customer_id",
        };
        _five = factory.Create<SourceRecord>(five);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RecordsPerOperation, Description = "0 transforms")]
    public int NoTransforms() => Run(_none);

    [Benchmark(OperationsPerInvoke = RecordsPerOperation, Description = "1 no-op transform")]
    public int OneNoOpTransform() => Run(_noOp);

    [Benchmark(OperationsPerInvoke = RecordsPerOperation, Description = "3 transforms (Filter if tombstone, RegexRouter, ReplaceField)")]
    public int ThreeTransforms() => Run(_three);

    [Benchmark(OperationsPerInvoke = RecordsPerOperation, Description = "5 transforms (+ Cast, ValueToKey)")]
    public int FiveTransforms() => Run(_five);

    private int Run(TransformationChain<SourceRecord> chain)
    {
        var records = _records;
        var kept = 0;
        for (var i = 0; i < RecordsPerOperation; i++)
        {
            if (chain.Apply(records[i & (DistinctRecords - 1)]) is not null)
            {
                kept++;
            }
        }

        return kept;
    }

    internal sealed class NoOp<TRecord> : ITransformation<TRecord>
        where TRecord : ConnectRecord<TRecord>
    {
        public ConfigDef Config { get; } = new();

        public void Configure(IReadOnlyDictionary<string, string> configs)
        {
        }

        public TRecord? Apply(TRecord record) => record;

        public void Dispose()
        {
        }
    }
}
