using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// Exports through WhatsApp: the work of the export orchestration's activities (build, deliver, fail) and the
/// answer to a repeated EXPORT (the latest link again). Every step can run twice (activity retries, redelivered
/// messages) without making a second archive. An export belongs to the person (their stable key); the link goes
/// wherever the identity directory says they can be reached when it is sent, so a number changed meanwhile still gets it.
/// </summary>
public sealed class WhatsAppExports(
    UserExporter exporter,
    ExportRecords records,
    ExportBlobs blobs,
    ExportLinkSigner signer,
    AuditTrail audit,
    MessageLedger ledger,
    IdentityLookup identities,
    ReplySender replies,
    IOptions<PortabilityOptions> options,
    TimeProvider time,
    ILogger<WhatsAppExports> logger)
{
    /// <summary>
    /// Builds the archive and uploads it under a fresh unguessable name (the name is recorded first, so erasure
    /// always finds the blob), audits the request, and marks the export ready until now + LinkLifetime.
    /// A rerun after a crash returns the ready export or reuses the recorded name.
    /// </summary>
    public async Task<ExportReady> BuildAsync(ExportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await records.GetAsync(request.WaId, request.ExportId, ct).ConfigureAwait(false);
        if (record is null)
        {
            LogMessages.ExportAbandoned(logger, request.ExportId);
            return new ExportReady(request, null, time.GetUtcNow());
        }

        if (record is { State: ExportState.Ready, BlobName: { } readyBlob, ExpiresAt: { } readyUntil })
        {
            return new ExportReady(request, readyBlob, readyUntil);
        }

        var blobName = record.BlobName ?? ExportBlobName.Create(time.GetUtcNow());
        if (record.BlobName is null && !await records.SetBlobNameAsync(request.WaId, request.ExportId, blobName, ct).ConfigureAwait(false))
        {
            LogMessages.ExportAbandoned(logger, request.ExportId);
            return new ExportReady(request, null, time.GetUtcNow());
        }

        await audit.RecordAsync(request.WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, ct).ConfigureAwait(false);
        var export = await exporter.ExportAsync(request.WaId, ct).ConfigureAwait(false);
        await blobs.UploadAsync(blobName, export.Archive, ct).ConfigureAwait(false);
        var expiresAt = time.GetUtcNow() + options.Value.LinkLifetime;
        if (!await records.MarkReadyAsync(request.WaId, request.ExportId, blobName, export.GeneratedAt, expiresAt, ct).ConfigureAwait(false))
        {
            // Erased while we built it: the archive must not outlive the user's data.
            await blobs.DeleteAsync(blobName, ct).ConfigureAwait(false);
            LogMessages.ExportAbandoned(logger, request.ExportId);
            return new ExportReady(request, null, expiresAt);
        }

        LogMessages.ExportBuilt(logger, request.ExportId, export.Archive.Length);
        return new ExportReady(request, blobName, expiresAt);
    }

    /// <summary>Sends the user the link to a built export (or the reconnect template when their 24 h window is closed).</summary>
    /// <returns>True when the link itself was sent.</returns>
    public async Task<bool> DeliverAsync(ExportReady ready, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (ready.BlobName is null
            || await records.GetAsync(ready.Request.WaId, ready.Request.ExportId, ct).ConfigureAwait(false) is not { State: ExportState.Ready })
        {
            // Nothing built, or erased since: no link to a blob that is gone.
            return false;
        }

        if (await identities.ReplyAddressAsync(ready.Request.WaId, ct).ConfigureAwait(false) is not { } to)
        {
            return false; // erased since: nobody to send it to
        }

        var lastInboundAt = await ledger.GetLastInboundAtAsync(ready.Request.WaId, ct).ConfigureAwait(false);
        var sender = new MessageSender(ready.Request.WaId, to);
        return await SendLinkAsync(sender, ready.Request.ExportId, ready.BlobName, ready.ExpiresAt, lastInboundAt, ct).ConfigureAwait(false);
    }

    /// <summary>The export could not be built or sent: a built one stays available (EXPORT sends it again); otherwise it is marked failed.</summary>
    /// <returns>True when the user was told.</returns>
    public async Task<bool> FailAsync(ExportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await records.GetAsync(request.WaId, request.ExportId, ct).ConfigureAwait(false);
        if (record is null || record.State == ExportState.Ready)
        {
            return false;
        }

        await records.MarkFailedAsync(request.WaId, request.ExportId, ct).ConfigureAwait(false);
        if (record.BlobName is { } partial)
        {
            await blobs.DeleteAsync(partial, ct).ConfigureAwait(false);
        }

        LogMessages.ExportFailed(logger, request.ExportId);
        if (await identities.ReplyAddressAsync(request.WaId, ct).ConfigureAwait(false) is not { } to)
        {
            return false;
        }

        var lastInboundAt = await ledger.GetLastInboundAtAsync(request.WaId, ct).ConfigureAwait(false);
        await replies.SendTextAsync(request.WaId, to, PortabilityReplies.ExportFailed, lastInboundAt, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The export a repeated EXPORT is answered with: the latest one still inside the cooldown, or one whose link
    /// still works (held back when the user's window was closed); failed ones do not count. Null: a new export is allowed.
    /// </summary>
    public async Task<ExportRecord?> LatestInCooldownAsync(string waId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await records.ListAsync(waId, ct).ConfigureAwait(false);
        return all.FirstOrDefault(record =>
            record.State != ExportState.Failed && (now - record.RequestedAt < options.Value.ExportCooldown || record.IsDownloadable(now)));
    }

    /// <summary>
    /// Answers a repeated EXPORT inside the cooldown: the pending status, a fresh link to the same blob with the
    /// same expiry, or when the next export is allowed.
    /// </summary>
    public async Task AnswerRepeatAsync(MessageSender sender, ExportRecord latest, DateTimeOffset lastInboundAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(latest);
        var now = time.GetUtcNow();
        if (latest.State == ExportState.Requested)
        {
            await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.ExportPending, lastInboundAt, ct).ConfigureAwait(false);
        }
        else if (latest.IsDownloadable(now))
        {
            LogMessages.ExportLinkResent(logger, latest.ExportId);
            await SendLinkAsync(sender, latest.ExportId, latest.BlobName!, latest.ExpiresAt!.Value, lastInboundAt, ct).ConfigureAwait(false);
        }
        else
        {
            await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.LinkExpired(latest.RequestedAt + options.Value.ExportCooldown), lastInboundAt, ct)
                .ConfigureAwait(false);
        }
    }

    private async Task<bool> SendLinkAsync(
        MessageSender sender, string exportId, string blobName, DateTimeOffset expiresAt, DateTimeOffset? lastInboundAt, CancellationToken ct)
    {
        if (!CustomerServiceWindow.IsOpen(lastInboundAt, time.GetUtcNow()))
        {
            // Free-form messages are refused outside the window: no link is made; the template invites the user
            // to write again, and EXPORT then sends the link (the export stays ready until it expires).
            await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.ExportPending, lastInboundAt, ct).ConfigureAwait(false);
            LogMessages.ExportLinkHeldBack(logger, exportId);
            return false;
        }

        var link = await signer.SignAsync(blobName, expiresAt, ct).ConfigureAwait(false);
        await audit.RecordAsync(sender.UserKey, AuditEvent.ExportLinkCreated, AuditChannel.WhatsApp, ct).ConfigureAwait(false);
        await replies.SendDocumentAsync(sender.UserKey, sender.ReplyTo, link, ExportBlobName.FileNameOf(blobName), PortabilityReplies.ExportCaption, lastInboundAt, ct)
            .ConfigureAwait(false);
        await replies.SendTextAsync(sender.UserKey, sender.ReplyTo, PortabilityReplies.LinkExpiry(expiresAt), lastInboundAt, ct).ConfigureAwait(false);
        LogMessages.ExportLinkSent(logger, exportId);
        return true;
    }
}
