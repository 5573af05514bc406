namespace AstroBot.Continuity.Availability.Probe;

/// <summary>The inbox's mark on a probe's record: when it processed the probe's webhook, and in which region.</summary>
/// <param name="At">When the inbox processed it (the processing host's clock).</param>
/// <param name="Region">The processing host's <c>Availability:Region</c>.</param>
public sealed record ProbeHandOver(DateTimeOffset At, string? Region);

/// <summary>What became of an inbox's mark on a probe's record.</summary>
public enum ProbeMarkResult
{
    /// <summary>The record now says when and where the webhook was processed.</summary>
    Recorded = 1,

    /// <summary>An earlier delivery of the same webhook was marked already; the first mark stands.</summary>
    AlreadyMarked = 2,

    /// <summary>No probe run sent this message: forged, or its record is gone. Nothing was written.</summary>
    UnknownRun = 3,
}
