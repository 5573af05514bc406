using System.Text.Json;

namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>
/// Checks a send request the way Graph would (<c>messaging_product</c>, <c>to</c> or <c>recipient</c>, <c>type</c>
/// and the type's object) and extracts what the sink records. Like Graph, <c>to</c> (a phone number) wins when a
/// request carries both it and <c>recipient</c> (a BSUID).
/// </summary>
internal static class SinkRequestReader
{
    /// <summary>
    /// The message to record, not yet numbered (<see cref="SinkMessageLog.Add"/> numbers it), or null with
    /// <paramref name="error"/> saying what Graph would reject.
    /// </summary>
    public static SinkMessage? Read(byte[] body, string graphApiVersion, string phoneNumberId, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "messaging_product") != "whatsapp")
            {
                error = "messaging_product must be whatsapp";
                return null;
            }

            var phone = String(root, "to");
            var to = phone ?? String(root, "recipient");
            var type = String(root, "type");
            if (to is null || type is null || !root.TryGetProperty(type, out var content) || content.ValueKind != JsonValueKind.Object)
            {
                error = "to or recipient, type and the object named by type are required";
                return null;
            }

            var language = content.TryGetProperty("language", out var l) && l.ValueKind == JsonValueKind.Object ? String(l, "code") : null;
            var isTemplate = type == "template";
            var isDocument = type == "document";
            return new SinkMessage(
                0,
                "",
                graphApiVersion,
                phoneNumberId,
                to,
                type,
                type == "text" ? String(content, "body") : null,
                isDocument ? String(content, "link") : null,
                isDocument ? String(content, "filename") : null,
                isDocument ? String(content, "caption") : null,
                isTemplate ? String(content, "name") : null,
                isTemplate ? language : null,
                System.Text.Encoding.UTF8.GetString(body),
                ToBsuid: phone is null);
        }
        catch (JsonException)
        {
            error = "the body is not JSON";
            return null;
        }
    }

    // An empty string counts as absent, as Graph treats it.
    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
