using BenchmarkDotNet.Attributes;
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
        var chains = BenchmarkChains.Create();
        (_schema, _none, _noOp, _three, _five) = (chains.Schema, chains.None, chains.NoOp, chains.Three, chains.Five);
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
        // Built here rather than by BenchmarkChains.NewRecord so that the measured loop has no call of its own.
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
