using System.Net;
using System.Text;

namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>
/// A drill's report as a page a person looks at, the evidence of a drill: its state first, the RTO and RPO against the
/// objectives, the timeline picture (<see cref="DrillTimelinePicture"/>, inline), the steps and the facts.
/// Self-contained: no scripts, no external resources (a content security policy refuses any), every value HTML-encoded.
/// </summary>
public static class DrillReportPage
{
    private const string Style =
        "body{font-family:sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#212121}" +
        "#state{font-size:1.3rem;padding:.8rem 1rem;border-radius:.4rem;color:#fff;background:#616161}" +
        "#state.passed{background:#2e7d32}#state.missed_objective,#state.failed,#state.abandoned{background:#c62828}#state.running{background:#1565c0}" +
        "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}" +
        "td.n{text-align:right}.met,.ok{color:#2e7d32}.missed,.failed{color:#c62828}figure{margin:1rem 0}svg{max-width:100%;height:auto}";

    public static string Write(DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var drill = report.Drill;
        var title = $"AstroBot {DrillReportText.KindWords(drill.Kind)} {drill.DrillId}";
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        var state = DrillReportText.StateName(drill.State);
        html.Append("<p id=\"state\" class=\"").Append(state).Append("\" data-state=\"").Append(state).Append("\">")
            .Append(Encode(char.ToUpperInvariant(drill.Summary[0]) + drill.Summary[1..])).Append("</p>\n");
        Measures(html, report);
        About(html, report);
        html.Append("<figure>").Append(DrillTimelinePicture.Svg(report))
            .Append("<figcaption>Each step from its start to its end (green succeeded, red failed); the solid line is the measured RTO, the dashed one its objective.</figcaption></figure>\n");
        Steps(html, report);
        Facts(html, drill);
        html.Append("<p>RTO: from the drill's start to the data verified back; RPO: the age of the newest change the recovery could not bring back. ")
            .Append("Objectives: Recovery:Objectives:").Append(Encode(drill.Scenario)).Append(" (docs/dr/README.md).</p>\n</body></html>\n");
        return html.ToString();
    }

    private static void Measures(StringBuilder html, DrillReport report)
    {
        html.Append("<table id=\"measures\"><tr><th></th><th>measured</th><th>objective</th><th>verdict</th></tr>\n");
        Measure(html, "rto", "RTO (recovery time)", report.Rto);
        Measure(html, "rpo", "RPO (recovery point)", report.Rpo);
        html.Append("</table>\n");
    }

    private static void Measure(StringBuilder html, string id, string label, DrillMeasure measure)
    {
        var verdict = DrillReportText.Verdict(measure);
        html.Append("<tr data-measure=\"").Append(id).Append("\"><th>").Append(Encode(label)).Append("</th><td class=\"n\">")
            .Append(Encode(DrillReportText.Span(measure.Measured))).Append("</td><td class=\"n\">").Append(Encode(DrillReportText.Span(measure.Objective)))
            .Append("</td><td class=\"").Append(verdict.Replace(' ', '-')).Append("\">").Append(Encode(verdict)).Append("</td></tr>\n");
    }

    private static void About(StringBuilder html, DrillReport report)
    {
        var drill = report.Drill;
        html.Append("<table id=\"about\">\n");
        Row(html, "kind", "Drill", DrillReportText.KindWords(drill.Kind));
        Row(html, "scenario", "Scenario", drill.Scenario);
        Row(html, "started-by", "Started by", drill.StartedBy);
        Row(html, "started", "Started", DrillReportText.Time(drill.StartedAt));
        Row(html, "completed", "Ended", DrillReportText.Time(drill.CompletedAt));
        Row(html, "duration", "Took", DrillReportText.Span(report.Duration));
        if (drill.Error is { } error)
        {
            Row(html, "error", drill.State == DrillState.Abandoned ? "Clean-up" : "Why", error);
        }

        html.Append("</table>\n");
    }

    private static void Steps(StringBuilder html, DrillReport report)
    {
        html.Append("<h2>Steps</h2>\n");
        if (report.Timeline.Count == 0)
        {
            html.Append("<p id=\"no-steps\">").Append(report.Drill.IsOver ? "No step was recorded." : "Running: its steps are recorded when it ends.").Append("</p>\n");
            return;
        }

        html.Append("<table id=\"steps\"><tr><th>step</th><th>from start</th><th>took</th><th>result</th><th>detail</th></tr>\n");
        for (var index = 0; index < report.Timeline.Count; index++)
        {
            var step = report.Timeline[index];
            html.Append("<tr data-step=\"").Append(index).Append("\"><td>").Append(Encode(step.Name))
                .Append("</td><td class=\"n\">").Append(Encode(DrillReportText.Span(step.Offset)))
                .Append("</td><td class=\"n\">").Append(Encode(DrillReportText.Span(step.Duration)))
                .Append("</td><td class=\"").Append(step.Succeeded ? "ok\">succeeded" : "failed\">failed")
                .Append("</td><td>").Append(Encode(step.Detail ?? DrillReportText.None)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Facts(StringBuilder html, DrillRecord drill)
    {
        html.Append("<h2>Facts</h2>\n");
        if (drill.Facts.Count == 0)
        {
            html.Append("<p id=\"no-facts\">None recorded.</p>\n");
            return;
        }

        html.Append("<table id=\"facts\">\n");
        foreach (var (name, value) in drill.Facts.OrderBy(fact => fact.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><th>").Append(Encode(name)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string id, string label, string value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td data-about=\"").Append(id).Append("\">").Append(Encode(value)).Append("</td></tr>\n");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
