using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Reads <c>value.statuses[]</c>: delivery statuses of messages the bot sent.</summary>
internal static class WebhookStatusReader
{
    /// <summary>
    /// The status. Its recipient is <c>recipient_id</c> and/or <c>recipient_user_id</c> (either can be left out; a
    /// failed status of a message sent to a phone number carries no BSUID), completed from the matching contact.
    /// </summary>
    public static MessageStatusUpdate Read(JsonElement status, string path, WebhookContacts contacts)
    {
        var recipient = new UserIdentifiers(
            WebhookIdentifierFields.Optional(status, "recipient_id", path),
            WebhookIdentifierFields.Optional(status, "recipient_user_id", path),
            WebhookIdentifierFields.Optional(status, "recipient_parent_user_id", path));
        return new(
            WebhookJsonFields.RequiredString(status, "id", path),
            recipient.Merge(contacts.Find(recipient).Identifiers),
            ParseStatus(WebhookJsonFields.RequiredString(status, "status", path), path),
            WebhookJsonFields.RequiredUnixSeconds(status, "timestamp", path),
            WebhookErrorReader.ReadAll(status, path));
    }

    private static MessageStatus ParseStatus(string value, string path) => value switch
    {
        "sent" => MessageStatus.Sent,
        "delivered" => MessageStatus.Delivered,
        "read" => MessageStatus.Read,
        "failed" => MessageStatus.Failed,
        _ => throw new WebhookPayloadException($"{path}.status is not one of sent, delivered, read, failed"),
    };
}
