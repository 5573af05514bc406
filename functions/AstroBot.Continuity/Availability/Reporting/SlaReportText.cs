using System.Globalization;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>How the SLA report's figures read, the same in <c>continuity sla report</c> and on the report's page: invariant culture, UTC.</summary>
public static class SlaReportText
{
    public const string NotMeasured = "not measured";

    /// <summary>The report in one sentence.</summary>
    public static string Headline(SlaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.State == SlaPeriodState.NotStarted)
        {
            return $"{report.MonthName} has not begun: nothing to measure yet.";
        }

        if (!report.HasRecords || report.AvailabilityPercent is null)
        {
            return $"No probe records for {report.MonthName} in the {report.Source}: nothing was measured, so nothing can be said about the objective.";
        }

        var verdict = report.ObjectiveMet == true ? "met" : "missed";
        var sofar = report.State == SlaPeriodState.InProgress ? " so far" : string.Empty;
        return $"{Percent(report.AvailabilityPercent)} of the measured minutes were up in {report.MonthName}{sofar}: the {Percent(report.ObjectivePercent)} objective is {verdict}.";
    }

    /// <summary>What the period covers: the whole month, or up to when.</summary>
    public static string Period(SlaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.State switch
        {
            SlaPeriodState.Complete => $"{Day(report.MonthStart)} to {Day(report.MonthEnd)} (the whole month, UTC)",
            SlaPeriodState.InProgress => $"{Day(report.MonthStart)} to {Time(report.PeriodEnd)} (the month so far, UTC)",
            _ => "not begun",
        };
    }

    public static string Percent(double? value) =>
        value is { } percent ? percent.ToString("0.###", CultureInfo.InvariantCulture) + "%" : NotMeasured;

    public static string Minutes(double minutes) => minutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double? rate) => rate is { } value ? value.ToString("0.##", CultureInfo.InvariantCulture) + "x" : "no measurement";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The alert rule that reads a burn-rate window, if any (docs/availability.md, "Alerts").</summary>
    public static string AlertOf(BurnRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return rate.Name switch
        {
            "5m" => "fast page: 14.4x with 1h",
            "1h" => "fast page: 14.4x with 5m",
            "30m" => "slow page: 6x with 6h",
            "6h" => "slow page: 6x with 30m; ticket: 1x with 2d",
            "2d" => "ticket: 1x with 6h",
            _ => "the SRE workbook's ticket window (1x)",
        };
    }

    /// <summary>An incident's span: <c>2027-02-03 10:04Z to 10:09Z</c>, with what the period cut off.</summary>
    public static string Span(SlaIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var end = incident.End.UtcDateTime.Date == incident.Start.UtcDateTime.Date
            ? incident.End.UtcDateTime.ToString("HH:mm'Z'", CultureInfo.InvariantCulture)
            : Time(incident.End);
        var before = incident.StartedBeforePeriod ? " (began before the month)" : string.Empty;
        var after = incident.ContinuesAfterPeriod ? " (still going at the period's end)" : string.Empty;
        return $"{Time(incident.Start)}{before} to {end}{after}";
    }
}
