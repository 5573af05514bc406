using AstroBot.Continuity.Availability.Inbox;
using Azure.Storage.Sas;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Portability: 6000-6999 (confirmations 6000-6099, exports 6100-6199, links 6200-6299, erasure 6300-6399, imports 6400-6499;
// ids in ContinuityEventId).
// Only wamids, export ids (a UTC day), counts and kinds: never a link, a blob name, a wa_id or a user reference.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.ConfirmationAsked, Level = LogLevel.Information, Message = "Message {Wamid}: asked the user to confirm {Command}")]
    internal static partial void ConfirmationAsked(ILogger logger, ContinuityCommand command, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ConfirmationAccepted, Level = LogLevel.Information, Message = "Message {Wamid}: {Command} confirmed")]
    internal static partial void ConfirmationAccepted(ILogger logger, ContinuityCommand command, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ConfirmationCancelled, Level = LogLevel.Information, Message = "Message {Wamid}: {Command} cancelled; the message is routed as usual")]
    internal static partial void ConfirmationCancelled(ILogger logger, ContinuityCommand command, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ConfirmationExpired, Level = LogLevel.Information, Message = "Message {Wamid}: the {Command} question had expired; the message is routed as usual")]
    internal static partial void ConfirmationExpired(ILogger logger, ContinuityCommand command, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ConfirmationRedelivered, Level = LogLevel.Information, Message = "Message {Wamid}: the YES to {Command} was delivered again; repeating its idempotent steps")]
    internal static partial void ConfirmationRedelivered(ILogger logger, ContinuityCommand command, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ExportRequestQueued, Level = LogLevel.Information, Message = "Export {ExportId} queued")]
    internal static partial void ExportRequestQueued(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportScheduled, Level = LogLevel.Information, Message = "Export {ExportId} orchestration scheduled")]
    internal static partial void ExportScheduled(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportDuplicateSkipped, Level = LogLevel.Information, Message = "Export {ExportId} already has an orchestration ({Status}); duplicate request skipped")]
    internal static partial void ExportDuplicateSkipped(ILogger logger, string exportId, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = ContinuityEventId.ExportRestarted, Level = LogLevel.Information, Message = "Export {ExportId} requested again after a failure; its finished orchestration is purged and restarted")]
    internal static partial void ExportRestarted(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportBuilt, Level = LogLevel.Information, Message = "Export {ExportId} built: {ArchiveBytes} bytes uploaded")]
    internal static partial void ExportBuilt(ILogger logger, string exportId, int archiveBytes);

    [LoggerMessage(EventId = ContinuityEventId.ExportAbandoned, Level = LogLevel.Warning, Message = "Export {ExportId} abandoned: its record is gone (the user erased their data)")]
    internal static partial void ExportAbandoned(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportFailed, Level = LogLevel.Error, Message = "Export {ExportId} failed; the user was told to try again")]
    internal static partial void ExportFailed(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportLinkSigned, Level = LogLevel.Information, Message = "Export link signed ({SasKind} SAS, protocol {Protocol})")]
    internal static partial void ExportLinkSigned(ILogger logger, string sasKind, SasProtocol protocol);

    [LoggerMessage(EventId = ContinuityEventId.ExportLinkSent, Level = LogLevel.Information, Message = "Export {ExportId}: link sent as a document")]
    internal static partial void ExportLinkSent(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportLinkResent, Level = LogLevel.Information, Message = "Export {ExportId}: repeated EXPORT in the cooldown; the latest link is sent again")]
    internal static partial void ExportLinkResent(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.ExportLinkHeldBack, Level = LogLevel.Warning, Message = "Export {ExportId}: the user's 24 h window is closed; template sent, link held back until they write")]
    internal static partial void ExportLinkHeldBack(ILogger logger, string exportId);

    [LoggerMessage(EventId = ContinuityEventId.UserErasedThroughWhatsApp, Level = LogLevel.Information,
        Message = "User erased through WhatsApp: {ItemsDeleted} items, backup key destroyed {BackupKeyDestroyed}, {AuditRecordsDeleted} audit records, {ExportsDeleted} exports")]
    internal static partial void UserErasedThroughWhatsApp(ILogger logger, int itemsDeleted, bool backupKeyDestroyed, int auditRecordsDeleted, int exportsDeleted);

    [LoggerMessage(EventId = ContinuityEventId.AdminImportDone, Level = LogLevel.Information,
        Message = "Admin import (dry run {DryRun}): {Records} records, {Created} created, {Overwritten} overwritten")]
    internal static partial void AdminImportDone(ILogger logger, bool dryRun, int records, int created, int overwritten);

    [LoggerMessage(EventId = ContinuityEventId.AdminImportRefused, Level = LogLevel.Warning, Message = "Admin import refused by its checks; nothing was written")]
    internal static partial void AdminImportRefused(ILogger logger);
}
