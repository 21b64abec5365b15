using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connect.Sdk.Samples.Twitter;

/// <summary>
/// Signs requests with OAuth 1.0a (RFC 5849) and HMAC-SHA1, the scheme Twitter's v1.1 API used for user context:
/// the consumer and token secrets only key the signature and never leave the process.
/// </summary>
internal sealed class OAuth1Signer(string consumerKey, string consumerSecret, string token, string tokenSecret)
{
    public const string SignatureMethod = "HMAC-SHA1";
    public const string Version = "1.0";

    /// <summary>The value of the <c>Authorization</c> header for a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The full request URL, with its query string.</param>
    /// <param name="nonce">A value unique to this request.</param>
    /// <param name="timestamp">Seconds since the Unix epoch.</param>
    public string AuthorizationHeader(string method, Uri url, string nonce, long timestamp)
    {
        var oauth = OAuthParameters(nonce, timestamp);
        var signature = Signature(method, url, QueryParameters(url).Concat(oauth));
        var header = new StringBuilder("OAuth ");
        foreach (var (name, value) in oauth.Append(("oauth_signature", signature)).OrderBy(p => p.Item1, StringComparer.Ordinal))
        {
            header.Append(Encode(name)).Append("=\"").Append(Encode(value)).Append("\", ");
        }

        return header.ToString(0, header.Length - 2);
    }

    /// <summary>The base64 HMAC-SHA1 signature of a request over all its parameters (query, form body and oauth_*
    /// parameters other than the signature itself).</summary>
    public string Signature(string method, Uri url, IEnumerable<(string Name, string Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(url);
        var normalized = string.Join(
            '&',
            parameters
                .Select(p => (Name: Encode(p.Name), Value: Encode(p.Value)))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + p.Value));
        var baseString = string.Concat(method.ToUpperInvariant(), "&", Encode(BaseUrl(url)), "&", Encode(normalized));
        var key = Encode(consumerSecret) + "&" + Encode(tokenSecret);
#pragma warning disable CA5350 // OAuth 1.0a defines HMAC-SHA1 as its signature method; the server decides, not us.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(baseString));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>The oauth_* protocol parameters of a request, without the signature.</summary>
    public IReadOnlyList<(string Name, string Value)> OAuthParameters(string nonce, long timestamp) =>
    [
        ("oauth_consumer_key", consumerKey),
        ("oauth_nonce", nonce),
        ("oauth_signature_method", SignatureMethod),
        ("oauth_timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
        ("oauth_token", token),
        ("oauth_version", Version),
    ];

    /// <summary>The decoded name/value pairs of a URL's query string.</summary>
    public static IEnumerable<(string Name, string Value)> QueryParameters(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
    }

    /// <summary>RFC 3986 percent-encoding as OAuth 1.0a requires: everything but <c>A-Z a-z 0-9 - . _ ~</c> is
    /// encoded as UTF-8 bytes in upper-case hex.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Scheme and host in lower case, the port only when it is not the scheme's default, and the path.</summary>
    private static string BaseUrl(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant() + url.AbsolutePath;
}
