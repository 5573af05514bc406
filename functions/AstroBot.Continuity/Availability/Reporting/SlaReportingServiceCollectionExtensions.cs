using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Reporting;

public static class SlaReportingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SLA report for both hosts: <see cref="SlaReportOptions"/> (section <c>Availability</c>, validated on
    /// start), its source of probe runs (Log Analytics when <c>Availability:LogAnalyticsWorkspaceId</c> is set, through the
    /// <see cref="LogAnalyticsQueryClient"/> of the one Azure-clients registration; otherwise the probe table),
    /// <see cref="SlaReporter"/> and the route's <see cref="SlaReportEndpoint"/>. Needs the probe (<c>AddAvailabilityProbe</c>).
    /// </summary>
    public static IServiceCollection AddSlaReport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlaReportOptions>()
            .Bind(configuration.GetSection(SlaReportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddContinuityAzureClients();

        services.TryAddSingleton<ProbeTableObservations>();
        services.TryAddSingleton<LogAnalyticsProbeObservations>();
        services.TryAddSingleton<IProbeObservationSource>(provider =>
            provider.GetRequiredService<IOptions<SlaReportOptions>>().Value.ReadsLogAnalytics
                ? provider.GetRequiredService<LogAnalyticsProbeObservations>()
                : provider.GetRequiredService<ProbeTableObservations>());
        services.TryAddSingleton<SlaReporter>();
        services.TryAddSingleton<SlaReportEndpoint>();
        return services;
    }
}
