using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Front door and inbox: 1200-1499 (webhook 1200-1299, inbox 1300-1399; the local queue workers, 1400-1405, moved to
// AstroBot.Continuity.Local).
// Only wamids, counts, codes and queue names: never text, wa_ids, names or links.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information,
        Message = "Webhook recorded: {BodyBytes} bytes, claim check {ClaimCheck}, {MessageCount} messages, {StatusCount} statuses")]
    internal static partial void WebhookRecorded(ILogger logger, int bodyBytes, bool claimCheck, int messageCount, int statusCount);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Webhook subscription verified")]
    internal static partial void WebhookVerified(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Webhook verification rejected: wrong hub.mode or hub.verify_token")]
    internal static partial void WebhookVerificationRejected(ILogger logger);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Webhook verification without a usable hub.challenge")]
    internal static partial void WebhookChallengeMissing(ILogger logger);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Webhook body over the 3 MB limit refused (declared length {DeclaredLength})")]
    internal static partial void WebhookBodyTooLarge(ILogger logger, long? declaredLength);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Webhook signature rejected (header present: {HeaderPresent})")]
    internal static partial void WebhookSignatureRejected(ILogger logger, bool headerPresent);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Webhook payload rejected: {ParseError}")]
    internal static partial void WebhookPayloadInvalid(ILogger logger, string? parseError);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Error, Message = "Webhook could not be recorded; answered 503 so Meta retries")]
    internal static partial void WebhookRecordFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Warning,
        Message = "Inbox storage not ready at start-up (attempt {Attempt}, {ErrorType}); the front door answers 503 until it is")]
    internal static partial void StorageNotReadyAtStart(ILogger logger, int attempt, string errorType);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "Webhook body could not be read; answered {StatusCode}")]
    internal static partial void WebhookBodyUnreadable(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Message {Wamid} already processed; duplicate skipped")]
    internal static partial void InboxMessageDuplicate(ILogger logger, string wamid);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Message {Wamid} was routed by a concurrent delivery too; the bot dedupes by wamid")]
    internal static partial void InboxMessageRacedDuplicate(ILogger logger, string wamid);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Message {Wamid} handed to the bot (type {MessageType})")]
    internal static partial void InboxMessageRoutedToBot(ILogger logger, string wamid, string messageType);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Message {Wamid}: continuity command {Command} handled")]
    internal static partial void InboxCommandHandled(ILogger logger, string wamid, ContinuityCommand command);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Outbound {Wamid}: status {Status} applied {Applied}, now {Current}")]
    internal static partial void InboxStatusApplied(ILogger logger, string wamid, MessageStatus status, bool applied, MessageStatus current);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Meta reported webhook error {ErrorCode}")]
    internal static partial void InboxMetaErrorReported(ILogger logger, int errorCode);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Message ledger pruned: {RowCount} rows")]
    internal static partial void LedgerPruned(ILogger logger, int rowCount);
}
