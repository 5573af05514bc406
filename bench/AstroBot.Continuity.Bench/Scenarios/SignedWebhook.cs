using System.Globalization;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>One webhook as Meta would POST it: the raw body, its signature and the wamid it carries.</summary>
internal sealed record SignedWebhook(string Wamid, byte[] Body, string Signature)
{
    /// <summary>
    /// Builds <paramref name="count"/> one-text-message webhooks with unique wamids (<c>wamid.bench.{label}.{i}</c>),
    /// signed with <paramref name="appSecret"/>, from <paramref name="senders"/> different senders in turn. Built before a
    /// round so signing is never timed.
    /// </summary>
    public static SignedWebhook[] Build(string label, int count, string appSecret, string phoneNumberId, DateTimeOffset sentAt, int senders = 10_000)
    {
        var signature = new WebhookSignature(appSecret);
        var webhooks = new SignedWebhook[count];
        for (var i = 0; i < count; i++)
        {
            var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.bench.{label}.{i}");
            // A spread of senders, as a real number sees: one user would never write this fast.
            var from = string.Create(CultureInfo.InvariantCulture, $"4470000{i % senders:D5}");
            var body = InboundWebhookComposer.TextMessage(phoneNumberId, from, "Bench User", wamid, "What do the stars say about my week?", sentAt);
            webhooks[i] = new SignedWebhook(wamid, body, signature.Sign(body));
        }

        return webhooks;
    }

    /// <summary>One text message from <paramref name="from"/>, as a user of the bot sends it (e.g. EXPORT, then YES).</summary>
    public static SignedWebhook Text(string from, string wamid, string text, string appSecret, string phoneNumberId, DateTimeOffset sentAt)
    {
        var body = InboundWebhookComposer.TextMessage(phoneNumberId, from, "Bench User", wamid, text, sentAt);
        return new SignedWebhook(wamid, body, new WebhookSignature(appSecret).Sign(body));
    }
}
