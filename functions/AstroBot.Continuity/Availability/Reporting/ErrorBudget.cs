namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The month's error budget: 0.1% (1 − the 99.9% objective) of its minutes, 40.32 to 44.64 minutes; used by its down
/// minutes. <see cref="LeftMinutes"/> goes below zero when the month spent more than its budget.
/// </summary>
public sealed record ErrorBudget(double TotalMinutes, int UsedMinutes, double LeftMinutes)
{
    /// <summary>What is left, in percent of the whole budget (below zero when overspent).</summary>
    public double LeftPercent => TotalMinutes <= 0 ? 0 : 100.0 * LeftMinutes / TotalMinutes;

    /// <summary>Down minutes that would also have spent the budget had every unknown minute been down.</summary>
    public required int WorstCaseUsedMinutes { get; init; }
}
