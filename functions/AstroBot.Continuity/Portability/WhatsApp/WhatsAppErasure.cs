using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability.Erasure;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// DELETE MY DATA, confirmed: erases the person whichever identifier they wrote from (<see cref="UserEraser"/>: journal,
/// live items, backup key, audit, identity directory), then their export archives and export rows, then tells them
/// at the address they wrote from. Every step is idempotent, so a redelivered YES finishes what a crash interrupted.
/// </summary>
public sealed class WhatsAppErasure(
    UserEraser eraser, ExportRecords records, ExportBlobs blobs, ReplySender replies, ILogger<WhatsAppErasure> logger)
{
    public async Task EraseAsync(MessageSender sender, DateTimeOffset lastInboundAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var waId = sender.UserKey;
        var report = await eraser.EraseAsync(waId, ct).ConfigureAwait(false);
        var exports = 0;
        foreach (var record in await records.ListAsync(waId, ct).ConfigureAwait(false))
        {
            // The blob first: a crash in between leaves a row that points at nothing, never a blob nobody can find.
            if (record.BlobName is { } blobName)
            {
                await blobs.DeleteAsync(blobName, ct).ConfigureAwait(false);
            }

            await records.DeleteAsync(waId, record.ExportId, ct).ConfigureAwait(false);
            exports++;
        }

        LogMessages.UserErasedThroughWhatsApp(logger, report.TotalItemsDeleted, report.BackupKeyDestroyed, report.AuditRecordsDeleted, exports);
        await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.DataDeleted, lastInboundAt, ct).ConfigureAwait(false);
    }
}
