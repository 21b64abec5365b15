using BenchmarkDotNet.Attributes;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
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
        var chains = BenchmarkChains.Create();
        _records = new SourceRecord[DistinctRecords];
        for (var i = 0; i < DistinctRecords; i++)
        {
            _records[i] = chains.NewRecord(i);
        }

        (_none, _noOp, _three, _five) = (chains.None, chains.NoOp, chains.Three, chains.Five);
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
