using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Outages of the inbox's dependencies (Availability/Degradation): 1360-1379, in the inbox's range. Ids in ContinuityEventId.
// Outage ids, dependency names, message ids and counts only.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.OutageWebhookParked, Level = LogLevel.Warning,
        Message = "Webhook parked in the held queue: {Dependency} is failing (outage {OutageId}); later messages wait behind it, the drain retries")]
    internal static partial void OutageWebhookParked(ILogger logger, string dependency, string outageId);

    [LoggerMessage(EventId = ContinuityEventId.OutageDeclared, Level = LogLevel.Error,
        Message = "Outage {OutageId} declared: {Dependency} failing since {FailingSince:O}; users who write are told once")]
    internal static partial void OutageDeclared(ILogger logger, string outageId, string dependency, DateTimeOffset failingSince);

    [LoggerMessage(EventId = ContinuityEventId.OutageNotRecorded, Level = LogLevel.Warning,
        Message = "A failure of {Dependency} could not be recorded in the region's outage table ({ErrorType}); the webhook is held")]
    internal static partial void OutageNotRecorded(ILogger logger, string dependency, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.OutageResolved, Level = LogLevel.Warning,
        Message = "Outage {OutageId} of {Dependency} resolved after {Duration}: every held message processed")]
    internal static partial void OutageResolved(ILogger logger, string outageId, string dependency, TimeSpan duration);

    [LoggerMessage(EventId = ContinuityEventId.HeldMessageWaitsForDependency, Level = LogLevel.Warning,
        Message = "Held message {MessageId} waits: {Dependency} is still failing; the next drain run tries again")]
    internal static partial void HeldMessageWaitsForDependency(ILogger logger, string messageId, string dependency);

    [LoggerMessage(EventId = ContinuityEventId.StatusesDeferred, Level = LogLevel.Warning,
        Message = "Delivery statuses of a held webhook not applied now ({Dependency} failing); the drain applies them with it")]
    internal static partial void StatusesDeferred(ILogger logger, string dependency);
}
