namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// Reads Avro binary data written with a writer schema into generic values shaped by a reader schema, applying the
/// specification's schema resolution rules (promotions, added fields with defaults, removed fields skipped, enum
/// symbol mapping, unions). The plan is compiled once per schema pair and reused for every value.
/// </summary>
internal sealed class GenericDatumReader
{
    private readonly ReadPlan _plan;

    private GenericDatumReader(AvroSchema writerSchema, AvroSchema readerSchema, ReadPlan plan)
    {
        WriterSchema = writerSchema;
        ReaderSchema = readerSchema;
        _plan = plan;
    }

    /// <summary>The schema the data was written with.</summary>
    public AvroSchema WriterSchema { get; }

    /// <summary>The schema the values are shaped by.</summary>
    public AvroSchema ReaderSchema { get; }

    /// <summary>Compiles a reader.</summary>
    /// <param name="writerSchema">The schema the data was written with.</param>
    /// <param name="readerSchema">The schema to read as, or <see langword="null"/> for the writer schema.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="AvroResolutionException">The schemas cannot be resolved; the message names the field and types.</exception>
    public static GenericDatumReader Create(AvroSchema writerSchema, AvroSchema? readerSchema = null)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        readerSchema ??= writerSchema;
        return new GenericDatumReader(writerSchema, readerSchema, new ReadPlanCompiler().Compile(writerSchema, readerSchema, null));
    }

    /// <summary>Reads one value from the start of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The data is truncated or malformed.</exception>
    public object? Read(ReadOnlySpan<byte> data)
    {
        var reader = new AvroBinaryReader(data);
        return _plan.Read(ref reader);
    }

    /// <summary>Reads one value from a reader positioned at its start.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public object? Read(ref AvroBinaryReader reader) => _plan.Read(ref reader);

    /// <summary>Skips one value written with <paramref name="schema"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="schema">The writer schema of the value.</param>
    public static void Skip(ref AvroBinaryReader reader, AvroSchema schema)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                break;
            case AvroType.Boolean:
                reader.Skip(1);
                break;
            case AvroType.Int:
            case AvroType.Enum:
                reader.ReadInt();
                break;
            case AvroType.Long:
                reader.ReadLong();
                break;
            case AvroType.Float:
                reader.Skip(4);
                break;
            case AvroType.Double:
                reader.Skip(8);
                break;
            case AvroType.Bytes:
            case AvroType.String:
                reader.SkipBytes();
                break;
            case AvroType.Fixed:
                reader.Skip(((FixedSchema)schema).Size);
                break;
            case AvroType.Record:
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    Skip(ref reader, field.Schema);
                }

                break;
            case AvroType.Array:
                SkipBlocks(ref reader, ((ArraySchema)schema).Items, isMap: false);
                break;
            case AvroType.Map:
                SkipBlocks(ref reader, ((MapSchema)schema).Values, isMap: true);
                break;
            case AvroType.Union:
                var union = (UnionSchema)schema;
                Skip(ref reader, union.Branches[reader.ReadUnionIndex(union.Branches.Count)]);
                break;
            default:
                throw new AvroException($"Unknown schema type {schema.Type}.");
        }
    }

    private static void SkipBlocks(ref AvroBinaryReader reader, AvroSchema itemSchema, bool isMap)
    {
        while (true)
        {
            var count = reader.ReadBlockCount(out var byteSize);
            if (count == 0)
            {
                return;
            }

            if (byteSize >= 0)
            {
                reader.Skip((int)byteSize);
                continue;
            }

            for (var i = 0L; i < count; i++)
            {
                if (isMap)
                {
                    reader.SkipBytes();
                }

                Skip(ref reader, itemSchema);
            }
        }
    }
}

/// <summary>A compiled step that reads one value of a writer schema as a value of a reader schema.</summary>
internal abstract class ReadPlan
{
    public abstract object? Read(ref AvroBinaryReader reader);
}

