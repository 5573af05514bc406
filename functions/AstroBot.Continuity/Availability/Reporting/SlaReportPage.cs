using System.Net;
using System.Text;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The SLA report as a page a person looks at: the headline, the figures, the picture (<see cref="SlaPicture"/>, its SVG
/// inline), the incidents, the burn rates and the days. Self-contained: no scripts, no external resources (a content
/// security policy refuses any), every value HTML-encoded.
/// </summary>
public static class SlaReportPage
{
    public static string Write(SlaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = $"AstroBot availability, {report.MonthName}";
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(Encode(title)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#212121}")
            .Append("table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}")
            .Append("td.n{text-align:right}.met{color:#2e7d32}.missed{color:#c62828}figure{margin:1rem 0}svg{max-width:100%;height:auto}</style>")
            .Append("</head><body>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        var verdict = report.ObjectiveMet switch { true => "met", false => "missed", _ => "unknown" };
        html.Append("<p id=\"headline\" class=\"").Append(verdict).Append("\">").Append(Encode(SlaReportText.Headline(report))).Append("</p>\n");

        Figures(html, report);
        if (report.State != SlaPeriodState.NotStarted)
        {
            html.Append("<figure>").Append(InlineSvg(SlaPicture.Svg(report)))
                .Append("<figcaption>Each day's minutes up (bars; the dashed line is the 99.9% objective), and the month's error budget burning down.</figcaption></figure>\n");
        }

        Incidents(html, report);
        BurnRates(html, report);
        Days(html, report);
        html.Append("<p>Up: a signed webhook sent through the public endpoint was acknowledged within 5 s and handed over within 60 s ")
            .Append("(docs/availability.md). A minute is up when any probe sent in it was up; unknown when no probe completed in it.</p>\n")
            .Append("</body></html>\n");
        return html.ToString();
    }

    private static void Figures(StringBuilder html, SlaReport report)
    {
        html.Append("<table id=\"figures\">\n");
        Row(html, "availability", "Availability (measured minutes)", SlaReportText.Percent(report.AvailabilityPercent));
        Row(html, "objective", "Objective", SlaReportText.Percent(report.ObjectivePercent));
        Row(html, "worst-case", "If every unknown minute was down", SlaReportText.Percent(report.WorstCaseAvailabilityPercent));
        Row(html, "down", "Down minutes", SlaReportText.Count(report.Minutes.Down));
        Row(html, "unknown", "Unknown minutes (no probe record)", SlaReportText.Count(report.Minutes.Unknown));
        Row(html, "up", "Up minutes", SlaReportText.Count(report.Minutes.Up));
        Row(html, "disagreed", "Minutes the regions' probes disagreed (counted up)", SlaReportText.Count(report.Minutes.Disagreed));
        Row(html, "incidents", "Incidents", SlaReportText.Count(report.Incidents.Count));
        Row(html, "budget", "Error budget of the month", SlaReportText.Minutes(report.Budget.TotalMinutes));
        Row(html, "budget-used", "Budget used", SlaReportText.Minutes(report.Budget.UsedMinutes));
        Row(html, "budget-left", "Budget left", $"{SlaReportText.Minutes(report.Budget.LeftMinutes)} ({report.Budget.LeftPercent:0}%)");
        Row(html, "period", "Period", SlaReportText.Period(report));
        Row(html, "source", "Source", $"{report.Source}: {SlaReportText.Count(report.ProbeRuns)} probe runs from {(report.Regions.Count == 0 ? "no region" : string.Join(", ", report.Regions))}");
        html.Append("</table>\n");
    }

    private static void Incidents(StringBuilder html, SlaReport report)
    {
        html.Append("<h2>Incidents</h2>\n");
        if (report.Incidents.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        html.Append("<table id=\"incidents\"><tr><th>when (UTC)</th><th>down minutes</th><th>first failure</th></tr>\n");
        foreach (var incident in report.Incidents)
        {
            html.Append("<tr><td>").Append(Encode(SlaReportText.Span(incident))).Append("</td><td class=\"n\">")
                .Append(Encode(SlaReportText.Count(incident.DownMinutes))).Append("</td><td>")
                .Append(Encode(incident.FirstError ?? "-")).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void BurnRates(StringBuilder html, SlaReport report)
    {
        if (report.BurnRates.Count == 0)
        {
            return;
        }

        html.Append("<h2>Burn rates at ").Append(Encode(SlaReportText.Time(report.PeriodEnd))).Append("</h2>\n")
            .Append("<table id=\"burn-rates\"><tr><th>window</th><th>burn rate</th><th>down / measured minutes</th><th>alert rule</th></tr>\n");
        foreach (var rate in report.BurnRates)
        {
            html.Append("<tr><td>").Append(Encode(rate.Name)).Append("</td><td class=\"n\">").Append(Encode(SlaReportText.Rate(rate.Rate)))
                .Append("</td><td class=\"n\">").Append(Encode($"{rate.DownMinutes} / {rate.MeasuredMinutes}"))
                .Append("</td><td>").Append(Encode(SlaReportText.AlertOf(rate))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Days(StringBuilder html, SlaReport report)
    {
        if (report.Days.Count == 0)
        {
            return;
        }

        html.Append("<h2>Days</h2>\n<table id=\"days\"><tr><th>day</th><th>availability</th><th>up</th><th>down</th><th>unknown</th><th>budget left</th></tr>\n");
        foreach (var day in report.Days)
        {
            html.Append("<tr><td>").Append(Encode(day.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("</td><td class=\"n\">").Append(Encode(SlaReportText.Percent(day.AvailabilityPercent)))
                .Append("</td><td class=\"n\">").Append(Encode(SlaReportText.Count(day.UpMinutes)))
                .Append("</td><td class=\"n\">").Append(Encode(SlaReportText.Count(day.DownMinutes)))
                .Append("</td><td class=\"n\">").Append(Encode(SlaReportText.Count(day.UnknownMinutes)))
                .Append("</td><td class=\"n\">").Append(Encode(SlaReportText.Minutes(day.BudgetLeftMinutes))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string id, string label, string value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td data-figure=\"").Append(id).Append("\">").Append(Encode(value)).Append("</td></tr>\n");

    // The SVG document without its XML declaration, to sit inside the page.
    private static string InlineSvg(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? string.Empty : svg[start..];
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
