namespace Connect.Sdk.Config;

/// <summary>
/// Thrown when a configuration is invalid: a required key is missing, a value cannot be parsed into its
/// <see cref="ConfigType"/>, or a validator rejects it. The messages match Kafka's, for example
/// <c>Invalid value abc for configuration tasks.max: Not a number of type INT</c>.
/// </summary>
public class ConfigException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class.</summary>
    public ConfigException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ConfigException(string? message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ConfigException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="ConfigException"/> class for an invalid value of a named
    /// configuration, with the message <c>Invalid value {value} for configuration {name}: {message}</c>.
    /// </summary>
    /// <param name="name">The name of the configuration.</param>
    /// <param name="value">The rejected value; a <see cref="Password"/> is printed as <c>[hidden]</c>.</param>
    /// <param name="message">Why the value is invalid, or <see langword="null"/> to say nothing more.</param>
    public ConfigException(string name, object? value, string? message)
        : base(FormatMessage(name, value, message))
    {
        Name = name;
        Value = value;
    }

    /// <summary>Gets the name of the configuration whose value is invalid.</summary>
    /// <value>The configuration name, or <see langword="null"/> when the error is not about one value.</value>
    public string? Name { get; }

    /// <summary>Gets the rejected value.</summary>
    /// <value>The value as supplied or parsed, or <see langword="null"/>.</value>
    public object? Value { get; }

    private static string FormatMessage(string name, object? value, string? message)
    {
        string text = $"Invalid value {KafkaText.Format(value)} for configuration {name}";
        return message is null ? text : text + ": " + message;
    }
}
