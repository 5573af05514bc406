using AstroBot.Continuity.Recovery.Drills;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Drills (Recovery/Drills) 1800-1849. Ids in ContinuityEventId. Drill ids, kinds, states and durations only: a drill's
// findings stay in the drill history.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.DrillStarted, Level = LogLevel.Information,
        Message = "Drill {DrillId} ({Kind}) started by {StartedBy}")]
    internal static partial void DrillStarted(ILogger logger, string drillId, DrillKind kind, string startedBy);

    [LoggerMessage(EventId = ContinuityEventId.DrillRefused, Level = LogLevel.Warning,
        Message = "A {Kind} drill was not started: {Reason}")]
    internal static partial void DrillRefused(ILogger logger, DrillKind kind, string reason);

    [LoggerMessage(EventId = ContinuityEventId.DrillPassed, Level = LogLevel.Information,
        Message = "Drill {DrillId} ({Kind}) passed: RTO {Rto}, RPO {Rpo}")]
    internal static partial void DrillPassed(ILogger logger, string drillId, DrillKind kind, TimeSpan? rto, TimeSpan? rpo);

    [LoggerMessage(EventId = ContinuityEventId.DrillNotPassed, Level = LogLevel.Warning,
        Message = "Drill {DrillId} ({Kind}) did not pass ({State}); continuity drill show {DrillId} says why")]
    internal static partial void DrillNotPassed(ILogger logger, string drillId, DrillKind kind, DrillState state);
}
