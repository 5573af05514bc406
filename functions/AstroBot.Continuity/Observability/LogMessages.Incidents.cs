using AstroBot.Continuity.Availability.Incidents;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Incidents (Availability/Incidents) 1600-1649 and the status page (Availability/Status) 1650-1699. Ids in
// ContinuityEventId. Incident ids, sources, wamids, address kinds, counts, alert rule names and error types only: never
// an incident's message, who opened it, or whom a notice went to.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.IncidentOpened, Level = LogLevel.Warning,
        Message = "Incident {IncidentId} opened by {Source} (new: {Created}): the status page shows it and users who write are told when it is resolved")]
    internal static partial void IncidentOpened(ILogger logger, string incidentId, IncidentSource source, bool created);

    [LoggerMessage(EventId = ContinuityEventId.IncidentResolved, Level = LogLevel.Warning,
        Message = "Incident {IncidentId} (opened by {Source}) resolved after {Duration}")]
    internal static partial void IncidentResolved(ILogger logger, string incidentId, IncidentSource source, TimeSpan duration);

    [LoggerMessage(EventId = ContinuityEventId.IncidentUnreadable, Level = LogLevel.Warning,
        Message = "Incidents unreadable ({ErrorType}); keeping the last one read ({IncidentId})")]
    internal static partial void IncidentUnreadable(ILogger logger, string errorType, string? incidentId);

    [LoggerMessage(EventId = ContinuityEventId.IncidentUserRecorded, Level = LogLevel.Information,
        Message = "The sender of message {Wamid} wrote during incident {IncidentId}: told when it is resolved")]
    internal static partial void IncidentUserRecorded(ILogger logger, string incidentId, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.IncidentUserNotRecorded, Level = LogLevel.Warning,
        Message = "The sender of message {Wamid} could not be recorded for the open incident ({ErrorType}); the message goes on, they may not be told it was resolved")]
    internal static partial void IncidentUserNotRecorded(ILogger logger, string wamid, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.IncidentNoticeSent, Level = LogLevel.Information,
        Message = "Incident {IncidentId}: a user was told it is resolved (by {AddressKind})")]
    internal static partial void IncidentNoticeSent(ILogger logger, string incidentId, string addressKind);

    [LoggerMessage(EventId = ContinuityEventId.IncidentNoticeFailed, Level = LogLevel.Warning,
        Message = "Incident {IncidentId}: a \"resolved\" notice was not sent ({ErrorType}); the next run tries again")]
    internal static partial void IncidentNoticeFailed(ILogger logger, string incidentId, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.IncidentNoticesRun, Level = LogLevel.Information,
        Message = "Incident notices: {SentCount} sent (stopped at a failure: {Failed})")]
    internal static partial void IncidentNoticesRun(ILogger logger, int sentCount, bool failed);

    [LoggerMessage(EventId = ContinuityEventId.IncidentNoticesDone, Level = LogLevel.Information,
        Message = "Incident {IncidentId}: all {ToldCount} users who wrote during it were told it is resolved")]
    internal static partial void IncidentNoticesDone(ILogger logger, string incidentId, long toldCount);

    [LoggerMessage(EventId = ContinuityEventId.IncidentRuleFailed, Level = LogLevel.Warning,
        Message = "The probe's incident rule could not run ({ErrorType}); the next probe run tries again")]
    internal static partial void IncidentRuleFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.IncidentAlertReceived, Level = LogLevel.Information,
        Message = "Alert {AlertRule} fired: {Fired}")]
    internal static partial void IncidentAlertReceived(ILogger logger, string alertRule, bool fired);

    [LoggerMessage(EventId = ContinuityEventId.StatusPartUnknown, Level = LogLevel.Warning,
        Message = "Status page: {Part} unknown ({ErrorType}); the page says so")]
    internal static partial void StatusPartUnknown(ILogger logger, string part, string errorType);
}
