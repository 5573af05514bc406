using System.Globalization;
using System.Net;
using System.Text;

namespace AstroBot.Continuity.Recovery.Drills.Reporting;

/// <summary>
/// A drill's timeline as an SVG picture: one bar per step from its start to its end (green when it succeeded, red when
/// it failed), the step's name beside it, the measured RTO as a solid line and the RTO objective as a dashed one.
/// An objective far beyond the drill (a 4-hour objective for a 12-second drill) would squash the bars into a sliver, so
/// past <see cref="ObjectiveScaleLimit"/> times the drill's span the picture says where the objective lies instead.
/// Plain SVG written here, not ScottPlot as the SLA report: every bar carries the step's index (<c>data-step</c>) and
/// a tooltip, the axis is in hh:mm:ss, and the text stays text, for the page, its readers and its tests.
/// </summary>
public static class DrillTimelinePicture
{
    public const int Width = 960;

    /// <summary>How far beyond the drill's span the objective may lie and still be drawn to scale.</summary>
    public const double ObjectiveScaleLimit = 3;

    private const int RowHeight = 30;
    private const int Top = 56;
    private const int Bottom = 44;
    private const int Left = 280;
    private const int Right = 32;
    private const int Ticks = 5;
    private const string Succeeded = "#2e7d32";
    private const string Failed = "#c62828";
    private const string Measured = "#1565c0";
    private const string Guide = "#616161";

    public static int HeightOf(DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Top + Math.Max(1, report.Timeline.Count) * RowHeight + Bottom;
    }

    /// <summary>The picture as a standalone SVG document (no scripts, no external references).</summary>
    public static string Svg(DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var height = HeightOf(report);
        var objective = report.Rto.Objective;
        var span = report.Span > TimeSpan.Zero ? report.Span : TimeSpan.FromSeconds(1);
        var objectiveToScale = objective <= span * ObjectiveScaleLimit;
        var scale = objectiveToScale && objective > span ? objective * 1.05 : span * 1.05;
        var svg = new StringBuilder(8 * 1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"13\" role=\"img\">")
            .Append("<title>").Append(Encode(Title(report))).Append("</title>")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">").Append(Encode(Title(report))).Append("</text>");
        Axis(svg, scale, height);
        Steps(svg, report, scale);
        if (report.Rto.Measured is { } rto)
        {
            Marker(svg, X(rto, scale), height, Measured, dashed: false, $"RTO {DrillReportText.Span(rto)}", "measured-rto");
        }

        if (objectiveToScale)
        {
            Marker(svg, X(objective, scale), height, Guide, dashed: true, $"objective {DrillReportText.Span(objective)}", "rto-objective");
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text data-mark=\"rto-objective\" x=\"{Width - Right}\" y=\"42\" text-anchor=\"end\" fill=\"{Guide}\">")
                .Append(Encode($"RTO objective {DrillReportText.Span(objective)}: far beyond this scale →")).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Title(DrillReport report) =>
        $"{char.ToUpperInvariant(DrillReportText.KindWords(report.Drill.Kind)[0])}{DrillReportText.KindWords(report.Drill.Kind)[1..]} {report.Drill.DrillId}: {DrillReportText.StateWords(report.Drill.State)}";

    private static void Axis(StringBuilder svg, TimeSpan scale, int height)
    {
        var bottom = height - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{bottom}\" x2=\"{Width - Right}\" y2=\"{bottom}\" stroke=\"{Guide}\"/>");
        for (var tick = 0; tick <= Ticks; tick++)
        {
            var at = scale * tick / Ticks;
            var x = X(at, scale);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Top - 4}\" x2=\"{x:0.#}\" y2=\"{bottom + 4}\" stroke=\"#e0e0e0\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{bottom + 20}\" text-anchor=\"middle\" fill=\"{Guide}\">{DrillReportText.Span(at)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{height - 6}\" fill=\"{Guide}\">time since the drill started (hh:mm:ss)</text>");
    }

    private static void Steps(StringBuilder svg, DrillReport report, TimeSpan scale)
    {
        if (report.Timeline.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 8}\" y=\"{Top + RowHeight / 2 + 5}\" fill=\"{Guide}\">")
                .Append(report.Drill.IsOver ? "No step was recorded." : "Running: its steps are recorded when it ends.").Append("</text>");
            return;
        }

        for (var index = 0; index < report.Timeline.Count; index++)
        {
            var step = report.Timeline[index];
            var y = Top + index * RowHeight;
            var x = X(step.Offset, scale);
            var width = Math.Max(2, X(step.Offset + step.Duration, scale) - x); // an instant step still shows
            var colour = step.Succeeded ? Succeeded : Failed;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + RowHeight / 2 + 5}\" text-anchor=\"end\">").Append(Encode(step.Name)).Append("</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect data-step=\"{index}\" data-succeeded=\"{(step.Succeeded ? "true" : "false")}\" x=\"{x:0.#}\" y=\"{y + 5}\" width=\"{width:0.#}\" height=\"{RowHeight - 10}\" fill=\"{colour}\">")
                .Append("<title>").Append(Encode($"{step.Name}: {(step.Succeeded ? "succeeded" : "failed")}, {DrillReportText.Span(step.Offset)} + {DrillReportText.Span(step.Duration)}{(step.Detail is { } detail ? "; " + detail : string.Empty)}")).Append("</title></rect>");
        }
    }

    private static void Marker(StringBuilder svg, double x, int height, string colour, bool dashed, string label, string name)
    {
        var dash = dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
        var labelY = dashed ? 42 : Top - 4;
        svg.Append(CultureInfo.InvariantCulture, $"<g data-mark=\"{name}\"><line x1=\"{x:0.#}\" y1=\"{Top - 14}\" x2=\"{x:0.#}\" y2=\"{height - Bottom}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{x - 4:0.#}\" y=\"{labelY}\" text-anchor=\"end\" fill=\"{colour}\">").Append(Encode(label)).Append("</text></g>");
    }

    private static double X(TimeSpan at, TimeSpan scale) => Left + (Width - Left - Right) * Math.Clamp(at / scale, 0, 1);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
