using AstroBot.Continuity.Availability.Maintenance;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Maintenance mode (Availability/Maintenance): 1380-1399, in the inbox's range. Ids in ContinuityEventId.
// Window ids, wamids, counts and queue names only: never the notice's text (an operator's words, but it can name
// anything), who started a window, or whom a notice went to.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.MaintenanceStarted, Level = LogLevel.Warning,
        Message = "Maintenance window {WindowId} until {Until:O} (new: {Created}): users' messages are held and each user who writes gets the notice once")]
    internal static partial void MaintenanceStarted(ILogger logger, string windowId, DateTimeOffset until, bool created);

    [LoggerMessage(EventId = ContinuityEventId.MaintenanceStopped, Level = LogLevel.Warning,
        Message = "Maintenance window {WindowId} stopped: held messages drain in each region within its next drain run")]
    internal static partial void MaintenanceStopped(ILogger logger, string windowId);

    [LoggerMessage(EventId = ContinuityEventId.MaintenanceWebhookHeld, Level = LogLevel.Information,
        Message = "Webhook with {MessageCount} user messages held (window {WindowId})")]
    internal static partial void MaintenanceWebhookHeld(ILogger logger, int messageCount, string windowId);

    [LoggerMessage(EventId = ContinuityEventId.NoticeSent, Level = LogLevel.Information,
        Message = "Notice of {Occasion} {OccasionId} sent for message {Wamid} (by {AddressKind})")]
    internal static partial void NoticeSent(ILogger logger, string occasion, string occasionId, string wamid, string addressKind);

    [LoggerMessage(EventId = ContinuityEventId.NoticeFailed, Level = LogLevel.Warning,
        Message = "Notice of {Occasion} {OccasionId} for message {Wamid} not sent ({ErrorType}); the message stays held, the user's next message tries again")]
    internal static partial void NoticeFailed(ILogger logger, string occasion, string occasionId, string wamid, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.MaintenanceDrained, Level = LogLevel.Information,
        Message = "Held queue drained: {ProcessedCount} processed, {PoisonedCount} poisoned, {RemainingCount} remain ({Outcome})")]
    internal static partial void MaintenanceDrained(ILogger logger, int processedCount, int poisonedCount, long remainingCount, MaintenanceDrainOutcome outcome);

    [LoggerMessage(EventId = ContinuityEventId.MaintenanceHeldMessageFailed, Level = LogLevel.Warning,
        Message = "Held message {MessageId} failed (attempt {DequeueCount}); it and its user's later messages wait for the next drain")]
    internal static partial void MaintenanceHeldMessageFailed(ILogger logger, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = ContinuityEventId.MaintenanceHeldMessagePoisoned, Level = LogLevel.Error,
        Message = "Held message {MessageId} failed {DequeueCount} times: moved to {PoisonQueueName} (continuity inbox redrive puts it back)")]
    internal static partial void MaintenanceHeldMessagePoisoned(ILogger logger, string messageId, long dequeueCount, string poisonQueueName);

    [LoggerMessage(EventId = ContinuityEventId.MaintenanceWindowUnreadable, Level = LogLevel.Warning,
        Message = "Maintenance window unreadable ({ErrorType}); keeping the last one read ({WindowId})")]
    internal static partial void MaintenanceWindowUnreadable(ILogger logger, string errorType, string? windowId);
}
