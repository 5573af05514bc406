using AstroBot.Continuity.Availability.Probe;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// One completed probe run as the SLA report sees it, whichever store it came from (the probe table locally, Log
/// Analytics in Azure): when it was sent, from which region, whether the definition of up held, and why not.
/// </summary>
/// <param name="SentAt">When the probe sent its webhook (UTC); the run counts for that minute.</param>
/// <param name="Region">The region that ran the probe.</param>
/// <param name="Up">The definition of up held.</param>
/// <param name="Error">Why it was not up, in words; null when it was.</param>
public sealed record ProbeObservation(DateTimeOffset SentAt, string Region, bool Up, string? Error)
{
    /// <summary>
    /// The observation a record makes, or null for a run that did not complete (still waiting, or its host stopped
    /// while it ran): nothing was measured, and Log Analytics never hears of such a run either.
    /// </summary>
    public static ProbeObservation? From(ProbeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Completed ? new ProbeObservation(record.SentAt, record.Region, record.Up, record.Up ? null : record.Error) : null;
    }
}
