using Connect.Sdk.Config;

namespace Acme.Connector;

/// <summary>
/// The configuration of <see cref="TransformNameTransform{TRecord}"/>: a <see cref="ConfigDef"/> that documents and
/// validates every key, and typed getters. In a connector configuration the keys carry the transform's prefix:
/// <c>transforms.pseudonymize.fields=email</c>.
/// </summary>
public sealed class TransformNameConfig : AbstractConfig
{
    /// <summary>The fields to pseudonymize.</summary>
    public const string FieldsConfig = "fields";

    /// <summary>The secret key of the keyed hash.</summary>
    public const string HmacKeyConfig = "hmac.key";

    /// <summary>How many bytes of the hash the pseudonym keeps.</summary>
    public const string DigestBytesConfig = "digest.bytes";

    /// <summary>The default of <see cref="DigestBytesConfig"/>.</summary>
    public const int DefaultDigestBytes = 16;

    private const string FieldsDoc =
        "The fields to pseudonymize, separated by commas: top-level fields of a struct, or keys of a map, that hold "
        + "strings. Fields a record does not have are left alone.";
    private const string HmacKeyDoc =
        "The secret key of the HMAC-SHA256 that turns a value into its pseudonym: the same value and key always give the "
        + "same pseudonym, so data stays joinable, and without the key pseudonyms cannot be traced back. A secret (type "
        + "PASSWORD): logs and the REST API show [hidden].";
    private const string DigestBytesDoc =
        "How many bytes of the HMAC the pseudonym keeps; the pseudonym is their hexadecimal text, twice as many characters.";

    // Declared before ConfigDef, which uses it: static initializers run in order.
    private static IConfigValidator NonEmptyPassword { get; } = LambdaValidator.With(
        (name, value) =>
        {
            if (value is Password { Value.Length: 0 })
            {
                throw new ConfigException(name, value, "Must not be empty");
            }
        },
        () => "a non-empty secret");

    private static IConfigValidator NonEmptyList { get; } = LambdaValidator.With(
        (name, value) =>
        {
            if (value is IReadOnlyList<string> list && (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace)))
            {
                throw new ConfigException(name, value, "Must name at least one field, and no field may be empty");
            }
        },
        () => "a non-empty list of field names");

    /// <summary>Initializes a new instance of the <see cref="TransformNameConfig"/> class.</summary>
    /// <param name="props">The transform's settings, without the <c>transforms.&lt;alias&gt;.</c> prefix.</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names it.</exception>
    public TransformNameConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
    }

    /// <summary>Gets the definition of the keys: types, defaults, validators, importance and documentation.</summary>
    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, NonEmptyList, Importance.High, FieldsDoc)
        .Define(HmacKeyConfig, ConfigType.Password, ConfigDef.NoDefaultValue, NonEmptyPassword, Importance.High, HmacKeyDoc)
        .Define(DigestBytesConfig, ConfigType.Int, DefaultDigestBytes, RangeValidator.Between(8, 32), Importance.Low, DigestBytesDoc);

    /// <summary>Gets the fields to pseudonymize.</summary>
    public IReadOnlyList<string> Fields => GetList(FieldsConfig)!;

    /// <summary>Gets the secret key. Read <see cref="Password.Value"/> only where the hash is computed.</summary>
    public Password HmacKey => GetPassword(HmacKeyConfig)!;

    /// <summary>Gets how many bytes of the hash the pseudonym keeps.</summary>
    /// <value>The default is <see cref="DefaultDigestBytes"/>.</value>
    public int DigestBytes => GetInt(DigestBytesConfig);
}
