using System.Globalization;
using System.Net;
using Connect.Sdk.Config;

namespace Connect.Sdk.Runtime.Rest;

/// <summary>One entry of <c>listeners</c>: <c>protocol://host:port</c>, where the host may be empty (all
/// interfaces), a name, an IPv4 address or a bracketed IPv6 address, and port 0 picks a free port.</summary>
internal sealed record RestListener(bool Https, string Host, int Port)
{
    public static RestListener Parse(string listener)
    {
        var text = listener.Trim();
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw Invalid(listener, "it must look like http://host:port or https://host:port");
        }

        var scheme = text[..separator].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            throw Invalid(listener, "the supported protocols are http and https");
        }

        var authority = text[(separator + 3)..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || authority.EndsWith(']'))
        {
            throw Invalid(listener, "the port is missing");
        }

        var host = authority[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw Invalid(listener, "the port must be a number from 0 to 65535");
        }

        return new RestListener(scheme == "https", host, port);
    }

    /// <summary>Whether the host means every interface.</summary>
    public bool IsWildcard => Host.Length == 0 || Host is "0.0.0.0" or "::";

    public string Scheme => Https ? "https" : "http";

    /// <summary>The addresses to bind; <see langword="null"/> for all interfaces.</summary>
    public IReadOnlyList<IPAddress>? Addresses()
    {
        if (Host.Length == 0)
        {
            return null;
        }

        if (IPAddress.TryParse(Host, out var address))
        {
            return [address];
        }

        if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback];
        }

        var resolved = Dns.GetHostAddresses(Host);
        return resolved.Length > 0 ? [resolved[0]] : throw Invalid($"{Scheme}://{Host}:{Port}", $"the host {Host} does not resolve");
    }

    private static ConfigException Invalid(string listener, string reason) =>
        new(RestServerConfig.ListenersConfig, listener, reason);
}
