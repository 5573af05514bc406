using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// One-text-message webhooks in Meta's 2026 shapes (the held examples: tests/AstroBot.Continuity.Tests/WhatsApp/Webhooks/Fixtures/bsuid,
/// <c>text-phone-and-bsuid.json</c> and <c>text-bsuid-only-username.json</c>), signed as Meta signs them. A phone-number
/// user's webhook has <c>wa_id</c> and <c>from</c>, a username user's has <c>profile.username</c> instead; the profile
/// name of the shorter kind is padded so both kinds are the same number of bytes, and the comparison is of the identifiers alone.
/// </summary>
internal static class IdentityWebhooks
{
    private const string ProfileName = "Bench User";
    private const string Text = "What do the stars say about my week?";

    private static readonly Lazy<(string Phone, string Username)> ProfileNames = new(SizeMatchedProfileNames);

    /// <summary>
    /// <paramref name="count"/> webhooks with unique wamids (<c>wamid.bench.{label}.{i}</c>) from <c>sender(i)</c>, stamped
    /// <c>sentAt(i)</c> and signed with <paramref name="appSecret"/>; built before a round so signing is never timed.
    /// </summary>
    public static SignedWebhook[] Build(
        string label, int count, Func<int, UserIdentifiers> sender, Func<int, DateTimeOffset> sentAt, string appSecret, string phoneNumberId)
    {
        var signature = new WebhookSignature(appSecret);
        var webhooks = new SignedWebhook[count];
        for (var i = 0; i < count; i++)
        {
            var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.bench.{label}.{i}");
            var body = TextMessage(phoneNumberId, sender(i), wamid, sentAt(i));
            webhooks[i] = new SignedWebhook(wamid, body, signature.Sign(body));
        }

        return webhooks;
    }

    /// <summary>The UTF-8 body of one text message from <paramref name="sender"/>, fields in the order Meta sends them.</summary>
    public static byte[] TextMessage(string phoneNumberId, UserIdentifiers sender, string wamid, DateTimeOffset sentAt) =>
        Compose(phoneNumberId, sender, sender.Phone is null ? ProfileNames.Value.Username : ProfileNames.Value.Phone, wamid, sentAt);

    private static byte[] Compose(string phoneNumberId, UserIdentifiers sender, string profileName, string wamid, DateTimeOffset sentAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("object", "whatsapp_business_account");
            json.WriteStartArray("entry");
            json.WriteStartObject();
            json.WriteString("id", "0");
            json.WriteStartArray("changes");
            json.WriteStartObject();
            json.WriteStartObject("value");
            json.WriteString("messaging_product", "whatsapp");
            json.WriteStartObject("metadata");
            json.WriteString("display_phone_number", phoneNumberId);
            json.WriteString("phone_number_id", phoneNumberId);
            json.WriteEndObject();

            json.WriteStartArray("contacts");
            json.WriteStartObject();
            json.WriteStartObject("profile");
            json.WriteString("name", profileName);
            WriteIfPresent(json, "username", sender.Username);
            json.WriteEndObject();
            WriteIfPresent(json, "wa_id", sender.Phone);
            WriteIfPresent(json, "user_id", sender.Bsuid);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("messages");
            json.WriteStartObject();
            WriteIfPresent(json, "from", sender.Phone);
            WriteIfPresent(json, "from_user_id", sender.Bsuid);
            json.WriteString("id", wamid);
            json.WriteString("timestamp", sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            json.WriteString("type", "text");
            json.WriteStartObject("text");
            json.WriteString("body", Text);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteString("field", "messages");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Meta leaves an absent identifier out rather than sending null.
    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    // The identifiers' lengths are fixed (BenchSenders), so one sample of each kind tells the difference.
    private static (string Phone, string Username) SizeMatchedProfileNames()
    {
        var at = DateTimeOffset.UnixEpoch.AddYears(56);
        var phone = Compose("0", BenchSenders.PhoneUser(0), ProfileName, "w", at).Length;
        var username = Compose("0", BenchSenders.UsernameUser(0), ProfileName, "w", at).Length;
        return (ProfileName + new string('.', Math.Max(0, username - phone)), ProfileName + new string('.', Math.Max(0, phone - username)));
    }
}