/// <summary>Builds <see cref="ReadPlan"/>s following the specification's "Schema Resolution" section.</summary>
internal sealed class ReadPlanCompiler
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), RecordPlan> _records = [];

    public ReadPlan Compile(AvroSchema writer, AvroSchema reader, string? path)
    {
        if (writer is UnionSchema writerUnion)
        {
            // Each writer branch is resolved on its own; a branch with no match only fails if it is actually written.
            var plans = new ReadPlan[writerUnion.Branches.Count];
            for (var i = 0; i < plans.Length; i++)
            {
                try
                {
                    plans[i] = Compile(writerUnion.Branches[i], reader, path);
                }
                catch (AvroResolutionException e)
                {
                    plans[i] = new ErrorPlan(e.Message);
                }
            }

            return new WriterUnionPlan(plans);
        }

        if (reader is UnionSchema readerUnion)
        {
            var branch = FindReaderBranch(writer, readerUnion)
                ?? throw Fail(path, $"the writer's {Describe(writer)} matches no branch of the reader's union {AvroSchemaWriter.ToJson(readerUnion)}");
            return Compile(writer, branch, path);
        }

        switch (reader.Type)
        {
            case AvroType.Null when writer.Type == AvroType.Null:
                return NullPlan.Instance;
            case AvroType.Boolean when writer.Type == AvroType.Boolean:
                return BooleanPlan.Instance;
            case AvroType.Int when writer.Type == AvroType.Int:
                return IntPlan.Instance;
            case AvroType.Long:
                return writer.Type switch
                {
                    AvroType.Long => LongPlan.Instance,
                    AvroType.Int => new PromotePlan(IntPlan.Instance, v => (long)(int)v!),
                    _ => throw Mismatch(writer, reader, path),
                };
            case AvroType.Float:
                return writer.Type switch
                {
                    AvroType.Float => FloatPlan.Instance,
                    AvroType.Int => new PromotePlan(IntPlan.Instance, v => (float)(int)v!),
                    AvroType.Long => new PromotePlan(LongPlan.Instance, v => (float)(long)v!),
                    _ => throw Mismatch(writer, reader, path),
                };
            case AvroType.Double:
                return writer.Type switch
                {
                    AvroType.Double => DoublePlan.Instance,
                    AvroType.Int => new PromotePlan(IntPlan.Instance, v => (double)(int)v!),
                    AvroType.Long => new PromotePlan(LongPlan.Instance, v => (double)(long)v!),
                    AvroType.Float => new PromotePlan(FloatPlan.Instance, v => (double)(float)v!),
                    _ => throw Mismatch(writer, reader, path),
                };
            case AvroType.Bytes:
                return writer.Type switch
                {
                    AvroType.Bytes => BytesPlan.Instance,
                    AvroType.String => BytesPlan.Instance, // the same encoding: a length and the UTF-8 bytes
                    _ => throw Mismatch(writer, reader, path),
                };
            case AvroType.String:
                return writer.Type switch
                {
                    AvroType.String => StringPlan.Instance,
                    AvroType.Bytes => StringPlan.Instance,
                    _ => throw Mismatch(writer, reader, path),
                };
            case AvroType.Fixed when writer is FixedSchema writerFixed:
                var readerFixed = (FixedSchema)reader;
                if (!readerFixed.MatchesName(writerFixed) || readerFixed.Size != writerFixed.Size)
                {
                    throw Fail(path, $"the writer's fixed '{writerFixed.FullName}' ({writerFixed.Size} bytes) does not match the reader's fixed '{readerFixed.FullName}' ({readerFixed.Size} bytes)");
                }

                return new FixedPlan(readerFixed);
            case AvroType.Enum when writer is EnumSchema writerEnum:
                return CompileEnum(writerEnum, (EnumSchema)reader, path);
            case AvroType.Array when writer is ArraySchema writerArray:
                return new ArrayPlan(Compile(writerArray.Items, ((ArraySchema)reader).Items, path));
            case AvroType.Map when writer is MapSchema writerMap:
                return new MapPlan(Compile(writerMap.Values, ((MapSchema)reader).Values, path));
            case AvroType.Record when writer is RecordSchema writerRecord:
                return CompileRecord(writerRecord, (RecordSchema)reader, path);
            default:
                throw Mismatch(writer, reader, path);
        }
    }

    private static AvroSchema? FindReaderBranch(AvroSchema writer, UnionSchema readerUnion)
    {
        // Prefer a branch of the same type (and name), then one the writer's type promotes to.
        foreach (var branch in readerUnion.Branches)
        {
            if (branch.Type == writer.Type && (branch is not NamedSchema named || named.MatchesName((NamedSchema)writer)))
            {
                return branch;
            }
        }

        foreach (var branch in readerUnion.Branches)
        {
            var promotable = (writer.Type, branch.Type) switch
            {
                (AvroType.Int, AvroType.Long or AvroType.Float or AvroType.Double) => true,
                (AvroType.Long, AvroType.Float or AvroType.Double) => true,
                (AvroType.Float, AvroType.Double) => true,
                (AvroType.String, AvroType.Bytes) or (AvroType.Bytes, AvroType.String) => true,
                _ => false,
            };
            if (promotable)
            {
                return branch;
            }
        }

        return null;
    }

    private static EnumPlan CompileEnum(EnumSchema writer, EnumSchema reader, string? path)
    {
        if (!reader.MatchesName(writer))
        {
            throw Fail(path, $"the writer's enum '{writer.FullName}' does not match the reader's enum '{reader.FullName}'");
        }

        var symbols = new AvroEnumSymbol?[writer.Symbols.Count];
        var defaultSymbol = reader.Default is null ? null : new AvroEnumSymbol(reader, reader.Default);
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = reader.IndexOf(writer.Symbols[i]) >= 0 ? new AvroEnumSymbol(reader, writer.Symbols[i]) : defaultSymbol;
        }

        return new EnumPlan(writer, reader, symbols);
    }

    private RecordPlan CompileRecord(RecordSchema writer, RecordSchema reader, string? path)
    {
        if (!reader.MatchesName(writer))
        {
            throw Fail(path, $"the writer's record '{writer.FullName}' does not match the reader's record '{reader.FullName}'");
        }

        if (_records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        var plan = new RecordPlan(reader);
        _records[(writer, reader)] = plan;
        var steps = new RecordPlan.Step[writer.Fields.Count];
        var matched = new bool[reader.Fields.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var writerField = writer.Fields[i];
            var readerField = FindReaderField(reader, writerField);
            if (readerField is null)
            {
                steps[i] = new RecordPlan.Step(-1, null, writerField.Schema);
                continue;
            }

            matched[readerField.Position] = true;
            var fieldPath = path is null ? readerField.Name : path + "." + readerField.Name;
            steps[i] = new RecordPlan.Step(readerField.Position, Compile(writerField.Schema, readerField.Schema, fieldPath), writerField.Schema);
        }

        var defaults = new List<(int Position, object? Value)>();
        foreach (var readerField in reader.Fields)
        {
            if (matched[readerField.Position])
            {
                continue;
            }

            var fieldPath = path is null ? readerField.Name : path + "." + readerField.Name;
            if (readerField.DefaultValue is not { } json)
            {
                throw Fail(fieldPath, $"the reader's record '{reader.FullName}' has a field '{readerField.Name}' that the writer's record '{writer.FullName}' lacks, and it has no default value");
            }

            object? value;
            try
            {
                value = AvroDefaults.ToGeneric(json, readerField.Schema);
            }
            catch (AvroException e)
            {
                throw Fail(fieldPath, e.Message);
            }

            defaults.Add((readerField.Position, value));
        }

        plan.Initialize(steps, [.. defaults]);
        return plan;
    }

    private static AvroField? FindReaderField(RecordSchema reader, AvroField writerField)
    {
        var direct = reader.GetField(writerField.Name);
        if (direct is not null)
        {
            return direct;
        }

        foreach (var field in reader.Fields)
        {
            foreach (var alias in field.Aliases)
            {
                if (alias == writerField.Name)
                {
                    return field;
                }
            }
        }

        return null;
    }

    private static AvroResolutionException Mismatch(AvroSchema writer, AvroSchema reader, string? path) =>
        Fail(path, $"the writer's {Describe(writer)} cannot be read as the reader's {Describe(reader)}");

    private static AvroResolutionException Fail(string? path, string message) =>
        new(path is null ? $"Cannot resolve the schemas: {message}." : $"Cannot resolve the schemas at field '{path}': {message}.");

    private static string Describe(AvroSchema schema) =>
        schema is NamedSchema named ? $"{AvroSchema.TypeName(schema.Type)} '{named.FullName}'" : $"'{AvroSchema.TypeName(schema.Type)}'";
}

