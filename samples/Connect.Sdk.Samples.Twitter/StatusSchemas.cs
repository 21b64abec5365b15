using Connect.Sdk.Data;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>The schemas of the records: a struct key on the status id (so fields can be added later without breaking
/// readers or compaction) and a struct value, each with a fully qualified name and documentation on every field.</summary>
public static class StatusSchemas
{
    /// <summary>The namespace of the schema names.</summary>
    public const string Namespace = "io.connect.sdk.samples.twitter";

    /// <summary>The status id field (key and value), and the user id field of <see cref="User"/>.</summary>
    public const string IdField = "id";

    /// <summary>The creation time field.</summary>
    public const string CreatedAtField = "created_at";

    /// <summary>The text field.</summary>
    public const string TextField = "text";

    /// <summary>The user field.</summary>
    public const string UserField = "user";

    /// <summary>The matched keyword field.</summary>
    public const string KeywordField = "keyword";

    /// <summary>The screen name field of <see cref="User"/>.</summary>
    public const string ScreenNameField = "screen_name";

    /// <summary>Gets the key schema, <c>io.connect.sdk.samples.twitter.StatusKey</c>.</summary>
    public static Schema StatusKey { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".StatusKey")
        .Version(1)
        .Doc("Key for a status: its id. Statuses spread evenly over partitions by id; key by user id instead when one user's statuses must stay in order.")
        .Field(IdField, SchemaBuilder.Int64().Doc("Unique id of the status, as assigned by the API.").Build())
        .Build();

    /// <summary>Gets the schema of the author, <c>io.connect.sdk.samples.twitter.User</c>.</summary>
    public static Schema User { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".User")
        .Version(1)
        .Doc("The account that posted a status.")
        .Field(IdField, SchemaBuilder.Int64().Doc("Unique id of the account; it never changes.").Build())
        .Field(ScreenNameField, SchemaBuilder.String().Doc("The handle of the account, without the leading @; the owner can change it.").Build())
        .Build();

    /// <summary>Gets the value schema, <c>io.connect.sdk.samples.twitter.Status</c>.</summary>
    public static Schema Status { get; } = SchemaBuilder.Struct()
        .Name(Namespace + ".Status")
        .Version(1)
        .Doc("A status (tweet) returned by a keyword search.")
        .Field(IdField, SchemaBuilder.Int64().Doc("Unique id of the status; the same as in the key. Ids grow over time.").Build())
        .Field(CreatedAtField, ConnectTimestamp.Builder().Doc("When the status was posted (UTC).").Build())
        .Field(TextField, SchemaBuilder.String().Doc("The text of the status.").Build())
        .Field(UserField, User)
        .Field(KeywordField, SchemaBuilder.String().Doc("The filter keyword whose search returned the status. A status that matches several keywords is written once per keyword, with the same key.").Build())
        .Build();
}
