using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Reads a system message (<c>type: "system"</c>) that says a user's identifiers changed. Meta's shapes:
/// <c>user_changed_number</c> with <c>from</c> (the old phone number) and <c>system.wa_id</c> / <c>system.user_id</c>
/// (the new ones), <c>user_changed_user_id</c> with no phone number at all, both with <c>system.previous_user_id</c>;
/// the pre-2026 <c>user_changed_number</c> without BSUIDs, and the older <c>customer_changed_number</c> with
/// <c>system.new_wa_id</c>. Other system messages are not identity changes (null).
/// </summary>
internal static class WebhookSystemMessageReader
{
    public static IdentityChange? Read(JsonElement message, string path)
    {
        var system = WebhookJsonFields.OptionalObject(message, "system", path);
        if (system is not { } body)
        {
            return null;
        }

        var systemPath = $"{path}.system";
        var kind = WebhookJsonFields.OptionalString(body, "type", systemPath) switch
        {
            "user_changed_number" or "customer_changed_number" => IdentityChangeKind.NumberChanged,
            "user_changed_user_id" => IdentityChangeKind.BsuidChanged,
            _ => (IdentityChangeKind?)null,
        };
        if (kind is not { } changeKind)
        {
            return null;
        }

        var wamid = WebhookJsonFields.RequiredString(message, "id", path);
        var timestamp = WebhookJsonFields.RequiredUnixSeconds(message, "timestamp", path);
        var from = WebhookIdentifierFields.Optional(message, "from", path);
        var previous = new UserIdentifiers(
            from,
            WebhookIdentifierFields.Optional(body, "previous_user_id", systemPath) ?? WebhookIdentifierFields.Optional(message, "from_user_id", path),
            WebhookIdentifierFields.Optional(body, "previous_parent_user_id", systemPath)
                ?? WebhookIdentifierFields.Optional(message, "from_parent_user_id", path));
        var newPhone = WebhookIdentifierFields.Optional(body, "wa_id", systemPath) ?? WebhookIdentifierFields.Optional(body, "new_wa_id", systemPath);
        var current = new UserIdentifiers(
            // A new BSUID alone leaves the phone number as it was.
            changeKind == IdentityChangeKind.BsuidChanged ? newPhone ?? from : newPhone,
            WebhookIdentifierFields.Optional(body, "user_id", systemPath),
            WebhookIdentifierFields.Optional(body, "parent_user_id", systemPath));
        return new IdentityChange(wamid, changeKind, previous, current, timestamp);
    }
}
