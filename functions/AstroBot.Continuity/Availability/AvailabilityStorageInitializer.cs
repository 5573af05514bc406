using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Availability;

/// <summary>
/// Creates the inbox queue, claim-check container, bot queue and ledger table at start-up when they are
/// missing, so the webhook's hot path is a single queue write.
/// </summary>
internal sealed class AvailabilityStorageInitializer(WebhookInbox inbox, BotQueue botQueue, MessageLedger ledger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await inbox.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await botQueue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await ledger.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
