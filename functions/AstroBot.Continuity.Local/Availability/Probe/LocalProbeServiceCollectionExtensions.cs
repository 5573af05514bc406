using AstroBot.Continuity.Availability.Probe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Local.Availability.Probe;

public static class LocalProbeServiceCollectionExtensions
{
    /// <summary>
    /// Local host only: the probe sends to this host's own address when <c>Availability:PublicBaseUrl</c> is not set
    /// (<see cref="LocalProbeTarget"/>, instead of the Functions app's <see cref="ConfiguredProbeTarget"/>). Needs a
    /// server (Kestrel) in the container.
    /// </summary>
    public static IServiceCollection AddLocalProbeTarget(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IProbeTarget, LocalProbeTarget>());
        return services;
    }
}
