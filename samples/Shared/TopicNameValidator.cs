using Connect.Sdk.Config;

namespace Connect.Sdk.Samples;

/// <summary>Accepts exactly one legal Kafka topic name, so that a list such as <c>a,b</c> is rejected up front.</summary>
internal sealed class TopicNameValidator : IConfigValidator
{
    private const int MaxLength = 249;

    private TopicNameValidator()
    {
    }

    public static TopicNameValidator Instance { get; } = new();

    public void EnsureValid(string name, object? value)
    {
        if (value is not string topic)
        {
            return;
        }

        if (topic.Length == 0)
        {
            throw new ConfigException(name, value, "String must be non-empty");
        }

        if (topic.Length > MaxLength || topic is "." or ".." || !topic.All(IsLegal))
        {
            throw new ConfigException(name, value, "Must be a single topic name of at most 249 ASCII letters, digits, '.', '_' and '-'");
        }
    }

    public override string ToString() => "a single topic name";

    private static bool IsLegal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
