using System.Net;

namespace AstroBot.Continuity.Data;

/// <summary>
/// Decides whether an endpoint can be a local emulator. Only such an endpoint may present the emulator's
/// self-signed certificate; anything reachable over a network must pass normal certificate validation.
/// </summary>
public static class EmulatorEndpoint
{
    /// <summary>True for "localhost", 127.0.0.0/8 and ::1; false for every other host, relative URIs included.</summary>
    public static bool IsLoopback(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            return false;
        }

        return endpoint.HostNameType switch
        {
            UriHostNameType.Dns => string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address),
            _ => false,
        };
    }
}
