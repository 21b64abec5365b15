using Connect.Sdk.Data;

namespace Connect.Sdk.TestSupport;

/// <summary>
/// Random struct schemas whose fields are numbers, booleans, strings and such structs (up to two levels deep, a third
/// of the fields optional), and random values of them with every required field set: for the tests that hold a
/// converter's direct struct writer to its general path. Linked into the JSON and Avro test projects.
/// </summary>
/// <param name="random">The source of randomness; seed it so that a failure can be replayed.</param>
/// <param name="texts">Strings to draw values (and, with <paramref name="fieldName"/>, names) from.</param>
/// <param name="doubles">Doubles to draw half of the float64 values from; the other half are random finite bit patterns.</param>
/// <param name="floats">Floats to draw half of the float32 values from; the other half are random.</param>
/// <param name="fieldName">The name of the field at a position; by default <c>f0</c>, <c>f1</c>, ….</param>
internal sealed class RandomPrimitiveStructs(
    Random random,
    IReadOnlyList<string> texts,
    IReadOnlyList<double> doubles,
    IReadOnlyList<float> floats,
    Func<Random, int, string>? fieldName = null)
{
    /// <summary>A new struct schema.</summary>
    /// <returns>The schema.</returns>
    public Schema NextSchema() => StructBuilder(0).Build();

    /// <summary>A value of a schema made by <see cref="NextSchema"/>; optional fields are left unset a quarter of the time.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The struct.</returns>
    public Struct NextValue(Schema schema)
    {
        var value = new Struct(schema);
        foreach (var field in schema.Fields)
        {
            if (field.Schema.IsOptional && random.Next(4) == 0)
            {
                continue;
            }

            value.Put(field, field.Schema.Type switch
            {
                SchemaType.Int8 => (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1),
                SchemaType.Int16 => (short)random.Next(short.MinValue, short.MaxValue + 1),
                SchemaType.Int32 => random.Next(int.MinValue, int.MaxValue),
                SchemaType.Int64 => random.NextInt64(long.MinValue, long.MaxValue),
                SchemaType.Float32 => random.Next(2) == 0 ? floats[random.Next(floats.Count)] : (float)(random.NextDouble() * 1000),
                SchemaType.Float64 => random.Next(2) == 0 ? doubles[random.Next(doubles.Count)] : BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEFFFFFFFFFFFFF)),
                SchemaType.Boolean => random.Next(2) == 0,
                SchemaType.String => texts[random.Next(texts.Count)] + random.Next(100),
                _ => NextValue(field.Schema),
            });
        }

        return value;
    }

    private SchemaBuilder StructBuilder(int depth)
    {
        // Nested structs get names of their own: Avro needs a distinct name for every record.
        var builder = SchemaBuilder.Struct().Name(depth == 0 ? "com.example.Random" : $"com.example.Nested{depth}x{random.Next()}");
        var fieldCount = random.Next(1, 9);
        for (var i = 0; i < fieldCount; i++)
        {
            builder.Field(fieldName?.Invoke(random, i) ?? $"f{i}", FieldSchema(depth));
        }

        return builder;
    }

    private Schema FieldSchema(int depth)
    {
        var builder = random.Next(depth < 2 ? 9 : 8) switch
        {
            0 => SchemaBuilder.Int8(),
            1 => SchemaBuilder.Int16(),
            2 => SchemaBuilder.Int32(),
            3 => SchemaBuilder.Int64(),
            4 => SchemaBuilder.Float32(),
            5 => SchemaBuilder.Float64(),
            6 => SchemaBuilder.Boolean(),
            7 => SchemaBuilder.String(),
            _ => StructBuilder(depth + 1),
        };
        if (random.Next(3) == 0)
        {
            builder.Optional();
        }

        return builder.Build();
    }
}
