using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Inbox;

/// <summary>
/// Every 5 minutes: the depth of each user-message queue and its poison queue, logged for the poison alert, and the
/// runtime's 7-day poison copies given an infinite time-to-live. The schedule is the app setting
/// <c>InboxPoisonWatchSchedule</c>, the one the local host reads for the same job.
/// </summary>
public sealed class InboxPoisonWatchFunction(PoisonQueueWatch watch)
{
    [Function("InboxPoisonWatch")]
    public Task RunAsync([TimerTrigger(Schedules.InboxPoisonWatchTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        watch.RunAsync(cancellationToken);
}
