namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Thrown inside the parser when the payload breaks Meta's shape; <see cref="WebhookPayloadParser"/> turns it
/// into <see cref="WebhookParseResult.Error"/>, so it never escapes.
/// </summary>
internal sealed class WebhookPayloadException(string message) : Exception(message);
