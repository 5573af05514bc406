using System.Globalization;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>
/// Every 30 seconds in each region (<see cref="Schedules.OutboxDrain"/>): sends the replies waiting in the
/// <see cref="ReplyOutbox"/>, users whose oldest reply has waited longest first, each user's oldest first, each under the
/// user's lease (<see cref="OutboxLeases"/>) so the other region's drain never sends the same user's replies at the same
/// time. A reply is fitted to the 24-hour window when it is sent (the later of the time stored with it and the ledger's),
/// and deleted once Meta accepted it: a crash in between sends it once more (at least once, never lost). The first
/// transient failure ends the run (the Graph API is still down; the client has already retried it); a reply that cannot be
/// read, or that Meta refuses for good, is parked (kept, logged, never sent again) and the user's next one goes on. A run
/// starts no send after <c>Outbox:DrainRunDuration</c> or <c>Outbox:MaxSendsPerRun</c>.
/// </summary>
public sealed class OutboxDrainJob(
    ReplyOutbox outbox,
    OutboxLeases leases,
    ILastInboundLookup contacts,
    IServiceProvider services,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDrainJob> logger) : IScheduledJob
{
    // Read a user's replies this many at a time: enough for a backlog, small enough to notice new ones behind them.
    private const int PageSize = 32;

    public string Name => "OutboxDrain";

    public ScheduleSetting Schedule => Schedules.OutboxDrain;

    // The next run sends the same replies.
    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    /// <summary>One run of the drain (see the class summary).</summary>
    public async Task<OutboxDrainResult> DrainAsync(CancellationToken ct)
    {
        var run = new Run(time.GetUtcNow() + options.Value.DrainRunDuration, options.Value.MaxSendsPerRun);
        var users = await outbox.ReadUsersAsync(ct).ConfigureAwait(false);
        var outcome = OutboxDrainOutcome.Drained;
        if (users.Any(user => user.Waiting > 0))
        {
            // Transient like the typed HttpClient it holds; one per run.
            var replies = services.GetRequiredService<ReplySender>();
            foreach (var user in users.Where(user => user.Waiting > 0))
            {
                if (await DrainUserAsync(user.Partition, replies, run, ct).ConfigureAwait(false) is { } stop)
                {
                    outcome = stop;
                    break;
                }
            }
        }

        var result = new OutboxDrainResult(outcome, run.Sent, run.Parked, run.Unreachable, run.UsersBusy);
        if (result.Sent + result.Parked + result.Unreachable > 0 || outcome != OutboxDrainOutcome.Drained)
        {
            LogMessages.OutboxDrained(logger, result.Sent, result.Parked, result.Unreachable, result.UsersBusy, outcome);
        }

        return result;
    }

    /// <returns>Why the whole run stops, or null to go on with the next user.</returns>
    private async Task<OutboxDrainOutcome?> DrainUserAsync(string partition, ReplySender replies, Run run, CancellationToken ct)
    {
        var holder = Guid.NewGuid().ToString("N");
        if (!await leases.TryTakeAsync(partition, holder, ct).ConfigureAwait(false))
        {
            run.UsersBusy++;
            return null;
        }

        try
        {
            while (true)
            {
                var entries = await outbox.ReadWaitingAsync(partition, PageSize, ct).ConfigureAwait(false);
                if (entries.Count == 0)
                {
                    return null;
                }

                foreach (var entry in entries)
                {
                    if (run.IsOver(time.GetUtcNow()))
                    {
                        return OutboxDrainOutcome.OutOfTime;
                    }

                    // Renewed before each send; lost only when this drain overran its lease and another took the user over.
                    if (!await leases.TryTakeAsync(partition, holder, ct).ConfigureAwait(false))
                    {
                        run.UsersBusy++;
                        return null;
                    }

                    if (!await SendAsync(entry, replies, run, ct).ConfigureAwait(false))
                    {
                        return OutboxDrainOutcome.GraphUnavailable;
                    }
                }
            }
        }
        finally
        {
            await leases.ReleaseAsync(partition, holder, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <returns>False when the Graph API failed transiently: the entry stays, and the run stops.</returns>
    private async Task<bool> SendAsync(OutboxEntry entry, ReplySender replies, Run run, CancellationToken ct)
    {
        run.Attempts++;
        OutboundMessage reply;
        try
        {
            reply = entry.ReadMessage();
        }
        catch (InvalidDataException exception)
        {
            await outbox.ParkAsync(entry, "unreadable: " + exception.Message, ct).ConfigureAwait(false);
            LogMessages.OutboxEntryUnreadable(logger, entry.RowKey, exception.Message);
            run.Parked++;
            return true;
        }

        var lastInboundAt = Latest(entry.LastInboundAt, await contacts.GetLastInboundAtAsync(entry.UserKey!, ct).ConfigureAwait(false));
        SendReceipt? receipt;
        try
        {
            receipt = await replies.SendNowAsync(reply, lastInboundAt, ct).ConfigureAwait(false);
        }
        catch (GraphApiException exception) when (exception.IsTransient || exception.IsSenderRefused)
        {
            // Down, rate-limiting, or refusing our token until it is renewed: every reply waits, none is set aside.
            LogMessages.OutboxGraphStillUnavailable(logger, entry.RowKey, exception.HttpStatus, exception.ErrorCode);
            return false;
        }
        catch (GraphApiException exception)
        {
            var code = exception.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
            await outbox.ParkAsync(entry, $"refused: HTTP {exception.HttpStatus}, error code {code}", ct).ConfigureAwait(false);
            LogMessages.OutboxEntryRefused(logger, entry.RowKey, exception.HttpStatus, exception.ErrorCode);
            run.Parked++;
            return true;
        }

        await outbox.DeleteAsync(entry, ct).ConfigureAwait(false);
        if (receipt is null)
        {
            run.Unreachable++;
        }
        else
        {
            run.Sent++;
            LogMessages.OutboxReplySent(logger, entry.RowKey, receipt.Wamid, time.GetUtcNow() - (entry.EnqueuedAt ?? time.GetUtcNow()));
        }

        return true;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? stored, DateTimeOffset? known) =>
        stored is null ? known : known is null ? stored : stored > known ? stored : known;

    private sealed class Run(DateTimeOffset deadline, int maxSends)
    {
        public int Attempts { get; set; }

        public int Sent { get; set; }

        public int Parked { get; set; }

        public int Unreachable { get; set; }

        public int UsersBusy { get; set; }

        public bool IsOver(DateTimeOffset now) => now >= deadline || Attempts >= maxSends;
    }
}