internal sealed class NullPlan : ReadPlan
{
    public static readonly NullPlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => null;
}

internal sealed class BooleanPlan : ReadPlan
{
    public static readonly BooleanPlan Instance = new();
    private static readonly object True = true;
    private static readonly object False = false;

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadBoolean() ? True : False;
}

internal sealed class IntPlan : ReadPlan
{
    public static readonly IntPlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadInt();
}

internal sealed class LongPlan : ReadPlan
{
    public static readonly LongPlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadLong();
}

internal sealed class FloatPlan : ReadPlan
{
    public static readonly FloatPlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadFloat();
}

internal sealed class DoublePlan : ReadPlan
{
    public static readonly DoublePlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadDouble();
}

internal sealed class BytesPlan : ReadPlan
{
    public static readonly BytesPlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadBytes();
}

internal sealed class StringPlan : ReadPlan
{
    public static readonly StringPlan Instance = new();

    public override object? Read(ref AvroBinaryReader reader) => reader.ReadString();
}

internal sealed class PromotePlan(ReadPlan inner, Func<object?, object?> promote) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader) => promote(inner.Read(ref reader));
}

internal sealed class FixedPlan(FixedSchema schema) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader) => new AvroFixed(schema, reader.ReadFixed(schema.Size));
}

