using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// Sends the bot's replies within WhatsApp's rules: the reply itself while the customer service window is
/// open, else the configured reconnect template, which invites the user to write again and so reopens it.
/// A template Meta will not send to a BSUID (error 131062, authentication templates) is given up on and logged:
/// with no phone number known there is no other way to reach the user, and retrying cannot help.
/// <para>
/// Graceful degradation (docs/availability.md, "The reply outbox"): when the Graph API stays down or rate-limited past the
/// client's retries (a transient failure), or refuses our access token (until an operator renews it), the reply is
/// stored in the <see cref="ReplyOutbox"/> instead of failing the caller, and the <c>OutboxDrain</c> timer sends it later. While a user has anything waiting there, their new replies
/// are appended behind it rather than sent, so none overtakes another. The window is decided when the reply is actually
/// sent. A failure Meta calls permanent still throws, as before.
/// </para>
/// </summary>
public sealed class ReplySender(
    IGraphApiClient graph, ReplyOutbox outbox, IOptions<WhatsAppOptions> options, TimeProvider time, ILogger<ReplySender> logger)
{
    /// <summary>Meta's answer when a message kind cannot go to a BSUID recipient.</summary>
    public const int BsuidRecipientNotSupported = 131062;

    /// <summary>Sends <paramref name="text"/>, or the reconnect template when the window is closed or unknown.</summary>
    /// <param name="userKey">The person's stable key: replies to one person keep their order through the outbox.</param>
    /// <param name="to">Where the reply goes.</param>
    /// <param name="text">The reply.</param>
    /// <param name="lastInboundAt">When the person last wrote, for the 24-hour window.</param>
    /// <param name="ct">Cancels the send.</param>
    public Task<ReplyOutcome> SendTextAsync(string userKey, MessageRecipient to, string text, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        SendAsync(userKey, new TextMessage(to, text), lastInboundAt, ct);

    /// <summary>Sends the document, or the reconnect template when the window is closed or unknown.</summary>
    /// <param name="userKey">The person's stable key: replies to one person keep their order through the outbox.</param>
    /// <param name="to">Where the document goes.</param>
    /// <param name="link">The document's link.</param>
    /// <param name="fileName">The file name shown.</param>
    /// <param name="caption">Optional text under the document.</param>
    /// <param name="lastInboundAt">When the person last wrote, for the 24-hour window.</param>
    /// <param name="ct">Cancels the send.</param>
    public Task<ReplyOutcome> SendDocumentAsync(
        string userKey, MessageRecipient to, Uri link, string fileName, string? caption, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        SendAsync(userKey, new DocumentMessage(to, link, fileName, caption), lastInboundAt, ct);

    /// <summary>
    /// Sends <paramref name="reply"/> now, fitted to the window at this moment (a template goes as it is): the one send
    /// of replies given to this class and of those the outbox drain takes out of the outbox.
    /// </summary>
    /// <returns>Meta's receipt, or null when the template cannot reach a user known only by BSUID.</returns>
    /// <exception cref="GraphApiException">Meta refused it, or the attempts ran out.</exception>
    internal async Task<SendReceipt?> SendNowAsync(OutboundMessage reply, DateTimeOffset? lastInboundAt, CancellationToken ct)
    {
        var message = reply is TemplateMessage || CustomerServiceWindow.IsOpen(lastInboundAt, time.GetUtcNow()) ? reply : ReconnectTemplate(reply.To);
        try
        {
            return await graph.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (GraphApiException ex) when (ex.ErrorCode == BsuidRecipientNotSupported && message.To.Bsuid is not null)
        {
            LogMessages.GraphBsuidRecipientRefused(logger, OutboundMessageJson.TypeOf(message));
            return null;
        }
    }

    private async Task<ReplyOutcome> SendAsync(string userKey, OutboundMessage reply, DateTimeOffset? lastInboundAt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        if (await QueuedBehindWaitingAsync(userKey, reply, lastInboundAt, ct).ConfigureAwait(false))
        {
            LogMessages.ReplyQueuedBehindWaiting(logger, OutboundMessageJson.TypeOf(reply));
            return ReplyOutcome.Queued;
        }

        try
        {
            return await SendNowAsync(reply, lastInboundAt, ct).ConfigureAwait(false) is { } receipt
                ? ReplyOutcome.Sent(receipt)
                : ReplyOutcome.Unreachable;
        }
        catch (GraphApiException ex) when (ex.IsTransient || ex.IsSenderRefused)
        {
            await outbox.AppendAsync(userKey, reply, lastInboundAt, ct).ConfigureAwait(false);
            LogMessages.ReplyQueuedGraphUnavailable(logger, OutboundMessageJson.TypeOf(reply), ex.HttpStatus, ex.ErrorCode);
            return ReplyOutcome.Queued;
        }
    }

    // The outbox lives in the shared account: when that is what is down (the inbox tells users of such an outage through
    // here), the reply goes straight out; only a reply queued before the outage could then be overtaken.
    private async Task<bool> QueuedBehindWaitingAsync(string userKey, OutboundMessage reply, DateTimeOffset? lastInboundAt, CancellationToken ct)
    {
        try
        {
            return await outbox.AppendIfWaitingAsync(userKey, reply, lastInboundAt, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            LogMessages.OutboxUnreadable(logger, exception.GetType().Name, OutboundMessageJson.TypeOf(reply));
            return false;
        }
    }

    private TemplateMessage ReconnectTemplate(MessageRecipient to) =>
        new(to, options.Value.ReconnectTemplateName, options.Value.ReconnectTemplateLanguage);
}
