using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Availability.Incidents;

public static class IncidentServiceCollectionExtensions
{
    /// <summary>
    /// Registers incidents for both hosts: <see cref="IncidentOptions"/> (section <c>Incidents</c>, validated on start),
    /// the store and its cache, the inbox's audience, the probe's rule (an <see cref="IProbeRecordObserver"/>), the
    /// "resolved" notices (a scheduled job), and the control and route the CLI and the operators' routes use. Part of
    /// <c>AddFrontDoor</c>.
    /// </summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IncidentOptions>()
            .Bind(configuration.GetSection(IncidentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentCache>();
        services.AddSingleton<IncidentAudience>();
        services.AddSingleton<IncidentControl>();
        services.AddSingleton<IncidentEndpoint>();
        services.AddSingleton<ProbeIncidentRule>();
        services.AddSingleton<IProbeRecordObserver>(provider => provider.GetRequiredService<ProbeIncidentRule>());
        services.AddSingleton<IncidentNoticeJob>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<IncidentNoticeJob>());
        return services;
    }
}
