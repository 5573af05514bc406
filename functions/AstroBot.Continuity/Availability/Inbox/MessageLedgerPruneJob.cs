using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Keeps the message ledger bounded: forgets rows nobody wrote for <see cref="FrontDoorOptions.LedgerRetention"/>.
/// The default (30 days) is far past Meta's 7 days of webhook retries, so deduplication by wamid still holds.
/// </summary>
public sealed class MessageLedgerPruneJob(
    MessageLedger ledger,
    IOptions<FrontDoorOptions> options,
    TimeProvider time,
    ILogger<MessageLedgerPruneJob> logger) : IScheduledJob
{
    public string Name => "MessageLedgerPrune";

    public ScheduleSetting Schedule => Schedules.MessageLedgerPrune;

    // A missed prune costs nothing: the next one deletes the same rows.
    public bool CatchUpMissedRun => false;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pruned = await ledger.PruneAsync(time.GetUtcNow() - options.Value.LedgerRetention, cancellationToken).ConfigureAwait(false);
        LogMessages.LedgerPruned(logger, pruned);
    }
}
