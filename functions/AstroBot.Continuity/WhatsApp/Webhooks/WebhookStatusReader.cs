using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Reads <c>value.statuses[]</c>: delivery statuses of messages the bot sent.</summary>
internal static class WebhookStatusReader
{
    public static MessageStatusUpdate Read(JsonElement status, string path) =>
        new(
            WebhookJsonFields.RequiredString(status, "id", path),
            WebhookJsonFields.RequiredString(status, "recipient_id", path),
            ParseStatus(WebhookJsonFields.RequiredString(status, "status", path), path),
            WebhookJsonFields.RequiredUnixSeconds(status, "timestamp", path),
            WebhookErrorReader.ReadAll(status, path));

    private static MessageStatus ParseStatus(string value, string path) => value switch
    {
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" => MessageStatus.Read,
        "failed" => MessageStatus.Failed,
        _ => throw new WebhookPayloadException($"{path}.status is not one of sent, delivered, read, failed"),
    };
}
