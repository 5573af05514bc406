using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// Tells a user who writes during a window, once per window, what the window says: claimed in the window's rows of the
/// ledger table by one delivery (in any region), sent as free text (the user just wrote, so WhatsApp's 24-hour window is
/// open; <see cref="ReplySender"/> sends the reconnect template otherwise), then marked sent. While the Graph API is down
/// the notice waits in the reply outbox like any reply (marked sent: the outbox sends it once the Graph API is back). Best
/// effort otherwise: a notice Meta refuses, or that cannot be stored, is logged and given back, so the user's next message
/// tries again; it never costs the held message.
/// </summary>
public sealed class MaintenanceNotices(MaintenanceStore store, IdentityClaims claims, ReplySender replies, ILogger<MaintenanceNotices> logger)
{
    /// <summary>Sends <paramref name="window"/>'s notice to each sender of <paramref name="messages"/> who has not had it.</summary>
    public async Task SendAsync(MaintenanceWindow window, IEnumerable<InboundMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(messages);
        var told = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            try
            {
                var (userKey, replyTo) = await RecipientAsync(message.Sender, ct).ConfigureAwait(false);
                if (replyTo is null || !told.Add(userKey))
                {
                    continue;
                }

                await SendOnceAsync(window, message, userKey, replyTo, ct).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogMessages.MaintenanceNoticeFailed(logger, window.Id, message.Wamid, exception.GetType().Name);
            }
        }
    }

    private async Task SendOnceAsync(MaintenanceWindow window, InboundMessage message, string userKey, MessageRecipient replyTo, CancellationToken ct)
    {
        var claimant = Guid.NewGuid().ToString("N");
        if (!await store.TryClaimNoticeAsync(window.Id, userKey, claimant, ct).ConfigureAwait(false))
        {
            return; // told already, or being told by another delivery right now
        }

        try
        {
            // The message's own time: the user wrote then, so the 24-hour window is open (a template otherwise).
            await replies.SendTextAsync(userKey, replyTo, window.Message, message.Timestamp, ct).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseNoticeAsync(window.Id, userKey, claimant, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await store.MarkNoticeSentAsync(window.Id, userKey, ct).ConfigureAwait(false);
        LogMessages.MaintenanceNoticeSent(logger, window.Id, message.Wamid, replyTo.Kind);
    }

    /// <summary>
    /// Whom the notice is for, without creating or linking anyone (identity is resolved when the message is processed
    /// after the window): the person the directory knows by the message's identifiers (the BSUID first, as the resolver
    /// decides), else the key a newcomer will get (their phone number) or, without one, their BSUID.
    /// </summary>
    private async Task<(string UserKey, MessageRecipient? ReplyTo)> RecipientAsync(UserIdentifiers sender, CancellationToken ct)
    {
        var owners = await claims.OwnersAsync(Identifier.Of(sender), ct).ConfigureAwait(false);
        if (owners.Count > 0)
        {
            var person = owners.MinBy(pair => pair.Key.Precedence).Value;
            return (person.UserKey, sender.Merge(person.Current).ReplyAddress);
        }

        return (sender.Phone ?? "bsuid:" + sender.Bsuid, sender.ReplyAddress);
    }
}
