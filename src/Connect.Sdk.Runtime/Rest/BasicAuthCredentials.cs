using System.Security.Cryptography;
using System.Text;
using Connect.Sdk.Config;
using Microsoft.AspNetCore.Http;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>
/// The users of <c>rest.basic.auth.credentials.file</c>, the counterpart of the property file Kafka's
/// BasicAuthSecurityRestExtension reads through its PropertyFileLoginModule. Each line is <c>user: password</c> (or
/// <c>user=password</c>); blank lines and lines starting with <c>#</c> or <c>!</c> are ignored, and spaces around the
/// user and the password are trimmed. Escapes and line continuations of Java properties are not supported.
/// </summary>
internal sealed class BasicAuthCredentials
{
    /// <summary>The message Kafka's basic authentication filter answers unauthenticated requests with.</summary>
    public const string UnauthorizedMessage = "User cannot access the resource.";

    private readonly Dictionary<string, byte[]> _passwordHashes;

    private BasicAuthCredentials(Dictionary<string, byte[]> passwordHashes)
    {
        _passwordHashes = passwordHashes;
    }

    public int Count => _passwordHashes.Count;

    public static BasicAuthCredentials Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(RestServerConfig.BasicAuthCredentialsFileConfig, path, $"the file cannot be read: {e.Message}");
        }

        return Parse(lines, path);
    }

    public static BasicAuthCredentials Parse(IEnumerable<string> lines, string source)
    {
        var users = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.IndexOfAny([':', '=']);
            if (separator <= 0)
            {
                throw new ConfigException(RestServerConfig.BasicAuthCredentialsFileConfig, source,
                    $"line {number} must be 'user: password'");
            }

            users[line[..separator].Trim()] = Hash(line[(separator + 1)..].Trim());
        }

        if (users.Count == 0)
        {
            throw new ConfigException(RestServerConfig.BasicAuthCredentialsFileConfig, source, "the file has no 'user: password' lines");
        }

        return new BasicAuthCredentials(users);
    }

    /// <summary>Whether a request carries <c>Authorization: Basic …</c> with a known user and its password.</summary>
    public bool Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var known = _passwordHashes.TryGetValue(decoded[..colon], out var expected);
        var actual = Hash(decoded[(colon + 1)..]);
        // Compare in constant time, and compare even for unknown users.
        return CryptographicOperations.FixedTimeEquals(actual, expected ?? new byte[actual.Length]) && known;
    }

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
