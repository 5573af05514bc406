using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// Sends the bot's replies within WhatsApp's rules: the reply itself while the customer service window is
/// open, else the configured reconnect template, which invites the user to write again and so reopens it.
/// </summary>
public sealed class ReplySender(IGraphApiClient graph, IOptions<WhatsAppOptions> options, TimeProvider time)
{
    /// <summary>Sends <paramref name="text"/>, or the reconnect template when the window is closed or unknown.</summary>
    public Task<SendReceipt> SendTextAsync(string waId, string text, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        graph.SendAsync(
            IsWindowOpen(lastInboundAt) ? new TextMessage(waId, text) : ReconnectTemplate(waId),
            ct);

    /// <summary>Sends the document, or the reconnect template when the window is closed or unknown.</summary>
    public Task<SendReceipt> SendDocumentAsync(
        string waId, Uri link, string fileName, string? caption, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        graph.SendAsync(
            IsWindowOpen(lastInboundAt) ? new DocumentMessage(waId, link, fileName, caption) : ReconnectTemplate(waId),
            ct);

    private bool IsWindowOpen(DateTimeOffset? lastInboundAt) => CustomerServiceWindow.IsOpen(lastInboundAt, time.GetUtcNow());

    private TemplateMessage ReconnectTemplate(string waId) =>
        new(waId, options.Value.ReconnectTemplateName, options.Value.ReconnectTemplateLanguage);
}
