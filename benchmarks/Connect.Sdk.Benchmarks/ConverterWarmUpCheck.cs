using System.Globalization;
using System.Text;
using Connect.Sdk.Avro;
using Connect.Sdk.Data;
using Connect.Sdk.Json;

namespace Connect.Sdk.Benchmarks;

/// <summary>
/// Checks issue 3's cache promise on warmed-up converters: converting more records of a known schema, both ways, makes
/// no Schema Registry call and parses or prints no schema. Throws when a counter moved.
/// </summary>
public static class ConverterWarmUpCheck
{
    private const string Topic = "orders";

    /// <summary>Builds warmed-up converters over an in-memory registry and runs the check.</summary>
    /// <param name="records">How many records to convert after the warm-up.</param>
    /// <returns>A report of the counters and payload sizes.</returns>
    public static string Run(int records = 10_000)
    {
        var registry = new InMemorySchemaRegistryClient();
        var on = new JsonConverter();
        on.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "true" }, isKey: false);
        var off = new JsonConverter();
        off.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "false" }, isKey: false);
        using var avro = new AvroConverter(registry);
        avro.Configure(new Dictionary<string, string>(), isKey: false);
        var structs = Enumerable.Range(0, 256).Select(i => OrderEventData.ToStruct(OrderEventData.Sample(i))).ToArray();
        foreach (var value in structs.Take(16))
        {
            // The warm-up: the first record of the schema registers, parses and caches it.
            on.ToConnectData(Topic, null, on.FromConnectData(Topic, null, OrderEventData.Schema, value));
            off.ToConnectData(Topic, null, off.FromConnectData(Topic, null, OrderEventData.Schema, value));
            avro.ToConnectData(Topic, null, avro.FromConnectData(Topic, null, OrderEventData.Schema, value));
        }

        return Run(on, off, avro, registry, structs, records);
    }

    /// <summary>Runs the check on converters that have already converted at least one record of the schema each way.</summary>
    /// <param name="schemasOn">A JsonConverter with schemas.enable=true.</param>
    /// <param name="schemasOff">A JsonConverter with schemas.enable=false.</param>
    /// <param name="avro">An AvroConverter over <paramref name="registry"/>.</param>
    /// <param name="registry">The registry the Avro converter uses.</param>
    /// <param name="values">Values of <see cref="OrderEventData.Schema"/>.</param>
    /// <param name="records">How many records to convert each way with each converter.</param>
    /// <returns>A report of the counters and payload sizes.</returns>
    /// <exception cref="InvalidOperationException">A converter called the registry or parsed a schema for a record.</exception>
    public static string Run(JsonConverter schemasOn, JsonConverter schemasOff, AvroConverter avro, InMemorySchemaRegistryClient registry, IReadOnlyList<Struct> values, int records)
    {
        ArgumentNullException.ThrowIfNull(schemasOn);
        ArgumentNullException.ThrowIfNull(schemasOff);
        ArgumentNullException.ThrowIfNull(avro);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(values);
        var before = Counters.Read(schemasOn, schemasOff, avro, registry);
        long onBytes = 0, offBytes = 0, avroBytes = 0;
        for (var i = 0; i < records; i++)
        {
            var value = values[i % values.Count];
            var json = schemasOn.FromConnectData(Topic, null, OrderEventData.Schema, value)!;
            Check(schemasOn.ToConnectData(Topic, null, json), value, "JsonConverter (schemas.enable=true)");
            var plain = schemasOff.FromConnectData(Topic, null, OrderEventData.Schema, value)!;
            _ = schemasOff.ToConnectData(Topic, null, plain);
            var binary = avro.FromConnectData(Topic, null, OrderEventData.Schema, value)!;
            Check(avro.ToConnectData(Topic, null, binary), value, "AvroConverter");
            onBytes += json.Length;
            offBytes += plain.Length;
            avroBytes += binary.Length;
        }

        var after = Counters.Read(schemasOn, schemasOff, avro, registry);
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Converter warm-up check: {records:N0} records each way per converter after warm-up: ")
            .Append(CultureInfo.InvariantCulture, $"registry calls +{after.RegistryCalls - before.RegistryCalls}, ")
            .Append(CultureInfo.InvariantCulture, $"Avro schema parses +{after.AvroParses - before.AvroParses}, ")
            .Append(CultureInfo.InvariantCulture, $"JSON schema parses +{after.JsonReads - before.JsonReads}, ")
            .Append(CultureInfo.InvariantCulture, $"JSON schema writes +{after.JsonWrites - before.JsonWrites}; ")
            .Append(CultureInfo.InvariantCulture, $"payload bytes per record: JSON with schema {onBytes / records}, JSON without schema {offBytes / records}, Avro {avroBytes / records}.")
            .ToString();
        if (after != before)
        {
            throw new InvalidOperationException("A warmed-up converter did schema work per record. " + report);
        }

        return report;
    }

    private static void Check(SchemaAndValue read, Struct expected, string converter)
    {
        if (!expected.Equals(read.Value))
        {
            throw new InvalidOperationException($"{converter} did not read back the value it wrote: {read.Value} instead of {expected}.");
        }
    }

    private readonly record struct Counters(long RegistryCalls, long AvroParses, long JsonReads, long JsonWrites)
    {
        public static Counters Read(JsonConverter on, JsonConverter off, AvroConverter avro, InMemorySchemaRegistryClient registry) => new(
            registry.Calls,
            avro.SchemaParses,
            on.SchemaReads + off.SchemaReads,
            on.SchemaWrites + off.SchemaWrites);
    }
}
