using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Availability.Status;

public static class StatusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the public status for both hosts: <see cref="StatusOptions"/> (section <c>Status</c>, validated on start),
    /// the uptime source, the reporter and the endpoint, each one per process (their caches are). Part of <c>AddFrontDoor</c>.
    /// </summary>
    public static IServiceCollection AddStatusPage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StatusOptions>()
            .Bind(configuration.GetSection(StatusOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UptimeSource>();
        services.AddSingleton<StatusReporter>();
        services.AddSingleton<StatusEndpoint>();
        return services;
    }
}
