using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Status;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Availability;

public static class AvailabilityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the WhatsApp front door and inbox for both hosts: <see cref="FrontDoorOptions"/> (section
    /// <c>FrontDoor</c>, validated on start), <see cref="WebhookEndpoint"/>, <see cref="WebhookInbox"/>,
    /// <see cref="InboxProcessor"/>, the ledger and its daily prune job, the bot queue, the command handlers, the user-message
    /// queues' status, redrive and poison watch (a scheduled job), and a hosted service that creates the queues, container and
    /// table at start-up. Needs <c>AddContinuityStorage</c>, <c>AddWhatsApp</c> and the <c>Portability</c> options.
    /// </summary>
    public static IServiceCollection AddFrontDoor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FrontDoorOptions>()
            .Bind(configuration.GetSection(FrontDoorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ClaimCheckStore>();
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<WebhookEndpoint>();
        services.AddSingleton<MessageLedger>();
        services.AddSingleton<ILastInboundLookup>(provider => provider.GetRequiredService<MessageLedger>()); // the reply outbox's drain asks it
        services.AddSingleton<BotQueue>();
        services.AddSingleton<MessageLedgerPruneJob>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<MessageLedgerPruneJob>());
        services.AddSingleton<UserMessageQueues>();
        services.AddSingleton<InboxStatusReader>();
        services.AddSingleton<PoisonRedrive>();
        services.AddSingleton<PoisonQueueWatch>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<PoisonQueueWatch>());

        // Transient like ReplySender, whose typed HttpClient the factory rotates.
        services.AddTransient<InboxProcessor>();
        services.AddTransient<IContinuityCommandHandler, HelpCommandHandler>();
        services.AddMaintenance(configuration); // the inbox holds users' messages during a maintenance window
        services.AddOutages(configuration); // and while a dependency is down
        services.AddIncidents(configuration); // the inbox records who writes during an incident; the probe opens them
        services.AddStatusPage(configuration); // the public status page and /api/status

        // The inbox records the probe user's messages instead of routing them.
        services.AddAvailabilityProbe(configuration);
        services.AddSlaReport(configuration); // the SLA report reads the probe's runs

        services.AddHostedService<AvailabilityStorageInitializer>();
        return services;
    }
}
