namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// One run of the availability probe, as recorded in the probe table (<see cref="ProbeTable"/>).
/// </summary>
/// <param name="Wamid">The probe webhook's message id (<see cref="ProbeWamid"/>), the record's row key.</param>
/// <param name="SentAt">When the probe sent its webhook (UTC); the record's day partition is this day.</param>
/// <param name="Region">The region that ran the probe (<c>Availability:Region</c>).</param>
/// <param name="Completed">False while the run waits, or when it never finished (its host stopped): nothing below was measured.</param>
/// <param name="Acknowledged">The public endpoint answered 200.</param>
/// <param name="StatusCode">The HTTP status it answered; null when no answer came (refused, timed out).</param>
/// <param name="AcknowledgeMilliseconds">From sending to the answer (or to giving up on one).</param>
/// <param name="HandedOver">The inbox processed the webhook while the probe waited (at most <c>Availability:ProbeHandOverWithin</c> from the send).</param>
/// <param name="HandOverMilliseconds">From sending to the inbox's processing, when handed over.</param>
/// <param name="ProcessedRegion">The region whose inbox processed it; set also when that happened after the probe stopped waiting.</param>
/// <param name="Up">The definition of up held: acknowledged within <c>Availability:ProbeAcknowledgeWithin</c> and handed over.</param>
/// <param name="Error">Why it was not up, in words; null when it was.</param>
public sealed record ProbeRecord(
    string Wamid,
    DateTimeOffset SentAt,
    string Region,
    bool Completed,
    bool Acknowledged,
    int? StatusCode,
    long? AcknowledgeMilliseconds,
    bool HandedOver,
    long? HandOverMilliseconds,
    string? ProcessedRegion,
    bool Up,
    string? Error);
