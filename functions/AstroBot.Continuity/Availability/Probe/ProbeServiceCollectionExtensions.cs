using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Availability.Probe;

public static class ProbeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the synthetic availability probe for both hosts: <see cref="ProbeOptions"/> (section
    /// <c>Availability</c>, validated on start), the <see cref="ProbeTable"/> and its <see cref="ProbeRecordReader"/>, the
    /// inbox's side (<see cref="ProbeInbox"/>), and <see cref="AvailabilityProbe"/> as a scheduled job with its
    /// HttpClient, and the daily <see cref="ProbeRecordPruneJob"/>. The target is <see cref="ConfiguredProbeTarget"/> unless the host registered its own
    /// <see cref="IProbeTarget"/>. Called by <c>AddFrontDoor</c>, whose inbox needs <see cref="ProbeInbox"/>.
    /// </summary>
    public static IServiceCollection AddAvailabilityProbe(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProbeOptions>()
            .Bind(configuration.GetSection(ProbeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<ProbeTable>();
        services.TryAddSingleton<ProbeRecordReader>();
        services.TryAddSingleton<ProbeInbox>();
        services.TryAddSingleton<ProbeWebhookSender>();
        services.TryAddSingleton<IProbeTarget, ConfiguredProbeTarget>();
        services.AddHttpClient(AvailabilityProbe.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        if (!services.Any(service => service.ServiceType == typeof(AvailabilityProbe)))
        {
            services.AddSingleton<AvailabilityProbe>();
            services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<AvailabilityProbe>());
        }

        if (!services.Any(service => service.ServiceType == typeof(ProbeRecordPruneJob)))
        {
            services.AddSingleton<ProbeRecordPruneJob>();
            services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<ProbeRecordPruneJob>());
        }

        return services;
    }
}
