using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Local.Availability.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Availability;

public static class LocalAvailabilityServiceCollectionExtensions
{
    /// <summary>
    /// Local host only: the <see cref="QueueInboxPump"/> (the Functions queue trigger's job in Azure) and the
    /// <see cref="LocalBotStandIn"/> that answers for the bot. Call after
    /// <see cref="AvailabilityServiceCollectionExtensions.AddFrontDoor"/>.
    /// </summary>
    public static IServiceCollection AddLocalInboxWorkers(this IServiceCollection services)
    {
        services.AddHostedService<QueueInboxPump>();
        services.AddHostedService<LocalBotStandIn>();
        return services;
    }
}
