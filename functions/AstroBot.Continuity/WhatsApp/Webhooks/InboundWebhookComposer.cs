using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Composes the webhooks Meta sends when a user writes to the bot or changes their phone number or BSUID, in
/// Meta's documented shape (the held examples are under tests/AstroBot.Continuity.Tests/WhatsApp/Webhooks/Fixtures/bsuid).
/// Used by <c>continuity chat</c> to stand in for WhatsApp, and by the benchmark's load generator.
/// </summary>
public static class InboundWebhookComposer
{
    // Meta leaves an absent identifier out rather than sending null (wa_id of a username user, from of user_changed_user_id).
    // The default encoder escapes non-ASCII as \uXXXX, as Meta does.
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The UTF-8 JSON body of a webhook carrying one text message from the user with phone number <paramref name="fromWaId"/> (no BSUID).</summary>
    public static byte[] TextMessage(string phoneNumberId, string fromWaId, string profileName, string wamid, string text, DateTimeOffset sentAt) =>
        TextMessage(phoneNumberId, new UserIdentifiers(fromWaId, null), profileName, wamid, text, sentAt);

    /// <summary>
    /// The UTF-8 JSON body of a webhook carrying one text message from <paramref name="sender"/>: <c>from</c> and
    /// <c>contacts[].wa_id</c> when the phone number is shared, <c>from_user_id</c> and <c>contacts[].user_id</c> for the
    /// BSUID, the parent BSUID likewise, and the username in <c>contacts[].profile.username</c>.
    /// </summary>
    public static byte[] TextMessage(string phoneNumberId, UserIdentifiers sender, string profileName, string wamid, string text, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (sender.IsAnonymous)
        {
            throw new ArgumentException("A user message has a phone number or a BSUID.", nameof(sender));
        }

        var contact = new
        {
            profile = new { name = profileName, username = sender.Username },
            wa_id = sender.Phone,
            user_id = sender.Bsuid,
            parent_user_id = sender.ParentBsuid,
        };
        var message = new
        {
            from = sender.Phone,
            from_user_id = sender.Bsuid,
            from_parent_user_id = sender.ParentBsuid,
            id = wamid,
            timestamp = UnixSeconds(sentAt),
            type = "text",
            text = new { body = text },
        };
        return Compose(phoneNumberId, new[] { contact }, message);
    }

    /// <summary>
    /// The UTF-8 JSON body of the system message WhatsApp sends when a user changes their phone number:
    /// <c>user_changed_number</c> from the old number, with the new number in <c>system.wa_id</c>, the BSUID Meta
    /// regenerated in <c>system.user_id</c> and the old one in <c>system.previous_user_id</c>. No <c>contacts</c>.
    /// </summary>
    public static byte[] NumberChanged(string phoneNumberId, UserIdentifiers previous, UserIdentifiers current, string profileName, string wamid, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrEmpty(previous.Phone);
        ArgumentException.ThrowIfNullOrEmpty(current.Phone);
        var message = new
        {
            from = previous.Phone,
            id = wamid,
            timestamp = UnixSeconds(changedAt),
            type = "system",
            system = new
            {
                body = $"User {profileName} changed from {previous.Phone} to {current.Phone}",
                wa_id = current.Phone,
                user_id = current.Bsuid,
                previous_user_id = previous.Bsuid,
                type = "user_changed_number",
            },
        };
        return Compose(phoneNumberId, contacts: null, message);
    }

    /// <summary>
    /// The UTF-8 JSON body of the system message WhatsApp sends when a user's BSUID changes and no phone number
    /// is shared (a username user whose number changed): <c>user_changed_user_id</c>, with no sender field at all.
    /// </summary>
    public static byte[] UserIdChanged(string phoneNumberId, string previousBsuid, string currentBsuid, string profileName, string wamid, DateTimeOffset changedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(previousBsuid);
        ArgumentException.ThrowIfNullOrEmpty(currentBsuid);
        var message = new
        {
            id = wamid,
            timestamp = UnixSeconds(changedAt),
            type = "system",
            system = new
            {
                body = $"User {profileName} changed from {previousBsuid} to {currentBsuid}",
                user_id = currentBsuid,
                previous_user_id = previousBsuid,
                type = "user_changed_user_id",
            },
        };
        return Compose(phoneNumberId, contacts: null, message);
    }

    private static byte[] Compose(string phoneNumberId, object? contacts, object message)
    {
        var payload = new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "0",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = phoneNumberId, phone_number_id = phoneNumberId },
                                contacts,
                                messages = new[] { message },
                            },
                        },
                    },
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload, Json);
    }

    private static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
