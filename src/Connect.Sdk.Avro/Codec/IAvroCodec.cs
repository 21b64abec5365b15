using System.Buffers;

namespace Connect.Sdk.Avro.Codec;

/// <summary>
/// The seam between the converter and the Avro implementation: schema parsing and printing, fingerprints, and
/// writers/readers of generic values. Everything above this interface (the Connect mapping, the converter) works with
/// <see cref="AvroSchema"/> and the generic values of <see cref="AvroRecord"/>'s model, so another implementation
/// (such as the Apache Avro library) can be put behind it.
/// </summary>
internal interface IAvroCodec
{
    /// <summary>Parses schema JSON.</summary>
    /// <param name="json">The schema text.</param>
    /// <returns>The schema.</returns>
    AvroSchema Parse(string json);

    /// <summary>The full JSON form of a schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The JSON text.</returns>
    string ToJson(AvroSchema schema);

    /// <summary>The Parsing Canonical Form of a schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The canonical JSON text.</returns>
    string ToCanonicalForm(AvroSchema schema);

    /// <summary>The CRC-64-AVRO fingerprint of a schema's canonical form.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The fingerprint.</returns>
    long Fingerprint(AvroSchema schema);

    /// <summary>A writer of generic values of a schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The writer, reusable and thread-safe.</returns>
    IAvroDatumWriter CreateWriter(AvroSchema schema);

    /// <summary>A reader of data written with one schema, shaped by another.</summary>
    /// <param name="writerSchema">The schema the data was written with.</param>
    /// <param name="readerSchema">The schema to read as, or <see langword="null"/> for the writer schema.</param>
    /// <returns>The reader, reusable and thread-safe.</returns>
    /// <exception cref="AvroResolutionException">The schemas cannot be resolved.</exception>
    IAvroDatumReader CreateReader(AvroSchema writerSchema, AvroSchema? readerSchema = null);
}

/// <summary>Writes generic values of one schema.</summary>
internal interface IAvroDatumWriter
{
    /// <summary>The schema values are written with.</summary>
    AvroSchema Schema { get; }

    /// <summary>Writes one value.</summary>
    /// <param name="datum">The value.</param>
    /// <param name="output">Where the bytes go.</param>
    /// <exception cref="AvroTypeException">The value does not match the schema.</exception>
    void Write(object? datum, IBufferWriter<byte> output);
}

/// <summary>Reads generic values.</summary>
internal interface IAvroDatumReader
{
    /// <summary>The schema the data was written with.</summary>
    AvroSchema WriterSchema { get; }

    /// <summary>The schema values are shaped by.</summary>
    AvroSchema ReaderSchema { get; }

    /// <summary>Reads one value from the start of the data; bytes after it are ignored.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AvroException">The data is truncated or malformed.</exception>
    object? Read(ReadOnlySpan<byte> data);
}

/// <summary>The built-in implementation of <see cref="IAvroCodec"/>.</summary>
internal sealed class AvroCodec : IAvroCodec
{
    /// <summary>The shared instance.</summary>
    public static AvroCodec Instance { get; } = new();

    /// <inheritdoc />
    public AvroSchema Parse(string json) => AvroSchemaParser.Parse(json);

    /// <inheritdoc />
    public string ToJson(AvroSchema schema) => AvroSchemaWriter.ToJson(schema);

    /// <inheritdoc />
    public string ToCanonicalForm(AvroSchema schema) => AvroSchemaWriter.ToCanonicalForm(schema);

    /// <inheritdoc />
    public long Fingerprint(AvroSchema schema) => AvroFingerprint.Of(schema);

    /// <inheritdoc />
    public IAvroDatumWriter CreateWriter(AvroSchema schema) => new DatumWriter(schema);

    /// <inheritdoc />
    public IAvroDatumReader CreateReader(AvroSchema writerSchema, AvroSchema? readerSchema = null) =>
        new DatumReader(GenericDatumReader.Create(writerSchema, readerSchema));

    private sealed class DatumWriter(AvroSchema schema) : IAvroDatumWriter
    {
        public AvroSchema Schema => schema;

        public void Write(object? datum, IBufferWriter<byte> output) =>
            GenericDatumWriter.Write(new AvroBinaryWriter(output), schema, datum);
    }

    private sealed class DatumReader(GenericDatumReader reader) : IAvroDatumReader
    {
        public AvroSchema WriterSchema => reader.WriterSchema;

        public AvroSchema ReaderSchema => reader.ReaderSchema;

        public object? Read(ReadOnlySpan<byte> data) => reader.Read(data);
    }
}
