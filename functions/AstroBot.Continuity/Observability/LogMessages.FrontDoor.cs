using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Front door and inbox: 1200-1499 (webhook 1200-1299, inbox 1300-1399; 1400-1499 are the local queue workers' and the
// bot stand-in's, in AstroBot.Continuity.Local). Ids in ContinuityEventId.
// Only wamids, counts, codes and queue names: never text, wa_ids, names or links.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.WebhookRecorded, Level = LogLevel.Information,
        Message = "Webhook recorded: {BodyBytes} bytes, claim check {ClaimCheck}, {MessageCount} messages, {StatusCount} statuses")]
    internal static partial void WebhookRecorded(ILogger logger, int bodyBytes, bool claimCheck, int messageCount, int statusCount);

    [LoggerMessage(EventId = ContinuityEventId.WebhookVerified, Level = LogLevel.Information, Message = "Webhook subscription verified")]
    internal static partial void WebhookVerified(ILogger logger);

    [LoggerMessage(EventId = ContinuityEventId.WebhookVerificationRejected, Level = LogLevel.Warning, Message = "Webhook verification rejected: wrong hub.mode or hub.verify_token")]
    internal static partial void WebhookVerificationRejected(ILogger logger);

    [LoggerMessage(EventId = ContinuityEventId.WebhookChallengeMissing, Level = LogLevel.Warning, Message = "Webhook verification without a usable hub.challenge")]
    internal static partial void WebhookChallengeMissing(ILogger logger);

    [LoggerMessage(EventId = ContinuityEventId.WebhookBodyTooLarge, Level = LogLevel.Warning, Message = "Webhook body over the 3 MB limit refused (declared length {DeclaredLength})")]
    internal static partial void WebhookBodyTooLarge(ILogger logger, long? declaredLength);

    [LoggerMessage(EventId = ContinuityEventId.WebhookSignatureRejected, Level = LogLevel.Warning, Message = "Webhook signature rejected (header present: {HeaderPresent})")]
    internal static partial void WebhookSignatureRejected(ILogger logger, bool headerPresent);

    [LoggerMessage(EventId = ContinuityEventId.WebhookPayloadInvalid, Level = LogLevel.Warning, Message = "Webhook payload rejected: {ParseError}")]
    internal static partial void WebhookPayloadInvalid(ILogger logger, string? parseError);

    [LoggerMessage(EventId = ContinuityEventId.WebhookRecordFailed, Level = LogLevel.Error, Message = "Webhook could not be recorded; answered 503 so Meta retries")]
    internal static partial void WebhookRecordFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = ContinuityEventId.WebhookBodyUnreadable, Level = LogLevel.Warning, Message = "Webhook body could not be read; answered {StatusCode}")]
    internal static partial void WebhookBodyUnreadable(ILogger logger, int statusCode);

    [LoggerMessage(EventId = ContinuityEventId.StorageNotReadyAtStart, Level = LogLevel.Warning,
        Message = "Inbox storage not ready at start-up (attempt {Attempt}, {ErrorType}); the front door answers 503 until it is")]
    internal static partial void StorageNotReadyAtStart(ILogger logger, int attempt, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.InboxMessageDuplicate, Level = LogLevel.Information, Message = "Message {Wamid} already processed; duplicate skipped")]
    internal static partial void InboxMessageDuplicate(ILogger logger, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.InboxMessageRacedDuplicate, Level = LogLevel.Warning, Message = "Message {Wamid} was routed by a concurrent delivery too; the bot dedupes by wamid")]
    internal static partial void InboxMessageRacedDuplicate(ILogger logger, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.InboxMessageRoutedToBot, Level = LogLevel.Information, Message = "Message {Wamid} handed to the bot (type {MessageType})")]
    internal static partial void InboxMessageRoutedToBot(ILogger logger, string wamid, string messageType);

    [LoggerMessage(EventId = ContinuityEventId.InboxCommandHandled, Level = LogLevel.Information, Message = "Message {Wamid}: continuity command {Command} handled")]
    internal static partial void InboxCommandHandled(ILogger logger, string wamid, ContinuityCommand command);

    [LoggerMessage(EventId = ContinuityEventId.InboxStatusApplied, Level = LogLevel.Debug, Message = "Outbound {Wamid}: status {Status} applied {Applied}, now {Current}")]
    internal static partial void InboxStatusApplied(ILogger logger, string wamid, MessageStatus status, bool applied, MessageStatus current);

    [LoggerMessage(EventId = ContinuityEventId.InboxMetaErrorReported, Level = LogLevel.Warning, Message = "Meta reported webhook error {ErrorCode}")]
    internal static partial void InboxMetaErrorReported(ILogger logger, int errorCode);

    [LoggerMessage(EventId = ContinuityEventId.LedgerPruned, Level = LogLevel.Information, Message = "Message ledger pruned: {RowCount} rows")]
    internal static partial void LedgerPruned(ILogger logger, int rowCount);

    // The inbox alert (bicep/modules/inboxAlerts.bicep) reads this event's EventId, PoisonQueueName and PoisonMessages:
    // keep the id and those names. Warning when the poison queue holds messages, else Information.
    [LoggerMessage(EventId = ContinuityEventId.PoisonQueueChecked,
        Message = "Queue {QueueAlias} ({QueueName}): {QueueMessages} messages; poison queue {PoisonQueueName}: {PoisonMessages} messages")]
    internal static partial void PoisonQueueChecked(
        ILogger logger, LogLevel level, string queueAlias, string queueName, long queueMessages, string poisonQueueName, long poisonMessages);

    [LoggerMessage(EventId = ContinuityEventId.PoisonMessagesKeptForever, Level = LogLevel.Information,
        Message = "Poison queue {PoisonQueueName}: {MessageCount} messages re-sent with an infinite time-to-live (the Functions runtime gave them 7 days)")]
    internal static partial void PoisonMessagesKeptForever(ILogger logger, string poisonQueueName, int messageCount);

    [LoggerMessage(EventId = ContinuityEventId.PoisonRedriven, Level = LogLevel.Information,
        Message = "Redrive from {PoisonQueueName} to {QueueName}: {MovedCount} messages moved, {RemainingCount} remain")]
    internal static partial void PoisonRedriven(ILogger logger, string poisonQueueName, string queueName, long movedCount, long remainingCount);

    [LoggerMessage(EventId = ContinuityEventId.PoisonRedriveStopped, Level = LogLevel.Warning,
        Message = "Redrive from {PoisonQueueName} to {QueueName} stopped after {MovedCount} messages: {Failure}")]
    internal static partial void PoisonRedriveStopped(ILogger logger, string poisonQueueName, string queueName, long movedCount, string failure);
}
