using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.WhatsApp.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reply outbox for both hosts: <see cref="OutboxOptions"/> (section <c>Outbox</c>, validated on start),
    /// the <see cref="ReplyOutbox"/> table, the drain's <see cref="OutboxLeases"/>, and the drain itself (a scheduled job).
    /// Part of <c>AddWhatsApp</c>; needs <c>AddContinuityStorage</c>, and the drain an <see cref="ILastInboundLookup"/>
    /// (the message ledger, registered by <c>AddFrontDoor</c>).
    /// </summary>
    public static IServiceCollection AddReplyOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<ReplyOutbox>();
        services.TryAddSingleton<OutboxLeases>();
        services.TryAddSingleton<OutboxDrainJob>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<OutboxDrainJob>());
        return services;
    }
}
