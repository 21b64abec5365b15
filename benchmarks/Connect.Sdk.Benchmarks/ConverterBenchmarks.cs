using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Connect.Sdk.Avro;
using Connect.Sdk.Converters;
using Connect.Sdk.Data;
using Connect.Sdk.Json;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// JsonConverter (schemas on and off) and AvroConverter against System.Text.Json's source-generated serializer of the
/// equivalent POCO (the baseline), one 20-field record per operation, in both directions (issue 3). The Avro converter
/// talks to an <see cref="InMemorySchemaRegistryClient"/>, so no HTTP is measured; the setup checks that after
/// warm-up no converter calls the registry or parses a schema for a record.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ConverterBenchmarks
{
    /// <summary>Distinct records cycled through, so values vary as they do on a topic.</summary>
    private const int DistinctRecords = 256;
    private const string Topic = "orders";

    private OrderEvent[] _pocos = [];
    private Struct[] _structs = [];
    private byte[][] _pocoJson = [];
    private byte[][] _jsonOn = [];
    private byte[][] _jsonOff = [];
    private byte[][] _avro = [];
    private JsonConverter _jsonSchemasOn = null!;
    private JsonConverter _jsonSchemasOff = null!;
    private AvroConverter _avroConverter = null!;
    private InMemorySchemaRegistryClient _registry = null!;
    private int _next;

    /// <summary>The Connect schema of every record.</summary>
    public static Schema Schema => OrderEventData.Schema;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new InMemorySchemaRegistryClient();
        _jsonSchemasOn = new JsonConverter();
        _jsonSchemasOn.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "true" }, isKey: false);
        _jsonSchemasOff = new JsonConverter();
        _jsonSchemasOff.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "false" }, isKey: false);
        _avroConverter = new AvroConverter(_registry);
        _avroConverter.Configure(new Dictionary<string, string>(), isKey: false);

        _pocos = new OrderEvent[DistinctRecords];
        _structs = new Struct[DistinctRecords];
        _pocoJson = new byte[DistinctRecords][];
        _jsonOn = new byte[DistinctRecords][];
        _jsonOff = new byte[DistinctRecords][];
        _avro = new byte[DistinctRecords][];
        for (var i = 0; i < DistinctRecords; i++)
        {
            _pocos[i] = OrderEventData.Sample(i);
            _structs[i] = OrderEventData.ToStruct(_pocos[i]);
            _pocoJson[i] = JsonSerializer.SerializeToUtf8Bytes(_pocos[i], OrderEventJsonContext.Default.OrderEvent);
            _jsonOn[i] = _jsonSchemasOn.FromConnectData(Topic, null, Schema, _structs[i])!;
            _jsonOff[i] = _jsonSchemasOff.FromConnectData(Topic, null, Schema, _structs[i])!;
            _avro[i] = _avroConverter.FromConnectData(Topic, null, Schema, _structs[i])!;
        }

        // Read one record each way too: the first read of a schema fetches and parses it.
        _jsonSchemasOn.ToConnectData(Topic, null, _jsonOn[0]);
        _jsonSchemasOff.ToConnectData(Topic, null, _jsonOff[0]);
        _avroConverter.ToConnectData(Topic, null, _avro[0]);
        JsonSerializer.Deserialize(_pocoJson[0], OrderEventJsonContext.Default.OrderEvent);

        // Warm-up done: from here on, no record may cost a registry call or a schema parse.
        var report = ConverterWarmUpCheck.Run(_jsonSchemasOn, _jsonSchemasOff, _avroConverter, _registry, _structs, records: 1_000);
        Console.WriteLine(report);
    }

    [GlobalCleanup]
    public void Cleanup() => _avroConverter.Dispose();

    [BenchmarkCategory("Serialize")]
    [Benchmark(Baseline = true, Description = "POCO, STJ source-generated SerializeToUtf8Bytes")]
    public byte[] SerializePoco() => JsonSerializer.SerializeToUtf8Bytes(_pocos[Next()], OrderEventJsonContext.Default.OrderEvent);

    [BenchmarkCategory("Serialize")]
    [Benchmark(Description = "JsonConverter.FromConnectData, schemas.enable=false")]
    public byte[]? SerializeJsonSchemasOff() => _jsonSchemasOff.FromConnectData(Topic, null, Schema, _structs[Next()]);

    [BenchmarkCategory("Serialize")]
    [Benchmark(Description = "JsonConverter.FromConnectData, schemas.enable=true")]
    public byte[]? SerializeJsonSchemasOn() => _jsonSchemasOn.FromConnectData(Topic, null, Schema, _structs[Next()]);

    [BenchmarkCategory("Serialize")]
    [Benchmark(Description = "AvroConverter.FromConnectData")]
    public byte[]? SerializeAvro() => _avroConverter.FromConnectData(Topic, null, Schema, _structs[Next()]);

    // As the source worker uses them: each output array handed back once the producer has copied it.
    [BenchmarkCategory("Serialize")]
    [Benchmark(Description = "JsonConverter.FromConnectData, schemas.enable=true, output recycled")]
    public int SerializeJsonSchemasOnRecycled() => Recycled(_jsonSchemasOn, _jsonSchemasOn.FromConnectData(Topic, null, Schema, _structs[Next()])!);

    [BenchmarkCategory("Serialize")]
    [Benchmark(Description = "AvroConverter.FromConnectData, output recycled")]
    public int SerializeAvroRecycled() => Recycled(_avroConverter, _avroConverter.FromConnectData(Topic, null, Schema, _structs[Next()])!);

    [BenchmarkCategory("Deserialize")]
    [Benchmark(Baseline = true, Description = "POCO, STJ source-generated Deserialize")]
    public OrderEvent? DeserializePoco() => JsonSerializer.Deserialize(_pocoJson[Next()], OrderEventJsonContext.Default.OrderEvent);

    [BenchmarkCategory("Deserialize")]
    [Benchmark(Description = "JsonConverter.ToConnectData, schemas.enable=false")]
    public SchemaAndValue DeserializeJsonSchemasOff() => _jsonSchemasOff.ToConnectData(Topic, null, _jsonOff[Next()]);

    [BenchmarkCategory("Deserialize")]
    [Benchmark(Description = "JsonConverter.ToConnectData, schemas.enable=true")]
    public SchemaAndValue DeserializeJsonSchemasOn() => _jsonSchemasOn.ToConnectData(Topic, null, _jsonOn[Next()]);

    [BenchmarkCategory("Deserialize")]
    [Benchmark(Description = "AvroConverter.ToConnectData")]
    public SchemaAndValue DeserializeAvro() => _avroConverter.ToConnectData(Topic, null, _avro[Next()]);

    private int Next() => _next = (_next + 1) & (DistinctRecords - 1);

    private static int Recycled(IRecyclableOutputConverter converter, byte[] output)
    {
        converter.Recycle(output);
        return output.Length;
    }
}
