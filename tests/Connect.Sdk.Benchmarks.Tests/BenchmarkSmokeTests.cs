using Connect.Sdk.Benchmarks;

namespace Connect.Sdk.Benchmarks.Tests;

/// <summary>The BenchmarkDotNet benchmarks still run: each benchmark method is called once, without measuring.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public void Run_EveryBenchmark_RunsOnceAndReports()
    {
        using var output = new StringWriter();

        var called = BenchmarkSmoke.Run(output);

        called.Should().BeGreaterThanOrEqualTo(16, "the converter and transformation benchmarks have 16 methods");
        output.ToString().Should().Contain("ConverterBenchmarks.SerializePoco")
            .And.Contain("ConverterBenchmarks.DeserializeAvro")
            .And.Contain("TransformationChainBenchmarks.FiveTransforms");
    }

    [Fact]
    public void ConverterWarmUpCheck_AfterWarmUp_MakesNoRegistryCallsAndParsesNoSchemas()
    {
        var report = ConverterWarmUpCheck.Run(records: 2_000);

        report.Should().Contain("registry calls +0")
            .And.Contain("Avro schema parses +0")
            .And.Contain("JSON schema parses +0")
            .And.Contain("JSON schema writes +0");
    }

    [Fact]
    public async Task InMemorySchemaRegistryClient_RegisterTwice_ReturnsSameIdAndCountsCalls()
    {
        var registry = new InMemorySchemaRegistryClient();

        var first = await registry.RegisterSchemaAsync("orders-value", "\"string\"");
        var second = await registry.RegisterSchemaAsync("orders-value", "\"string\"");

        second.Should().Be(first);
        (await registry.GetSchemaByIdAsync(first)).Schema.Should().Be("\"string\"");
        registry.Calls.Should().Be(3);
    }
}