internal sealed class EnumPlan(EnumSchema writer, EnumSchema reader, AvroEnumSymbol?[] symbols) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader1)
    {
        var offset = reader1.Position;
        var index = reader1.ReadEnum();
        if (index < 0 || index >= symbols.Length)
        {
            throw new AvroException($"Invalid enum index {index} at offset {offset}; the enum '{writer.FullName}' has {symbols.Length} symbols.");
        }

        return symbols[index] ?? throw new AvroResolutionException(
            $"The writer's symbol '{writer.Symbols[index]}' is not a symbol of the reader's enum '{reader.FullName}', which has no default.");
    }
}

internal sealed class ArrayPlan(ReadPlan items) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        var list = new List<object?>();
        while (true)
        {
            var count = reader.ReadBlockCount(out _);
            if (count == 0)
            {
                return list;
            }

            for (var i = 0L; i < count; i++)
            {
                list.Add(items.Read(ref reader));
            }
        }
    }
}

internal sealed class MapPlan(ReadPlan values) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            var count = reader.ReadBlockCount(out _);
            if (count == 0)
            {
                return map;
            }

            for (var i = 0L; i < count; i++)
            {
                var key = reader.ReadString();
                map[key] = values.Read(ref reader);
            }
        }
    }
}

internal sealed class WriterUnionPlan(ReadPlan[] branches) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader) => branches[reader.ReadUnionIndex(branches.Length)].Read(ref reader);
}

internal sealed class ErrorPlan(string message) : ReadPlan
{
    public override object? Read(ref AvroBinaryReader reader) => throw new AvroResolutionException(message);
}

internal sealed class RecordPlan(RecordSchema reader) : ReadPlan
{
    private Step[] _steps = [];
    private (int Position, object? Value)[] _defaults = [];

    public void Initialize(Step[] steps, (int Position, object? Value)[] defaults)
    {
        _steps = steps;
        _defaults = defaults;
    }

    public override object? Read(ref AvroBinaryReader reader1)
    {
        var record = new AvroRecord(reader);
        foreach (var step in _steps)
        {
            if (step.Plan is null)
            {
                GenericDatumReader.Skip(ref reader1, step.WriterSchema);
            }
            else
            {
                record.Values[step.ReaderPosition] = step.Plan.Read(ref reader1);
            }
        }

        foreach (var (position, value) in _defaults)
        {
            record.Values[position] = AvroDefaults.Copy(value);
        }

        return record;
    }

    public readonly record struct Step(int ReaderPosition, ReadPlan? Plan, AvroSchema WriterSchema);
}
