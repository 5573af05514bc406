using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Storage and hosting: 3000-3999.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Scheduled job {JobName} starting")]
    internal static partial void ScheduledJobStarting(ILogger logger, string jobName);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Scheduled job {JobName} completed")]
    internal static partial void ScheduledJobCompleted(ILogger logger, string jobName);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Scheduled job {JobName} failed; it runs again at its next occurrence")]
    internal static partial void ScheduledJobFailed(ILogger logger, string jobName, Exception exception);
}
