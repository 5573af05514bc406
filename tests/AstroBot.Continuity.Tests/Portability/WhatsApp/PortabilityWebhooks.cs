using System.Text;
using AstroBot.Continuity.Availability.FrontDoor;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

/// <summary>Inbox queue messages carrying one user message, shaped like Meta's webhooks, for any user.</summary>
internal static class PortabilityWebhooks
{
    public const string PhoneNumberId = "100200300";

    public static string Text(string waId, string wamid, string text, DateTimeOffset sentAt) =>
        Envelope(Message(waId, wamid, sentAt, "text", "\"text\":{\"body\":\"" + text + "\"}"), sentAt);

    public static string Button(string waId, string wamid, string replyId, string title, DateTimeOffset sentAt) =>
        Envelope(
            Message(
                waId,
                wamid,
                sentAt,
                "interactive",
                "\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"" + replyId + "\",\"title\":\"" + title + "\"}}"),
            sentAt);

    private static string Message(string waId, string wamid, DateTimeOffset sentAt, string type, string content) =>
        "{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + sentAt.ToUnixTimeSeconds() + "\",\"type\":\"" + type + "\"," + content + "}";

    private static string Envelope(string message, DateTimeOffset receivedAt)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-1\",\"changes\":[{\"field\":\"messages\",\"value\":" +
            "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550009999\",\"phone_number_id\":\"" + PhoneNumberId + "\"}," +
            "\"messages\":[" + message + "]}}]}]}");
        return WebhookEnvelope.Inline(body, receivedAt).ToQueueText();
    }
}
