using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>Where the probe sends its webhook: the public base URL, without the <c>/api/...</c> path.</summary>
public interface IProbeTarget
{
    /// <summary>The base URL, or null when none is known: the probe is then off.</summary>
    Uri? BaseAddress { get; }
}

/// <summary>
/// The Functions app's target: <c>Availability:PublicBaseUrl</c> only (Bicep sets it to Front Door's endpoint). The
/// app's own host name would skip Front Door, and the worker's own port is not a public endpoint, so without the
/// setting the probe is off. The local host replaces this with a target that falls back to its own address.
/// </summary>
public sealed class ConfiguredProbeTarget(IOptions<ProbeOptions> options) : IProbeTarget
{
    /// <inheritdoc />
    public Uri? BaseAddress => options.Value.PublicBaseUri;
}
