using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>
/// The inbox's work on one recorded webhook without the identity directory: the same steps as <see cref="InboxProcessor"/>,
/// through the host's own ledger and confirmation table, in the same order (envelope opened and parsed, the ledger's
/// <c>IsProcessed</c>, <c>RecordInbound</c>, the confirmation gate's read, the enqueue of the same contract message, <c>MarkProcessed</c>),
/// with the sender's person taken from memory instead of resolved. The enqueue goes to a queue of its own on the same Azurite.
/// </summary>
/// <param name="keysByBsuid">Each known user's key, as the directory gave it before the clock started.</param>
internal sealed class BareInboxWork(MessageLedger ledger, PendingConfirmations confirmations, QueueClient botQueue, IReadOnlyDictionary<string, string> keysByBsuid)
{
    /// <summary>Processes the text of one inbox queue message; throws on any failure, as the product does.</summary>
    public async Task ProcessAsync(string queueText, CancellationToken ct)
    {
        var envelope = WebhookEnvelope.FromQueueText(queueText);
        var batch = WebhookPayloadParser.Parse(envelope.Body ?? throw new InvalidDataException("A bench webhook went through the claim check.")).Batch
            ?? throw new InvalidDataException("A recorded webhook does not parse.");
        foreach (var message in batch.Messages)
        {
            if (await ledger.IsProcessedAsync(message.Wamid, ct).ConfigureAwait(false))
            {
                continue;
            }

            var userKey = keysByBsuid[message.Sender.Bsuid ?? throw new InvalidDataException("Every bench sender has a BSUID.")];
            var sender = new MessageSender(userKey, message.Sender.ReplyAddress!);
            await ledger.RecordInboundAsync(userKey, message.Timestamp, ct).ConfigureAwait(false);
            if (await confirmations.GetAsync(userKey, ct).ConfigureAwait(false) is not null)
            {
                throw new InvalidOperationException("A bench user has a question open: the gate would not pass the message on.");
            }

            await botQueue.SendMessageAsync(BotInboundMessage.Create(message, sender, envelope.ReceivedAt).ToQueueText(), ct).ConfigureAwait(false);
            await ledger.MarkProcessedAsync(message.Wamid, ct).ConfigureAwait(false);
        }
    }
}
