using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>Reads <c>value.messages[]</c>: what users sent to the bot.</summary>
internal static class WebhookMessageReader
{
    /// <summary>
    /// The message. Its sender is <c>from</c> (the phone number) and/or <c>from_user_id</c> (the BSUID), completed
    /// from the matching contact; a message with neither is the one malformed sender.
    /// </summary>
    public static InboundMessage Read(JsonElement message, string path, string phoneNumberId, WebhookContacts contacts)
    {
        var wamid = WebhookJsonFields.RequiredString(message, "id", path);
        var named = new UserIdentifiers(
            WebhookIdentifierFields.Optional(message, "from", path),
            WebhookIdentifierFields.Optional(message, "from_user_id", path),
            WebhookIdentifierFields.Optional(message, "from_parent_user_id", path));
        if (named.IsAnonymous)
        {
            throw new WebhookPayloadException($"{path} has neither from nor from_user_id");
        }

        var timestamp = WebhookJsonFields.RequiredUnixSeconds(message, "timestamp", path);
        var type = WebhookJsonFields.RequiredString(message, "type", path);
        var (text, replyId) = ReadContent(message, type, path);
        var (contact, profileName) = contacts.Find(named);
        return new InboundMessage(wamid, named.Merge(contact), phoneNumberId, timestamp, type, text, replyId, profileName);
    }

    // Only the types a user can answer the bot with carry text; media, locations, reactions and types Meta
    // adds later parse with Text null, so a new type never makes a webhook invalid.
    private static (string? Text, string? ReplyId) ReadContent(JsonElement message, string type, string path) =>
        type switch
        {
            "text" => (Field(message, "text", "body", path), null),
            "button" => (Field(message, "button", "text", path), Field(message, "button", "payload", path)),
            "interactive" => ReadInteractive(message, path),
            _ => (null, null),
        };

    // interactive.type is button_reply or list_reply, each {id, title}; other kinds (flows) carry no title.
    private static (string? Text, string? ReplyId) ReadInteractive(JsonElement message, string path)
    {
        if (WebhookJsonFields.OptionalObject(message, "interactive", path) is not { } interactive)
        {
            return (null, null);
        }

        var interactivePath = $"{path}.interactive";
        var kind = WebhookJsonFields.OptionalString(interactive, "type", interactivePath);
        if (kind is not ("button_reply" or "list_reply"))
        {
            return (null, null);
        }

        return (Field(interactive, kind, "title", interactivePath), Field(interactive, kind, "id", interactivePath));
    }

    private static string? Field(JsonElement parent, string objectName, string fieldName, string path) =>
        WebhookJsonFields.OptionalObject(parent, objectName, path) is { } child
            ? WebhookJsonFields.OptionalString(child, fieldName, $"{path}.{objectName}")
            : null;
}
