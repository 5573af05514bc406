using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Notices;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Degradation;

/// <summary>
/// The inbox's side of an outage (<c>InboxProcessor</c> calls it). A webhook whose processing failed because a
/// dependency is down is parked: moved whole to the region's <see cref="HeldQueue"/> and the inbox message completed,
/// instead of failing it and burning its dequeue count towards the poison queue. From then on the maintenance hold's
/// backlog rule holds every later webhook with users' messages behind it, so processing pauses (the circuit is open)
/// and each user's messages keep their order; the <see cref="MaintenanceDrainJob"/> tries the oldest again at each run
/// (half-open) and drains them all once it succeeds. Once the outage is declared, each user who writes is told once.
/// </summary>
public sealed class OutageHold(HeldQueue held, OutageStore outages, UserNotices notices, IOptions<OutageOptions> options, ILogger<OutageHold> logger)
{
    /// <summary>Parks the webhook (<paramref name="queueMessageText"/>, as the queue handed it over) after <paramref name="dependency"/> failed.</summary>
    /// <param name="users">Its users' part: the senders who may be told.</param>
    public async Task ParkAsync(string queueMessageText, WebhookBatch users, string dependency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        await held.SendAsync(queueMessageText, ct).ConfigureAwait(false);
        var outage = await RecordQuietlyAsync(dependency, ct).ConfigureAwait(false);
        LogMessages.OutageWebhookParked(logger, dependency, outage?.Id ?? "unrecorded");
        if (outage is { IsDeclared: true })
        {
            await notices.SendAsync(outages.Notices, "outage", outage.Id, options.Value.Notice, users.Messages, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the senders of a webhook held behind the region's backlog, when the backlog is a declared outage's.</summary>
    public async Task NotifyIfDeclaredAsync(IEnumerable<InboundMessage> messages, CancellationToken ct)
    {
        // Unreadable: nobody can be told without knowing the outage, and the message is held either way.
        if (await outages.ReadCachedAsync(ct).ConfigureAwait(false) is { IsDeclared: true } outage)
        {
            await notices.SendAsync(outages.Notices, "outage", outage.Id, options.Value.Notice, messages, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Records a failure in the outage table; the webhook is already held, so a failure here is only logged.</summary>
    public async Task<Outage?> RecordQuietlyAsync(string dependency, CancellationToken ct)
    {
        try
        {
            var outage = await outages.RecordFailureAsync(dependency, ct).ConfigureAwait(false);
            if (outage.DeclaredAt == outage.LastFailureAt)
            {
                LogMessages.OutageDeclared(logger, outage.Id, dependency, outage.FailingSince);
            }

            return outage;
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            LogMessages.OutageNotRecorded(logger, dependency, exception.GetType().Name);
            return null;
        }
    }
}
