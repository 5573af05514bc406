using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Inbox;

/// <summary>Keeps the message ledger bounded, daily (the local host runs the same job on the same schedule).</summary>
public sealed class MessageLedgerPruneFunction(MessageLedgerPruneJob job)
{
    [Function("MessageLedgerPrune")]
    public Task RunAsync([TimerTrigger(Schedules.MessageLedgerPrune)] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
