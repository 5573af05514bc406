using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// The reply outbox (WhatsApp/Outbox): 1100-1119, in the WhatsApp protocol's range. Ids in ContinuityEventId.
// Message types, entry ids (the row key: a time and a random id), wamids, statuses and counts only: never the reply, the
// address, the user key or the user's partition (a pseudonym, still personal data).
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.ReplyQueuedGraphUnavailable, Level = LogLevel.Warning,
        Message = "Graph API unavailable (HTTP {HttpStatus}, error code {ErrorCode}) after its retries: the {MessageType} reply waits in the outbox")]
    internal static partial void ReplyQueuedGraphUnavailable(ILogger logger, string messageType, int? httpStatus, int? errorCode);

    [LoggerMessage(EventId = ContinuityEventId.ReplyQueuedBehindWaiting, Level = LogLevel.Information,
        Message = "The {MessageType} reply waits in the outbox behind the user's earlier replies")]
    internal static partial void ReplyQueuedBehindWaiting(ILogger logger, string messageType);

    [LoggerMessage(EventId = ContinuityEventId.OutboxReplySent, Level = LogLevel.Information,
        Message = "Outbox entry {EntryId} sent as {Wamid} after waiting {Waited}")]
    internal static partial void OutboxReplySent(ILogger logger, string entryId, string wamid, TimeSpan waited);

    [LoggerMessage(EventId = ContinuityEventId.OutboxGraphStillUnavailable, Level = LogLevel.Warning,
        Message = "Outbox drain stopped at entry {EntryId}: the Graph API still fails (HTTP {HttpStatus}, error code {ErrorCode}); everything waits for the next run")]
    internal static partial void OutboxGraphStillUnavailable(ILogger logger, string entryId, int? httpStatus, int? errorCode);

    [LoggerMessage(EventId = ContinuityEventId.OutboxEntryUnreadable, Level = LogLevel.Error,
        Message = "Outbox entry {EntryId} cannot be read ({Problem}): parked, never sent; the user's later replies go on")]
    internal static partial void OutboxEntryUnreadable(ILogger logger, string entryId, string problem);

    [LoggerMessage(EventId = ContinuityEventId.OutboxEntryRefused, Level = LogLevel.Error,
        Message = "Outbox entry {EntryId} refused by the Graph API for good (HTTP {HttpStatus}, error code {ErrorCode}): parked, never sent; the user's later replies go on")]
    internal static partial void OutboxEntryRefused(ILogger logger, string entryId, int? httpStatus, int? errorCode);

    [LoggerMessage(EventId = ContinuityEventId.OutboxDrained, Level = LogLevel.Information,
        Message = "Outbox drained: {SentCount} sent, {ParkedCount} parked, {UnreachableCount} unreachable, {BusyUserCount} users held by another drain ({Outcome})")]
    internal static partial void OutboxDrained(ILogger logger, int sentCount, int parkedCount, int unreachableCount, int busyUserCount, OutboxDrainOutcome outcome);

    [LoggerMessage(EventId = ContinuityEventId.OutboxUnreadable, Level = LogLevel.Warning,
        Message = "The reply outbox cannot be read ({ErrorType}): the {MessageType} reply is sent directly, without checking for replies waiting before it")]
    internal static partial void OutboxUnreadable(ILogger logger, string errorType, string messageType);
}
