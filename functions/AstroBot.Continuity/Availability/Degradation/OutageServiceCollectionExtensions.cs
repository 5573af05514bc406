using AstroBot.Continuity.Availability.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Availability.Degradation;

public static class OutageServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the inbox does while a dependency is down, for both hosts: <see cref="OutageOptions"/> (section
    /// <c>Outage</c>, validated on start), the region's outage table and the hold the inbox processor and the drain
    /// use. Part of <c>AddFrontDoor</c>, after <c>AddMaintenance</c> (the held queue and its drain).
    /// </summary>
    public static IServiceCollection AddOutages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OutageOptions>()
            .Bind(configuration.GetSection(OutageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutageStore>();

        // Transient like the InboxProcessor that asks them and the ReplySender the notices go through.
        services.TryAddTransient<UserNotices>();
        services.AddTransient<OutageHold>();
        return services;
    }
}
