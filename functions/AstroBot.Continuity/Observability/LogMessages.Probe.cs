using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// The synthetic availability probe: 1700-1799 (Availability/Probe). Ids in ContinuityEventId.
// Only wamids (the probe's own), regions, codes, timings and error texts: never a user's identifiers or text.
internal static partial class LogMessages
{
    // The later SLA report's Log Analytics query reads this event's EventId and its Up, Region, AcknowledgeMs and
    // HandOverMs: keep the id and those names.
    [LoggerMessage(EventId = ContinuityEventId.ProbeCompleted,
        Message = "Availability probe {Wamid} from {Region}: up {Up}; acknowledged {Acknowledged} ({StatusCode}) in {AcknowledgeMs} ms; " +
                  "handed over {HandedOver} in {HandOverMs} ms by {ProcessedRegion}; {ProbeError}")]
    internal static partial void ProbeCompleted(
        ILogger logger,
        LogLevel level,
        string wamid,
        string region,
        bool up,
        bool acknowledged,
        int? statusCode,
        long? acknowledgeMs,
        bool handedOver,
        long? handOverMs,
        string? processedRegion,
        string? probeError);

    [LoggerMessage(EventId = ContinuityEventId.ProbeOff, Level = LogLevel.Warning,
        Message = "Availability probe is off: {Setting} is not set, so there is no public endpoint to probe")]
    internal static partial void ProbeOff(ILogger logger, string setting);

    [LoggerMessage(EventId = ContinuityEventId.ProbeNotRecorded, Level = LogLevel.Error,
        Message = "Availability probe {Wamid} could not write its record in the probe table")]
    internal static partial void ProbeNotRecorded(ILogger logger, string wamid, Exception exception);

    [LoggerMessage(EventId = ContinuityEventId.ProbeHandedOver, Level = LogLevel.Information,
        Message = "Availability probe {Wamid} processed in {Region}: recorded, not routed")]
    internal static partial void ProbeHandedOver(ILogger logger, string wamid, string region);

    // The reason is ours; nothing from the message is logged (it may be forged and say anything).
    [LoggerMessage(EventId = ContinuityEventId.ProbeMessageUnknown, Level = LogLevel.Warning,
        Message = "A message from the probe user was dropped, not routed: {Reason}")]
    internal static partial void ProbeMessageUnknown(ILogger logger, string reason);

    [LoggerMessage(EventId = ContinuityEventId.ProbeMessageDuplicate, Level = LogLevel.Information,
        Message = "Availability probe {Wamid} delivered again; its first hand-over stands")]
    internal static partial void ProbeMessageDuplicate(ILogger logger, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ProbeIdentityChangeIgnored, Level = LogLevel.Warning,
        Message = "Identity change {Wamid} names the probe user: ignored, the directory is not changed")]
    internal static partial void ProbeIdentityChangeIgnored(ILogger logger, string wamid);

    [LoggerMessage(EventId = ContinuityEventId.ProbeRecordsPruned, Level = LogLevel.Information,
        Message = "Probe records pruned: {Deleted} runs of the days before {Partition} deleted")]
    internal static partial void ProbeRecordsPruned(ILogger logger, int deleted, string partition);
}
