using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Data;
using Connect.Sdk.Errors;
using Connect.Sdk.Transforms;

namespace Acme.Connector;

/// <summary>
/// Replaces the configured string fields of the record key (<see cref="Key"/>) or value (<see cref="Value"/>) with a
/// pseudonym: the hexadecimal HMAC-SHA256 of the text under a secret key. The same text always gets the same
/// pseudonym, so records stay joinable on the field, but the text cannot be read back. Works on structs (the schema
/// is kept) and on schemaless maps; tombstones pass unchanged.
/// </summary>
/// <example>
/// In a connector configuration (use the <c>$Key</c> variant for the record key):
/// <code>
/// transforms=pseudonymize
/// transforms.pseudonymize.type=Acme.Connector.TransformNameTransform$Value
/// transforms.pseudonymize.fields=email,phone
/// transforms.pseudonymize.hmac.key=change-me
/// </code>
/// </example>
/// <typeparam name="TRecord">The record type: source or sink records.</typeparam>
public abstract class TransformNameTransform<TRecord> : ITransformation<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    private readonly RecordPart<TRecord> _part;
    private IReadOnlyList<string> _fields = [];
    private byte[] _key = [];
    private int _digestBytes = TransformNameConfig.DefaultDigestBytes;

    /// <summary>Creates the transform for the record key or value, as <see cref="Key"/> and <see cref="Value"/> do.</summary>
    /// <param name="part">The part of the record to change.</param>
    private protected TransformNameTransform(RecordPart<TRecord> part)
    {
        _part = part;
    }

    /// <inheritdoc />
    public ConfigDef Config => TransformNameConfig.ConfigDef;

    /// <summary>Configures the transform.</summary>
    /// <param name="configs">The settings, without the <c>transforms.&lt;alias&gt;.</c> prefix.</param>
    /// <exception cref="ConfigException">A key is missing or invalid.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new TransformNameConfig(configs);
        _fields = config.Fields;
        _key = Encoding.UTF8.GetBytes(config.HmacKey.Value);
        _digestBytes = config.DigestBytes;
    }

    /// <summary>Pseudonymizes the configured fields of the key or value.</summary>
    /// <param name="record">The record; never changed in place.</param>
    /// <returns>A new record with the fields replaced, or the same record when the key or value is null.</returns>
    /// <exception cref="DataException">The key or value is neither a struct nor a map, or a configured field holds
    /// something other than text. The connector's <c>errors.tolerance</c> decides whether that fails the task.</exception>
    public TRecord? Apply(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _part.ValueOf(record) switch
        {
            null => record,
            Struct value => _part.With(record, _part.SchemaOf(record), Pseudonymize(value)),
            IDictionary map => _part.With(record, _part.SchemaOf(record), Pseudonymize(map)),
            var other => throw new DataException(
                $"{GetType().Name} needs a struct or a map in the record {_part.Name}, but the {_part.Name} of a record of topic '{record.Topic}' is a {other.GetType().Name}."),
        };
    }

    /// <summary>Releases nothing: the transform holds no unmanaged resources.</summary>
    public void Dispose() => GC.SuppressFinalize(this);

    private Struct Pseudonymize(Struct value)
    {
        var result = new Struct(value.Schema);
        foreach (var field in value.Schema.Fields)
        {
            var current = value.Get(field);
            result.Put(field, _fields.Contains(field.Name) ? PseudonymOf(field.Name, current) : current);
        }

        return result;
    }

    private Dictionary<string, object?> Pseudonymize(IDictionary map)
    {
        var result = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
        {
            var name = entry.Key as string ?? throw new DataException($"{GetType().Name} needs a map with string keys in the record {_part.Name}.");
            result[name] = _fields.Contains(name) ? PseudonymOf(name, entry.Value) : entry.Value;
        }

        return result;
    }

    private string? PseudonymOf(string field, object? value) => value switch
    {
        null => null,
        string text => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)).AsSpan(0, _digestBytes)),
        _ => throw new DataException(
            $"{GetType().Name} can only pseudonymize text, but field '{field}' of the record {_part.Name} holds a {value.GetType().Name}. Remove it from '{TransformNameConfig.FieldsConfig}'."),
    };

    /// <summary>Pseudonymizes fields of the record key (Kafka's naming: <c>TransformNameTransform$Key</c>).</summary>
    public sealed class Key() : TransformNameTransform<TRecord>(RecordPart<TRecord>.Key);

    /// <summary>Pseudonymizes fields of the record value (Kafka's naming: <c>TransformNameTransform$Value</c>).</summary>
    public sealed class Value() : TransformNameTransform<TRecord>(RecordPart<TRecord>.Value);
}
