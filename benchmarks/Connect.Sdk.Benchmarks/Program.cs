using BenchmarkDotNet.Running;
using Connect.Sdk.Benchmarks;

// --smoke: run every benchmark method once (and the converter warm-up check) without measuring, to check they work.
// --check: only the converter warm-up check (no registry calls, no schema parses per record).
// Anything else goes to BenchmarkDotNet, e.g. --filter '*Converter*' --job short.
if (args is ["--smoke"])
{
    BenchmarkSmoke.Run(Console.Out);
    return 0;
}

if (args is ["--check"])
{
    Console.WriteLine(ConverterWarmUpCheck.Run());
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ConverterBenchmarks).Assembly).Run(args);
return 0;
