using Connect.Sdk.Data;

namespace Acme.Connector;

/// <summary>
/// The key and value schemas of the records. Both are structs with fully qualified names and documentation on
/// the schema and every field: converters such as Avro turn them into named, documented types, and a struct key
/// can gain fields later without breaking the readers of existing data.
/// </summary>
public static class ConnectorNameSchemas
{
    /// <summary>The namespace of the schema names.</summary>
    public const string Namespace = "acme.connector";

    /// <summary>The stream field (key and value).</summary>
    public const string StreamField = "stream";

    /// <summary>The sequence number field (key and value).</summary>
    public const string SequenceField = "sequence";

    /// <summary>The text field.</summary>
    public const string TextField = "text";

    /// <summary>The creation time field.</summary>
    public const string CreatedAtField = "created_at";

    /// <summary>Gets the key schema, <c>acme.connector.MessageKey</c>: what identifies a message.</summary>
    public static Schema MessageKey { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".MessageKey")
        .Version(1)
        .Doc("Identifies a message: the stream it belongs to and its sequence number in that stream.")
        .Field(StreamField, SchemaBuilder.String().Doc("Name of the stream the message was read from.").Build())
        .Field(SequenceField, SchemaBuilder.Int64().Doc("Position of the message in its stream, from 0.").Build())
        .Build();

    /// <summary>Gets the value schema, <c>acme.connector.Message</c>.</summary>
    public static Schema Message { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".Message")
        .Version(1)
        .Doc("A message read from the source system.")
        .Field(StreamField, SchemaBuilder.String().Doc("Name of the stream the message was read from.").Build())
        .Field(SequenceField, SchemaBuilder.Int64().Doc("Position of the message in its stream, from 0; the same as in the key.").Build())
        .Field(TextField, SchemaBuilder.String().Doc("The message text.").Build())
        .Field(CreatedAtField, ConnectTimestamp.Builder().Doc("When the source system created the message (UTC).").Build())
        .Build();
}
