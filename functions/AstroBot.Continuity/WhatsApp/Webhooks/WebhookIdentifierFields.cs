using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Reads a user identifier field (a phone number, BSUID, parent BSUID or username). Any string is taken as Meta
/// sent it, in or out of its documented shape; only an absurd length (over <see cref="BsuidFormat.MaxAcceptedLength"/>)
/// makes the payload invalid, so such a value is never stored or routed.
/// </summary>
internal static class WebhookIdentifierFields
{
    public static string? Optional(JsonElement parent, string name, string path)
    {
        var value = WebhookJsonFields.OptionalString(parent, name, path);
        return value is { Length: > BsuidFormat.MaxAcceptedLength }
            ? throw new WebhookPayloadException($"{path}.{name} is longer than {BsuidFormat.MaxAcceptedLength} characters")
            : value;
    }
}
