using System.Net;
using AstroBot.Continuity.Availability.Probe;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Availability.Probe;

/// <summary>
/// The local host's probe target: <c>Availability:PublicBaseUrl</c> when set (the local front door's URL, in front of
/// two local regions), else this host's own address as Kestrel bound it (so <c>--urls http://127.0.0.1:0</c> works
/// too), with a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) turned into loopback. Null until
/// the server listens: the probe then logs that it is off.
/// </summary>
public sealed class LocalProbeTarget(IOptions<ProbeOptions> options, IServer server) : IProbeTarget
{
    /// <inheritdoc />
    public Uri? BaseAddress => options.Value.PublicBaseUri ?? OwnAddress();

    private Uri? OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return null;
        }

        // Plain HTTP first: the probe's client need not trust a development certificate.
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        return Reachable(address);
    }

    /// <summary>The address with a wildcard host replaced by loopback; null when it does not parse.</summary>
    internal static Uri? Reachable(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            var loopback = ip.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]";
            return new UriBuilder(uri) { Host = loopback }.Uri;
        }

        return uri;
    }
}
