using AstroBot.Continuity.Recovery.Failover;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Automated failover (Recovery/Failover) 1850-1859. Ids in ContinuityEventId. Sources and outcomes only: the decisions
// stay in the decision record.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.AutoFailoverSignalled, Level = LogLevel.Warning,
        Message = "The automated failover was signalled by the {Source}: {Result}")]
    internal static partial void AutoFailoverSignalled(ILogger logger, string source, FailoverSignalResult result);

    [LoggerMessage(EventId = ContinuityEventId.AutoFailoverTriggerFailed, Level = LogLevel.Warning,
        Message = "The probe could not signal the automated failover ({ErrorType})")]
    internal static partial void AutoFailoverTriggerFailed(ILogger logger, string errorType);
}
