using System.Text;

namespace AstroBot.Continuity.Tests.Availability;

/// <summary>
/// Webhook bodies shaped like Meta's, built as raw UTF-8 text (the front door signs and stores raw bytes, so a
/// text may carry Meta's <c>\uXXXX</c> escapes as they are).
/// </summary>
internal static class WebhookJson
{
    public const string UserWaId = "15550001111";

    public static byte[] Text(string wamid, string text, long unixSeconds = 1_800_000_000) =>
        Messages(Message(wamid, unixSeconds, "text", "\"text\":{\"body\":\"" + text + "\"}"));

    public static byte[] Interactive(string wamid, string replyId, string title, long unixSeconds = 1_800_000_000) =>
        Messages(Message(
            wamid,
            unixSeconds,
            "interactive",
            "\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"" + replyId + "\",\"title\":\"" + title + "\"}}"));

    public static byte[] OfType(string wamid, string type) =>
        Messages(Message(wamid, 1_800_000_000, type, "\"" + type + "\":{\"id\":\"media-1\"}"));

    public static byte[] Status(string wamid, string status, long unixSeconds = 1_800_000_000)
    {
        var errors = status == "failed" ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]" : "";
        return Value(
            "\"statuses\":[{\"id\":\"" + wamid + "\",\"recipient_id\":\"" + UserWaId + "\",\"status\":\"" + status +
            "\",\"timestamp\":\"" + unixSeconds + "\"" + errors + "}]");
    }

    public static byte[] OnlyErrors() =>
        Value("\"errors\":[{\"code\":131000,\"title\":\"Something went wrong\"}]");

    /// <summary>One webhook carrying <paramref name="count"/> text messages, as Meta batches them.</summary>
    public static byte[] ManyTexts(string wamidPrefix, int count, int textLength) =>
        Messages(string.Join(',', Enumerable.Range(0, count)
            .Select(i => Message($"{wamidPrefix}.{i}", 1_800_000_000, "text", "\"text\":{\"body\":\"" + new string('x', textLength) + "\"}"))));

    /// <summary>A text message with a long body, for the claim check.</summary>
    public static byte[] LargeText(string wamid, int approximateBytes) =>
        Text(wamid, new string('x', approximateBytes));

    private static string Message(string wamid, long unixSeconds, string type, string content) =>
        "{\"from\":\"" + UserWaId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + unixSeconds + "\",\"type\":\"" + type + "\"," + content + "}";

    private static byte[] Messages(string message) =>
        Value("\"contacts\":[{\"profile\":{\"name\":\"Test User\"},\"wa_id\":\"" + UserWaId + "\"}],\"messages\":[" + message + "]");

    private static byte[] Value(string fields) =>
        Encoding.UTF8.GetBytes(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-1\",\"changes\":[{\"field\":\"messages\",\"value\":" +
            "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550009999\",\"phone_number_id\":\"" +
            FrontDoorHarness.PhoneNumberId + "\"}," + fields + "}}]}]}");
}
