using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Inbox;

/// <summary>
/// Keeps the message ledger bounded, daily. The schedule is the app setting <c>MessageLedgerPruneSchedule</c>, the
/// one the local host reads for the same job.
/// </summary>
public sealed class MessageLedgerPruneFunction(MessageLedgerPruneJob job)
{
    [Function("MessageLedgerPrune")]
    public Task RunAsync([TimerTrigger(Schedules.MessageLedgerPruneTrigger)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
