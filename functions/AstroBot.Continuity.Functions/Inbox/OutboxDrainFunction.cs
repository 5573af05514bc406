using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Inbox;

/// <summary>
/// Every 30 seconds in each region: sends the replies waiting in the reply outbox, in order per user
/// (<see cref="OutboxDrainJob"/>). The schedule is the app setting <c>OutboxDrainSchedule</c>, the one the local host reads
/// for the same job. The timer's singleton lock keeps one run at a time per app; the outbox's lease rows keep the two
/// regions' runs off each other's users.
/// </summary>
public sealed class OutboxDrainFunction(OutboxDrainJob job)
{
    [Function("OutboxDrain")]
    public Task RunAsync([TimerTrigger(Schedules.OutboxDrainTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.DrainAsync(cancellationToken);
}
