using System.Globalization;
using System.Text.Json.Serialization;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The availability of one calendar month (UTC) against the 99.9% objective, from the probe's records
/// (<see cref="SlaCalculator"/>; docs/availability.md, "Reporting").
/// </summary>
/// <param name="Month">The month, <c>YYYY-MM</c>.</param>
/// <param name="MonthStart">00:00 UTC on its first day.</param>
/// <param name="MonthEnd">00:00 UTC on the next month's first day.</param>
/// <param name="PeriodEnd">What was measured ends here: the month's end, or for the current month the last whole minute.</param>
/// <param name="State">Whether the month is over.</param>
/// <param name="Source">Where the probe records were read: the probe table or the Log Analytics workspace.</param>
/// <param name="ObjectivePercent">99.9.</param>
/// <param name="PeriodMinutes">Minutes from the month's start to <paramref name="PeriodEnd"/>.</param>
/// <param name="Minutes">Up, down and unknown minutes of the period, and minutes the regions' probes disagreed (up).</param>
/// <param name="AvailabilityPercent">Up minutes in percent of the measured (up and down) ones; null when none was measured.</param>
/// <param name="WorstCaseAvailabilityPercent">Up minutes in percent of every minute of the period, as if every unknown minute had been down.</param>
/// <param name="ObjectiveMet">The measured availability reaches the objective; null when nothing was measured.</param>
/// <param name="Budget">The month's error budget, used and left.</param>
/// <param name="Incidents">Runs of down minutes, oldest first.</param>
/// <param name="BurnRates">The burn rates at <paramref name="PeriodEnd"/> over the alert rules' windows.</param>
/// <param name="Days">Each day of the month up to the period's end.</param>
/// <param name="ProbeRuns">Completed probe runs sent in the period, every region's.</param>
/// <param name="Regions">The regions whose runs were read, sorted.</param>
public sealed record SlaReport(
    string Month,
    DateTimeOffset MonthStart,
    DateTimeOffset MonthEnd,
    DateTimeOffset PeriodEnd,
    SlaPeriodState State,
    string Source,
    double ObjectivePercent,
    int PeriodMinutes,
    MinuteCounts Minutes,
    double? AvailabilityPercent,
    double? WorstCaseAvailabilityPercent,
    bool? ObjectiveMet,
    ErrorBudget Budget,
    IReadOnlyList<SlaIncident> Incidents,
    IReadOnlyList<BurnRate> BurnRates,
    IReadOnlyList<DailyAvailability> Days,
    int ProbeRuns,
    IReadOnlyList<string> Regions)
{
    /// <summary>No completed probe run was sent in the period: the report has nothing to say but that.</summary>
    public bool HasRecords => ProbeRuns > 0;

    /// <summary>The month as a person names it: <c>February 2027</c>.</summary>
    [JsonIgnore]
    public string MonthName => MonthStart.UtcDateTime.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>How many days the month has.</summary>
    [JsonIgnore]
    public int MonthDays => (int)(MonthEnd - MonthStart).TotalDays;
}
