using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// Takes the answer to EXPORT and DELETE MY DATA. While a question is open, YES carries it out (the export is
/// queued, or the data erased) and the message goes nowhere else; any other message cancels it (the user is told
/// nothing was exported or deleted) and is then routed as usual, so no message is lost. A YES sent after the
/// window is an ordinary message. The YES is written under the row's ETag with its wamid, so a redelivered YES
/// repeats the same idempotent steps instead of starting a second export.
/// </summary>
public sealed class PortabilityConfirmationGate(
    PendingConfirmations confirmations,
    ExportRequestQueue exportRequests,
    WhatsAppErasure erasure,
    ReplySender replies,
    TimeProvider time,
    ILogger<PortabilityConfirmationGate> logger) : IConfirmationGate
{
    // Meta's clock against ours: a YES stamped a little before the question was asked still answers it.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    // A conditional write loses only to another delivery for the same user; a few rounds settle any race.
    private const int MaxRounds = 4;

    /// <inheritdoc />
    public async Task<ConfirmationGateResult> InspectAsync(InboundMessage message, MessageSender sender, DateTimeOffset lastInboundAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sender);
        for (var round = 0; round < MaxRounds; round++)
        {
            var pending = await confirmations.GetAsync(sender.UserKey, ct).ConfigureAwait(false);
            if (pending is null)
            {
                return ConfirmationGateResult.PassThrough;
            }

            if (pending.ConfirmedBy == message.Wamid)
            {
                // The same YES again (redelivered after a crash): repeat the idempotent steps.
                LogMessages.ConfirmationRedelivered(logger, pending.Command, message.Wamid);
                await CarryOutAsync(sender, pending, lastInboundAt, ct).ConfigureAwait(false);
                return ConfirmationGateResult.Consumed;
            }

            // Already answered, the command that asked (redelivered), or sent before the question: not an answer.
            if (pending.ConfirmedBy is not null || pending.AskedBy == message.Wamid || message.Timestamp < pending.AskedAt - ClockSkew)
            {
                return ConfirmationGateResult.PassThrough;
            }

            // Sent when Meta stamped it, or now if that is earlier: a backlog in the inbox does not expire an answer.
            var answeredAt = Min(message.Timestamp, time.GetUtcNow());
            if (answeredAt >= pending.ExpiresAt)
            {
                await confirmations.RemoveAsync(sender.UserKey, pending.ETag, ct).ConfigureAwait(false);
                LogMessages.ConfirmationExpired(logger, pending.Command, message.Wamid);
                return ConfirmationGateResult.PassThrough;
            }

            if (ConfirmationAnswer.IsYes(message))
            {
                var exportId = pending.Command == ContinuityCommand.Export ? ExportRecord.IdFor(time.GetUtcNow()) : null;
                if (await confirmations.ConfirmAsync(sender.UserKey, pending, message.Wamid, exportId, ct).ConfigureAwait(false) is not { } confirmed)
                {
                    continue;
                }

                LogMessages.ConfirmationAccepted(logger, pending.Command, message.Wamid);
                await CarryOutAsync(sender, confirmed, lastInboundAt, ct).ConfigureAwait(false);
                return ConfirmationGateResult.Consumed;
            }

            if (ContinuityCommandParser.Parse(message) == pending.Command)
            {
                // Asked again: the command handler asks again (or answers from the cooldown).
                return ConfirmationGateResult.PassThrough;
            }

            if (!await confirmations.RemoveAsync(sender.UserKey, pending.ETag, ct).ConfigureAwait(false))
            {
                continue;
            }

            LogMessages.ConfirmationCancelled(logger, pending.Command, message.Wamid);
            var cancelled = pending.Command == ContinuityCommand.Export ? PortabilityReplies.ExportCancelled : PortabilityReplies.DeleteCancelled;
            await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, cancelled, lastInboundAt, ct).ConfigureAwait(false);
            return ConfirmationGateResult.PassThrough;
        }

        throw new InvalidOperationException($"The confirmation row kept changing under {MaxRounds} conditional writes; the queue will retry.");
    }

    private async Task CarryOutAsync(MessageSender sender, PendingConfirmation confirmed, DateTimeOffset lastInboundAt, CancellationToken ct)
    {
        if (confirmed.Command == ContinuityCommand.Export)
        {
            await exportRequests.SubmitAsync(sender.UserKey, confirmed.ExportId!, time.GetUtcNow(), ct).ConfigureAwait(false);
            await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.ExportStarted, lastInboundAt, ct).ConfigureAwait(false);
            return;
        }

        await erasure.EraseAsync(sender, lastInboundAt, ct).ConfigureAwait(false);

        // Last: until the user has been told, a redelivered YES finds the question and finishes the job.
        await confirmations.RemoveAsync(sender.UserKey, ETag.All, ct).ConfigureAwait(false);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
