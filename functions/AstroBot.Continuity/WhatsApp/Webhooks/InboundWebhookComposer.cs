using System.Globalization;
using System.Text.Json;

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// Composes the webhook Meta sends when a user writes to the bot, in Meta's documented shape. Used by
/// <c>continuity chat</c> to stand in for WhatsApp, and by the benchmark's load generator.
/// </summary>
public static class InboundWebhookComposer
{
    /// <summary>The UTF-8 JSON body of a webhook carrying one text message.</summary>
    public static byte[] TextMessage(string phoneNumberId, string fromWaId, string profileName, string wamid, string text, DateTimeOffset sentAt)
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
                                contacts = new[] { new { profile = new { name = profileName }, wa_id = fromWaId } },
                                messages = new[]
                                {
                                    new
                                    {
                                        from = fromWaId,
                                        id = wamid,
                                        timestamp = sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                                        type = "text",
                                        text = new { body = text },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };

        // The default encoder escapes non-ASCII as \uXXXX, as Meta does.
        return JsonSerializer.SerializeToUtf8Bytes(payload);
    }
}
