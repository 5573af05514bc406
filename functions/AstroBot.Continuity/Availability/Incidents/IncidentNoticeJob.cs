using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// Every minute in each region (<see cref="Schedules.IncidentNotices"/>): tells each user who wrote during a resolved
/// incident, once, that it is resolved and their messages were kept (<c>Incidents:ResolvedNotice</c>): free text while
/// their 24-hour window is open, else <see cref="ReplySender"/> sends the reconnect template. At most
/// <c>Incidents:NoticeBatchSize</c> notices a run; each is claimed first (<see cref="IncidentStore.TryClaimNoticeAsync"/>),
/// so a user is told once across regions and runs. Best effort: when the Graph API fails, the notice is given back,
/// logged, and the run ends; the next run tries again. An incident stops being looked at once everyone recorded for it
/// was told, and the inboxes' caches (<c>Incidents:CacheDuration</c>) can no longer record anyone for it.
/// </summary>
public sealed class IncidentNoticeJob(
    IncidentStore store,
    MessageLedger ledger,
    IServiceProvider services,
    IOptions<IncidentOptions> options,
    TimeProvider time,
    ILogger<IncidentNoticeJob> logger) : IScheduledJob
{
    // After a resolution, an inbox may still record a writer for as long as it trusts its cached view, plus a margin.
    private static readonly TimeSpan SettleMargin = TimeSpan.FromMinutes(1);

    public string Name => "IncidentNotices";

    public ScheduleSetting Schedule => Schedules.IncidentNotices;

    // The next run picks up where this one stopped.
    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => NotifyAsync(cancellationToken);

    /// <summary>One run (see the class summary).</summary>
    public async Task<IncidentNoticeResult> NotifyAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var replies = services.GetRequiredService<ReplySender>();
        var budget = settings.NoticeBatchSize;
        var sent = 0;
        foreach (var incident in await store.PendingNoticesAsync(ct).ConfigureAwait(false))
        {
            var users = await store.UsersToTellAsync(incident.Id, budget, ct).ConfigureAwait(false);
            foreach (var user in users)
            {
                if (!await TellAsync(incident, user, replies, settings.ResolvedNotice, ct).ConfigureAwait(false))
                {
                    LogMessages.IncidentNoticesRun(logger, sent, true);
                    return new IncidentNoticeResult(sent, Failed: true);
                }

                sent++;
                budget--;
            }

            if (budget == 0)
            {
                break;
            }

            await SettleAsync(incident, settings.CacheDuration, ct).ConfigureAwait(false);
        }

        if (sent > 0)
        {
            LogMessages.IncidentNoticesRun(logger, sent, false);
        }

        return new IncidentNoticeResult(sent, Failed: false);
    }

    /// <returns>False when the notice could not be sent (the Graph API failing): the run stops.</returns>
    private async Task<bool> TellAsync(Incident incident, IncidentUser user, ReplySender replies, string notice, CancellationToken ct)
    {
        var claimant = Guid.NewGuid().ToString("N");
        if (!await store.TryClaimNoticeAsync(incident.Id, user, claimant, ct).ConfigureAwait(false))
        {
            return true; // told meanwhile, or being told by the other region's run
        }

        try
        {
            var lastInboundAt = await ledger.GetLastInboundAtAsync(user.UserKey, ct).ConfigureAwait(false);
            await replies.SendTextAsync(user.UserKey, user.ReplyTo, notice, lastInboundAt, ct).ConfigureAwait(false); // waits in the outbox while the Graph API is down
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogMessages.IncidentNoticeFailed(logger, incident.Id, exception.GetType().Name);
            await store.ReleaseNoticeAsync(incident.Id, user, claimant, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        await store.MarkNoticeSentAsync(incident.Id, user, ct).ConfigureAwait(false);
        LogMessages.IncidentNoticeSent(logger, incident.Id, user.ReplyTo.Kind);
        return true;
    }

    private async Task SettleAsync(Incident incident, TimeSpan cacheDuration, CancellationToken ct)
    {
        if (time.GetUtcNow() < incident.ResolvedAt + cacheDuration + SettleMargin)
        {
            return; // an inbox may still record someone
        }

        var (recorded, told) = await store.CountUsersAsync(incident.Id, ct).ConfigureAwait(false);
        if (recorded == told)
        {
            await store.MarkNoticesDoneAsync(incident, ct).ConfigureAwait(false);
            LogMessages.IncidentNoticesDone(logger, incident.Id, told);
        }
    }
}

/// <summary>What one run of the notices did.</summary>
/// <param name="Sent">Notices sent.</param>
/// <param name="Failed">True when a send failed and the run stopped there (the next run tries again).</param>
public sealed record IncidentNoticeResult(int Sent, bool Failed);
