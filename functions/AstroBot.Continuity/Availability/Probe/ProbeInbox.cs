using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// What the inbox does with the probe user's messages (<see cref="Inbox.InboxProcessor"/> asks first, before the
/// identity directory, the ledger, the gates, the commands and the bot): it marks the probe run's record processed,
/// here and now, and does nothing else. Never the bot's queue, never a reply, never the directory. A message that
/// claims to be the probe's but that no probe run sent (forged: its signature was good, so whoever sent it holds the
/// app secret) has no record to mark and is dropped with a warning; a malformed one never got past the front door.
/// </summary>
public sealed class ProbeInbox(ProbeTable table, IOptions<ProbeOptions> options, TimeProvider time, ILogger<ProbeInbox> logger)
{
    private readonly ProbeUser user = ProbeUser.From(options.Value);

    /// <summary>True when the sender is the probe user (either of its identifiers).</summary>
    public bool IsProbe(UserIdentifiers sender) => user.Matches(sender);

    /// <summary>True when a change of identifiers names the probe user: the inbox ignores it.</summary>
    public bool IsProbe(IdentityChange change) => user.Matches(change);

    /// <summary>Marks the probe run that sent <paramref name="message"/> as handed over in this region.</summary>
    /// <remarks>Storage failures throw, so the queue retries the webhook as it does for any other message.</remarks>
    public async Task RecordAsync(InboundMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ProbeWamid.TryGetPartition(message.Wamid, out var partition))
        {
            LogMessages.ProbeMessageUnknown(logger, "its message id is not a probe's");
            return;
        }

        var region = options.Value.Region;
        switch (await table.MarkHandedOverAsync(partition, message.Wamid, region, time.GetUtcNow(), ct).ConfigureAwait(false))
        {
            case ProbeMarkResult.Recorded:
                LogMessages.ProbeHandedOver(logger, message.Wamid, region);
                break;
            case ProbeMarkResult.AlreadyMarked:
                LogMessages.ProbeMessageDuplicate(logger, message.Wamid);
                break;
            default:
                LogMessages.ProbeMessageUnknown(logger, "no probe run sent it");
                break;
        }
    }

    /// <summary>Drops a change of identifiers that names the probe user: the directory never learns the probe's identifiers.</summary>
    public void Ignore(IdentityChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        LogMessages.ProbeIdentityChangeIgnored(logger, change.Wamid);
    }
}
