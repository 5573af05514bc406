using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// Webhooks as the front door records them in the inbox queue (the Base64 envelope with the raw body), built before a
/// round. Every message of the run is stamped one second after the one built before it, starting a day ago: a user's
/// next message is always newer than their last, so the ledger's "last wrote" row moves forward for the product and
/// the bare loop alike, as it does for people writing one message after another.
/// </summary>
internal sealed class RecordedWebhooks(DateTimeOffset runStartedAt)
{
    private readonly DateTimeOffset firstStamp = runStartedAt.AddDays(-1);
    private int stamped;

    /// <summary>One recorded webhook, and who sent it.</summary>
    public sealed record Recorded(string Wamid, UserIdentifiers Sender, string QueueText);

    /// <summary><paramref name="count"/> recorded one-text-message webhooks from <c>sender(i)</c>, wamids <c>wamid.bench.{label}.{i}</c>.</summary>
    public Recorded[] Build(string label, int count, Func<int, UserIdentifiers> sender)
    {
        if (stamped + count > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw new InvalidOperationException("The run would stamp messages in the future.");
        }

        var receivedAt = TimeProvider.System.GetUtcNow();
        var webhooks = IdentityWebhooks.Build(label, count, sender, i => firstStamp.AddSeconds(stamped + i), LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId);
        stamped += count;
        return [.. webhooks.Select((webhook, i) => new Recorded(webhook.Wamid, sender(i), WebhookEnvelope.Inline(webhook.Body, receivedAt).ToQueueText()))];
    }
}
