namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>One UTC day of the reported month, up to the period's end.</summary>
/// <param name="Date">The day (UTC).</param>
/// <param name="UpMinutes">Up minutes.</param>
/// <param name="DownMinutes">Down minutes.</param>
/// <param name="UnknownMinutes">Minutes without a completed probe run.</param>
/// <param name="AvailabilityPercent">Up in percent of the measured minutes; null when none was measured.</param>
/// <param name="BudgetLeftMinutes">The month's error budget left at the end of the day (or at the period's end).</param>
public sealed record DailyAvailability(
    DateOnly Date,
    int UpMinutes,
    int DownMinutes,
    int UnknownMinutes,
    double? AvailabilityPercent,
    double BudgetLeftMinutes);
