using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local;

// The local scheduler (ScheduledJobRunner, ScheduleLedger): 3000-3099, in the core's storage and hosting range
// (3000-3999), the ids these messages had there. Ids in ContinuityEventId.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.ScheduledJobStarting, Level = LogLevel.Information, Message = "Scheduled job {JobName} starting")]
    internal static partial void ScheduledJobStarting(ILogger logger, string jobName);

    [LoggerMessage(EventId = ContinuityEventId.ScheduledJobCompleted, Level = LogLevel.Information, Message = "Scheduled job {JobName} completed")]
    internal static partial void ScheduledJobCompleted(ILogger logger, string jobName);

    [LoggerMessage(EventId = ContinuityEventId.ScheduledJobFailed, Level = LogLevel.Error, Message = "Scheduled job {JobName} failed; it runs again at its next occurrence")]
    internal static partial void ScheduledJobFailed(ILogger logger, string jobName, Exception exception);

    [LoggerMessage(EventId = ContinuityEventId.ScheduledJobScheduled, Level = LogLevel.Information,
        Message = "Scheduled job {JobName} runs on '{Expression}' (setting {SettingName}, UTC); next occurrence {NextOccurrence}")]
    internal static partial void ScheduledJobScheduled(ILogger logger, string jobName, string expression, string settingName, DateTimeOffset? nextOccurrence);

    [LoggerMessage(EventId = ContinuityEventId.ScheduledJobCatchingUp, Level = LogLevel.Information,
        Message = "Scheduled job {JobName} missed its occurrence at {MissedOccurrence} (last completed: {LastOccurrence}); catching up now")]
    internal static partial void ScheduledJobCatchingUp(ILogger logger, string jobName, DateTimeOffset missedOccurrence, DateTimeOffset? lastOccurrence);

    [LoggerMessage(EventId = ContinuityEventId.ScheduleLedgerUnreadable, Level = LogLevel.Warning,
        Message = "Schedule ledger could not be read ({ErrorType}); scheduled job {JobName} starts without catching up a missed run")]
    internal static partial void ScheduleLedgerUnreadable(ILogger logger, string jobName, string errorType);

    [LoggerMessage(EventId = ContinuityEventId.ScheduleLedgerNotWritten, Level = LogLevel.Warning,
        Message = "Schedule ledger could not record occurrence {Occurrence} of scheduled job {JobName} ({ErrorType}); a restart may run it again")]
    internal static partial void ScheduleLedgerNotWritten(ILogger logger, string jobName, DateTimeOffset occurrence, string errorType);
}
