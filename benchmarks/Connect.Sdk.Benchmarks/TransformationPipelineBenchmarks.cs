using BenchmarkDotNet.Attributes;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// A transformation chain of 0, 1 (no-op), 3 and 5 transforms over 1M structured records per operation. Each record is
/// built as a source task would build it (a struct of five fields in a <see cref="SourceRecord"/>) and then run through
/// the chain, which is the work of a source task's pipeline before the converter; the 0-transform chain is the baseline.
/// </summary>
[MemoryDiagnoser]
public class TransformationPipelineBenchmarks
{
    private const int RecordsPerOperation = 1_000_000;

    private Schema _schema = Schema.String;
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
        _schema = schema;

        var factory = TransformationChainFactory.Default;
        _none = factory.Create<SourceRecord>(new Dictionary<string, string>());
        _noOp = new TransformationChain<SourceRecord>([new TransformationStage<SourceRecord>(new TransformationChainBenchmarks.NoOp<SourceRecord>())]);
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
        var schema = _schema;
        var fields = schema.Fields;
        var kept = 0;
        for (var i = 0; i < RecordsPerOperation; i++)
        {
            var value = new Struct(schema)
                .Put(fields[0], (long)i)
                .Put(fields[1], (long)(i % 97))
                .Put(fields[2], "1 Main St")
                .Put(fields[3], i % 10)
                .Put(fields[4], i * 1.5);
            var record = new SourceRecord(null, null, "prod-orders", 0, null, null, schema, value, 1_700_000_000_000L + i);
            if (chain.Apply(record) is not null)
            {
                kept++;
            }
        }

        return kept;
    }
}
