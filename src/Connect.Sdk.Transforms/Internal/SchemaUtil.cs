using Connect.Sdk.Data;

namespace Connect.Sdk.Transforms.Internal;

/// <summary>Schema helpers shared by the transforms, like Kafka's <c>SchemaUtil</c>.</summary>
internal static class SchemaUtil
{
    /// <summary>Copies the name, version, doc and parameters of <paramref name="source"/> onto <paramref name="builder"/>.</summary>
    public static SchemaBuilder CopyBasics(Schema source, SchemaBuilder builder)
    {
        if (source.Name is not null)
        {
            builder.Name(source.Name);
        }

        if (source.Version is { } version)
        {
            builder.Version(version);
        }

        if (source.Doc is not null)
        {
            builder.Doc(source.Doc);
        }

        if (source.Parameters is not null)
        {
            builder.Parameters(source.Parameters);
        }

        return builder;
    }

    /// <summary>A struct builder with the basics of <paramref name="source"/>.</summary>
    public static SchemaBuilder CopyStructBasics(Schema source) => CopyBasics(source, SchemaBuilder.Struct());

    /// <summary>A builder for a schema like <paramref name="source"/> (same type, element schemas and basics), without
    /// optionality, default or fields.</summary>
    public static SchemaBuilder CopyBasics(Schema source) => SchemaBuilder.CopyBasics(source);

    /// <summary>Whether a schema is one of the Date, Time and Timestamp logical types.</summary>
    public static bool IsTemporal(Schema schema) =>
        schema.Name is ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName;
}
