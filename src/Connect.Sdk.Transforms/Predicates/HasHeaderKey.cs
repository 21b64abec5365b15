using System.ComponentModel;
using Connect.Sdk.Config;
using Connect.Sdk.Connectors;
using Connect.Sdk.Transforms.Internal;

namespace Connect.Sdk.Transforms.Predicates;

/// <summary>
/// True for records with at least one header of a name (Kafka's
/// <c>org.apache.kafka.connect.transforms.predicates.HasHeaderKey</c>): <c>name=x-debug</c>.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
[Description(OverviewDoc)]
public sealed class HasHeaderKey<TRecord> : IPredicate<TRecord>
    where TRecord : ConnectRecord<TRecord>
{
    internal const string OverviewDoc = "A predicate which is true for records with at least one header with the configured name.";

    private const string NameConfig = "name";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(NameConfig, ConfigType.String, ConfigDef.NoDefaultValue, NonEmptyString.Instance, Importance.Medium, "The header name.");

    private string _name = string.Empty;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <summary>Configures the predicate from <c>name</c>.</summary>
    /// <param name="configs">The settings.</param>
    /// <exception cref="ConfigException"><c>name</c> is missing or empty.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigSupport.Parse(Definition, configs);
        _name = config.GetString(NameConfig)!;
    }

    /// <inheritdoc />
    public bool Test(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Headers.LastWithName(_name) is not null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"HasHeaderKey{{name='{_name}'}}";
}
