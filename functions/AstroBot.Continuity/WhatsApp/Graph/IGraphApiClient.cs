namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>Sends messages through the WhatsApp Cloud API.</summary>
public interface IGraphApiClient
{
    /// <summary>
    /// Sends <paramref name="message"/>, retrying transient failures.
    /// Throws <see cref="GraphApiException"/> when Meta refuses it or the attempts run out.
    /// </summary>
    Task<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
