using System.Text;

namespace AstroBot.Continuity.Tests.WhatsApp.Webhooks;

/// <summary>Webhook bodies in the shapes of Meta's WhatsApp Cloud API documentation.</summary>
internal static class WebhookPayloads
{
    public const string PhoneNumberId = "106540352242922";
    public const string WaId = "16315551181";

    /// <summary>One entry with one <c>messages</c> change per value.</summary>
    public static byte[] Envelope(params string[] values) => Entries([.. values.Select(v => Change(v))]);

    /// <summary>One entry per element, each holding the given changes.</summary>
    public static byte[] Entries(params string[][] changesPerEntry)
    {
        var entries = changesPerEntry.Select((changes, i) =>
            $$"""{"id":"10221{{i}}","changes":[{{string.Join(",", changes)}}]}""");
        return Encoding.UTF8.GetBytes($$"""{"object":"whatsapp_business_account","entry":[{{string.Join(",", entries)}}]}""");
    }

    public static string Change(string value, string field = "messages") => $$"""{"value":{{value}},"field":"{{field}}"}""";

    /// <summary>A <c>value</c> with metadata, one contact and the given messages.</summary>
    public static string Messages(params string[] messages) => $$"""
        {
          "messaging_product": "whatsapp",
          "metadata": { "display_phone_number": "15550783881", "phone_number_id": "{{PhoneNumberId}}" },
          "contacts": [ { "profile": { "name": "Sheena Nelson" }, "wa_id": "{{WaId}}" } ],
          "messages": [ {{string.Join(",", messages)}} ]
        }
        """;

    public static string Message(string type, string content, string id = "wamid.HBgLMTYzMTU1NTExODEVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=") => $$"""
        { "from": "{{WaId}}", "id": "{{id}}", "timestamp": "1706311143", "type": "{{type}}"{{(content.Length > 0 ? "," + content : "")}} }
        """;

    public static string Text(string body, string id = "wamid.text-1") => Message("text", $$"""
        "text": { "body": "{{body}}" }
        """, id);

    public static string Statuses(params string[] statuses) => $$"""
        {
          "messaging_product": "whatsapp",
          "metadata": { "display_phone_number": "15550783881", "phone_number_id": "{{PhoneNumberId}}" },
          "statuses": [ {{string.Join(",", statuses)}} ]
        }
        """;

    public static string Status(string status, string errors = "") => $$"""
        {
          "id": "wamid.sent-1",
          "status": "{{status}}",
          "timestamp": "1750263773",
          "recipient_id": "{{WaId}}"{{(errors.Length > 0 ? ", \"errors\": " + errors : "")}}
        }
        """;
}
