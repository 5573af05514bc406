using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// Sends the bot's replies within WhatsApp's rules: the reply itself while the customer service window is
/// open, else the configured reconnect template, which invites the user to write again and so reopens it.
/// A template Meta will not send to a BSUID (error 131062, authentication templates) is given up on and logged:
/// with no phone number known there is no other way to reach the user, and retrying cannot help.
/// </summary>
public sealed class ReplySender(IGraphApiClient graph, IOptions<WhatsAppOptions> options, TimeProvider time, ILogger<ReplySender> logger)
{
    /// <summary>Meta's answer when a message kind cannot go to a BSUID recipient.</summary>
    public const int BsuidRecipientNotSupported = 131062;

    /// <summary>Sends <paramref name="text"/>, or the reconnect template when the window is closed or unknown.</summary>
    /// <returns>Meta's receipt, or null when the template cannot reach a user known only by BSUID.</returns>
    public Task<SendReceipt?> SendTextAsync(MessageRecipient to, string text, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        SendAsync(IsWindowOpen(lastInboundAt) ? new TextMessage(to, text) : ReconnectTemplate(to), ct);

    /// <summary>Sends the document, or the reconnect template when the window is closed or unknown.</summary>
    /// <returns>Meta's receipt, or null when the template cannot reach a user known only by BSUID.</returns>
    public Task<SendReceipt?> SendDocumentAsync(
        MessageRecipient to, Uri link, string fileName, string? caption, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        SendAsync(IsWindowOpen(lastInboundAt) ? new DocumentMessage(to, link, fileName, caption) : ReconnectTemplate(to), ct);

    private async Task<SendReceipt?> SendAsync(OutboundMessage message, CancellationToken ct)
    {
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

    private bool IsWindowOpen(DateTimeOffset? lastInboundAt) => CustomerServiceWindow.IsOpen(lastInboundAt, time.GetUtcNow());

    private TemplateMessage ReconnectTemplate(MessageRecipient to) =>
        new(to, options.Value.ReconnectTemplateName, options.Value.ReconnectTemplateLanguage);
}
