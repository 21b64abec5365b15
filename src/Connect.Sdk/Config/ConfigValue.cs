using System.Text;

namespace Connect.Sdk.Config;

/// <summary>
/// The outcome of validating one configuration: its parsed value, suggested values, error messages and visibility.
/// <see cref="ConfigDef.Validate"/> returns one per defined key; a connector may add its own errors before the
/// results are reported (for example through the <c>config/validate</c> REST endpoint).
/// </summary>
public sealed class ConfigValue
{
    private readonly List<string> _errorMessages;
    private IReadOnlyList<object> _recommendedValues;

    /// <summary>Initializes a new instance of the <see cref="ConfigValue"/> class with no value, suggestions or errors.</summary>
    /// <param name="name">The name of the configuration.</param>
    public ConfigValue(string name)
        : this(name, null, [], [])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigValue"/> class.</summary>
    /// <param name="name">The name of the configuration.</param>
    /// <param name="value">The parsed value.</param>
    /// <param name="recommendedValues">The suggested values.</param>
    /// <param name="errorMessages">The error messages found so far.</param>
    public ConfigValue(string name, object? value, IEnumerable<object> recommendedValues, IEnumerable<string> errorMessages)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(recommendedValues);
        ArgumentNullException.ThrowIfNull(errorMessages);
        Name = name;
        Value = value;
        _recommendedValues = [.. recommendedValues];
        _errorMessages = [.. errorMessages];
    }

    /// <summary>Gets the name of the configuration.</summary>
    /// <value>The configuration name.</value>
    public string Name { get; }

    /// <summary>Gets or sets the parsed value.</summary>
    /// <value>The value parsed from the supplied configuration or the default; <see langword="null"/> when it is missing or could not be parsed.</value>
    public object? Value { get; set; }

    /// <summary>Gets or sets the values a user interface should offer.</summary>
    /// <value>The recommender's suggestions. The default is an empty list.</value>
    public IReadOnlyList<object> RecommendedValues
    {
        get => _recommendedValues;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _recommendedValues = [.. value];
        }
    }

    /// <summary>Gets the error messages for this configuration.</summary>
    /// <value>The messages, in the order they were found; empty when the value is valid.</value>
    public IReadOnlyList<string> ErrorMessages => _errorMessages;

    /// <summary>Gets or sets a value indicating whether the configuration applies and should be shown.</summary>
    /// <value>The recommender's answer. The default is <see langword="true"/>.</value>
    public bool Visible { get; set; } = true;

    /// <summary>Adds an error message for this configuration.</summary>
    /// <param name="errorMessage">The message, e.g. a <see cref="ConfigException"/>'s.</param>
    public void AddErrorMessage(string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(errorMessage);
        _errorMessages.Add(errorMessage);
    }

    /// <summary>
    /// Describes the result as Kafka does: <c>[name,value,[suggestions],[errors],visible]</c>. A
    /// <see cref="Password"/> value is printed as <c>[hidden]</c>.
    /// </summary>
    /// <returns>The description.</returns>
    public override string ToString() => new StringBuilder()
        .Append('[').Append(Name)
        .Append(',').Append(KafkaText.Format(Value))
        .Append(',').Append(KafkaText.Format(_recommendedValues))
        .Append(',').Append(KafkaText.Format(_errorMessages))
        .Append(',').Append(KafkaText.Format(Visible))
        .Append(']')
        .ToString();
}
