using System.Text;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Availability.Probe;

/// <summary>
/// Webhooks that claim to come from the probe user: the probe's own, and the forged and odd ones a test throws at the
/// front door and the inbox. Also the settings that give a test its own probe table.
/// </summary>
internal static class ProbeWebhooks
{
    public const string Region = "test-region";

    public static string WaId => ProbeOptions.DefaultProbeWaId;

    public static string Bsuid => ProbeOptions.DefaultProbeBsuid;

    /// <summary>The harness settings for the probe: its own table, a region name, and any <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Availability:ProbeTableName"] = Fixtures.EmulatorEndpoints.UniqueName("probes"),
            ["Availability:Region"] = Region,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The webhook the probe sends, as <see cref="AvailabilityProbe"/> composes it.</summary>
    public static byte[] Text(string wamid, DateTimeOffset sentAt, string text = AvailabilityProbe.ProbeText, UserIdentifiers? sender = null) =>
        InboundWebhookComposer.TextMessage(
            FrontDoorHarness.PhoneNumberId, sender ?? new UserIdentifiers(WaId, Bsuid), ProbeUser.ProfileName, wamid, text, sentAt);

    /// <summary>A probe-user message with no text (an image) and fields Meta never sent, at the message and value level.</summary>
    public static byte[] OddContent(string wamid, DateTimeOffset sentAt) =>
        Value(
            "\"contacts\":[{\"profile\":{\"name\":\"x\"},\"wa_id\":\"" + WaId + "\",\"user_id\":\"" + Bsuid + "\",\"surprise\":[1,2,3]}]," +
            "\"messages\":[{\"from\":\"" + WaId + "\",\"from_user_id\":\"" + Bsuid + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" +
            sentAt.ToUnixTimeSeconds() + "\",\"type\":\"image\",\"image\":{\"id\":\"media-1\"},\"unexpected\":{\"deep\":{\"er\":true}}}]," +
            "\"extra_field\":\"extra\"");

    /// <summary>A probe-user message without the <c>id</c> Meta always sends: malformed.</summary>
    public static byte[] WithoutId(DateTimeOffset sentAt) =>
        Value("\"messages\":[{\"from\":\"" + WaId + "\",\"timestamp\":\"" + sentAt.ToUnixTimeSeconds() + "\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]");

    /// <summary>The queue text the front door would have recorded for <paramref name="body"/>.</summary>
    public static string Envelope(byte[] body, DateTimeOffset receivedAt) => WebhookEnvelope.Inline(body, receivedAt).ToQueueText();

    private static byte[] Value(string fields) =>
        Encoding.UTF8.GetBytes(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-1\",\"changes\":[{\"field\":\"messages\",\"value\":" +
            "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550009999\",\"phone_number_id\":\"" +
            FrontDoorHarness.PhoneNumberId + "\"}," + fields + "}}]}]}");
}
