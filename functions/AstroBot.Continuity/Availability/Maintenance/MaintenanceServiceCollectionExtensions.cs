using AstroBot.Continuity.Availability.Notices;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Availability.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>
    /// Registers maintenance mode for both hosts: <see cref="MaintenanceOptions"/> (section <c>Maintenance</c>, validated
    /// on start), the window's store and its cache, the held queue, the hold the inbox processor asks, the notices, the
    /// drain (a scheduled job), and the control and route the CLI and the admin route use. Part of <c>AddFrontDoor</c>.
    /// </summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MaintenanceOptions>()
            .Bind(configuration.GetSection(MaintenanceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<MaintenanceStore>();
        services.AddSingleton<MaintenanceWindowCache>();
        services.AddSingleton<HeldQueue>();
        services.AddSingleton<MaintenanceControl>();
        services.AddSingleton<MaintenanceEndpoint>();
        services.AddSingleton<MaintenanceDrainJob>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<MaintenanceDrainJob>());

        // Transient like the InboxProcessor that asks them and the ReplySender the notices go through.
        services.TryAddTransient<UserNotices>();
        services.AddTransient<MaintenanceNotices>();
        services.AddTransient<MaintenanceHold>();
        return services;
    }
}
