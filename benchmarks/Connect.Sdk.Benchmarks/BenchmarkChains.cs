using Connect.Sdk.Data;
using Connect.Sdk.Source;
using Connect.Sdk.Transforms;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// The record schema and the chains of 0, 1 (no-op), 3 and 5 transforms that <see cref="TransformationChainBenchmarks"/>
/// and <see cref="TransformationPipelineBenchmarks"/> measure. The 3-transform chain is <c>Filter</c> guarded by
/// <c>RecordIsTombstone</c>, <c>RegexRouter</c> and <c>ReplaceField$Value</c>; the 5-transform chain adds <c>Cast$Value</c>
/// and <c>ValueToKey</c>.
/// </summary>
internal sealed class BenchmarkChains
{
    private BenchmarkChains(Schema schema, TransformationChainFactory factory)
    {
        Schema = schema;
        None = factory.Create<SourceRecord>(new Dictionary<string, string>());
        NoOp = new TransformationChain<SourceRecord>([new TransformationStage<SourceRecord>(new TransformationChainBenchmarks.NoOp<SourceRecord>())]);
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
        Three = factory.Create<SourceRecord>(three);
        Five = factory.Create<SourceRecord>(new Dictionary<string, string>(three)
        {
            ["transforms"] = "dropTombstones,route,rename,cast,key",
            ["transforms.cast.type"] = "org.apache.kafka.connect.transforms.Cast$Value",
            ["transforms.cast.spec"] = "quantity:int64",
            ["transforms.key.type"] = "org.apache.kafka.connect.transforms.ValueToKey",
            ["transforms.key.fields"] = "customer_id",
        });
    }

    /// <summary>The five-field <c>com.acme.Order</c> struct schema of the records.</summary>
    public Schema Schema { get; }

    public TransformationChain<SourceRecord> None { get; }

    public TransformationChain<SourceRecord> NoOp { get; }

    public TransformationChain<SourceRecord> Three { get; }

    public TransformationChain<SourceRecord> Five { get; }

    public static BenchmarkChains Create() => new(
        SchemaBuilder.Struct()
            .Name("com.acme.Order")
            .Field("order_id", Schema.Int64)
            .Field("customer_id", Schema.Int64)
            .Field("delivery_address", Schema.String)
            .Field("quantity", Schema.Int32)
            .Field("price", Schema.Float64)
            .Build(),
        TransformationChainFactory.Default);

    /// <summary>A record as a source task would build it: the struct in a <see cref="SourceRecord"/> for <c>prod-orders</c>.</summary>
    public SourceRecord NewRecord(int i)
    {
        var fields = Schema.Fields;
        var value = new Struct(Schema)
            .Put(fields[0], (long)i)
            .Put(fields[1], (long)(i % 97))
            .Put(fields[2], "1 Main St")
            .Put(fields[3], i % 10)
            .Put(fields[4], i * 1.5);
        return new SourceRecord(null, null, "prod-orders", 0, null, null, Schema, value, 1_700_000_000_000L + i);
    }
}
