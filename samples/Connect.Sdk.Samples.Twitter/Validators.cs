using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>Accepts an absolute <c>http</c> or <c>https</c> URL without a query string.</summary>
internal sealed class HttpUrlValidator : IConfigValidator
{
    private HttpUrlValidator()
    {
    }

    public static HttpUrlValidator Instance { get; } = new();

    public void EnsureValid(string name, object? value)
    {
        if (value is not string text)
        {
            return;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException(name, value, "Must be an absolute http or https URL");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new ConfigException(name, value, "Must not have a query string or fragment; the task adds the query");
        }
    }

    public override string ToString() => "an absolute http or https URL";
}

/// <summary>Accepts a list of at least one keyword, none of them blank.</summary>
internal sealed class KeywordListValidator : IConfigValidator
{
    private KeywordListValidator()
    {
    }

    public static KeywordListValidator Instance { get; } = new();

    public void EnsureValid(string name, object? value)
    {
        if (value is not IReadOnlyList<string> keywords)
        {
            return;
        }

        if (keywords.Count == 0)
        {
            throw new ConfigException(name, value, "At least one keyword is required");
        }

        if (keywords.Any(string.IsNullOrWhiteSpace))
        {
            throw new ConfigException(name, value, "Keywords must not be empty");
        }
    }

    public override string ToString() => "a non-empty list of keywords";
}
