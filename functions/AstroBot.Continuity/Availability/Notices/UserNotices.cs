using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Notices;

/// <summary>
/// Tells each user who writes during an occasion (a maintenance window, an outage) its notice once: claimed in
/// <see cref="NoticeClaims"/> by one delivery, sent as free text (the user just wrote, so WhatsApp's 24-hour window is
/// open; <see cref="ReplySender"/> sends the reconnect template otherwise), then marked sent. Best effort: a notice that
/// cannot be sent (the Graph API down) is logged and given back, so the user's next message tries again; it never costs
/// the held message.
/// </summary>
public sealed class UserNotices(IdentityClaims claims, ReplySender replies, ILogger<UserNotices> logger)
{
    /// <summary>Sends <paramref name="text"/> to each sender of <paramref name="messages"/> not yet told of <paramref name="occasionId"/>.</summary>
    /// <param name="occasion">What the occasion is, for the logs: <c>maintenance</c>, <c>outage</c>.</param>
    public async Task SendAsync(
        NoticeClaims told, string occasion, string occasionId, string text, IEnumerable<InboundMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(told);
        ArgumentNullException.ThrowIfNull(messages);
        var toldNow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            try
            {
                var (userKey, replyTo) = await RecipientAsync(message.Sender, ct).ConfigureAwait(false);
                if (replyTo is null || !toldNow.Add(userKey))
                {
                    continue;
                }

                await SendOnceAsync(told, occasionId, text, message, userKey, replyTo, ct).ConfigureAwait(false);
                LogMessages.NoticeSent(logger, occasion, occasionId, message.Wamid, replyTo.Kind);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogMessages.NoticeFailed(logger, occasion, occasionId, message.Wamid, exception.GetType().Name);
            }
        }
    }

    private async Task SendOnceAsync(
        NoticeClaims told, string occasionId, string text, InboundMessage message, string userKey, MessageRecipient replyTo, CancellationToken ct)
    {
        var claimant = Guid.NewGuid().ToString("N");
        if (!await told.TryClaimAsync(occasionId, userKey, claimant, ct).ConfigureAwait(false))
        {
            return; // told already, or being told by another delivery right now
        }

        try
        {
            // The message's own time: the user wrote then, so the 24-hour window is open (a template otherwise).
            await replies.SendTextAsync(userKey, replyTo, text, message.Timestamp, ct).ConfigureAwait(false);
        }
        catch
        {
            await told.ReleaseAsync(occasionId, userKey, claimant, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await told.MarkSentAsync(occasionId, userKey, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Whom the notice is for, without creating or linking anyone (identity is resolved when the message is processed
    /// later): the person the directory knows by the message's identifiers (the BSUID first, as the resolver decides),
    /// else the key a newcomer will get (their phone number) or, without one, their BSUID. When the directory cannot be
    /// read (its account is what is down), the message's own identifiers.
    /// </summary>
    private async Task<(string UserKey, MessageRecipient? ReplyTo)> RecipientAsync(UserIdentifiers sender, CancellationToken ct)
    {
        try
        {
            var owners = await claims.OwnersAsync(Identifier.Of(sender), ct).ConfigureAwait(false);
            if (owners.Count > 0)
            {
                var person = owners.MinBy(pair => pair.Key.Precedence).Value;
                return (person.UserKey, sender.Merge(person.Current).ReplyAddress);
            }
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            // Fall through: a user known under another key may be told twice in one occasion, never not at all.
        }

        return (sender.Phone ?? "bsuid:" + sender.Bsuid, sender.ReplyAddress);
    }
}
