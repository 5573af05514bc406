using System.Globalization;
using System.Text;
using ScottPlot;
using SkiaSharp;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The SLA report's picture, drawn with ScottPlot 5 on SkiaSharp (headless, no display needed): on top, each day's
/// availability as a bar (green at or above the 99.9% objective, red below, none for a day without records) with the
/// objective as a dashed line; below, the month's error budget left at the end of each day, burning down from the whole
/// budget, beside the even burn that would spend it exactly by the month's end. SVG for pages, PNG for files.
/// </summary>
public static class SlaPicture
{
    public const int Width = 960;

    public const int PanelHeight = 380;

    public const int Height = 2 * PanelHeight;

    // Debian's sans font, when there: ScottPlot's own choice here is a serif one.
    private const string PreferredFont = "DejaVu Sans";

    private static readonly bool HasPreferredFont = SKFontManager.Default.GetFontFamilies().Contains(PreferredFont, StringComparer.Ordinal);

    private static readonly Color Met = Color.FromHex("#2e7d32");
    private static readonly Color Missed = Color.FromHex("#c62828");
    private static readonly Color Guide = Color.FromHex("#616161");
    private static readonly Color Budget = Color.FromHex("#1565c0");

    /// <summary>The picture as an SVG document (UTF-8 text, no scripts, no external references).</summary>
    public static string Svg(SlaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
        {
            Draw(canvas, report);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The picture as a PNG image.</summary>
    public static byte[] Png(SlaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        Draw(surface.Canvas, report);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Draw(SKCanvas canvas, SlaReport report)
    {
        canvas.Clear(SKColors.White);
        // Each panel draws its own background; clearing would wipe the panel drawn before it.
        var days = report.MonthDays;
        var availability = Availability(report, days);
        availability.RenderManager.ClearCanvasBeforeEachRender = false;
        availability.Render(canvas, new PixelRect(0, Width, PanelHeight, 0));
        var budget = BudgetLeft(report, days);
        budget.RenderManager.ClearCanvasBeforeEachRender = false;
        budget.Render(canvas, new PixelRect(0, Width, Height, PanelHeight));
    }

    private static Plot Availability(SlaReport report, int days)
    {
        var plot = NewPlot();
        var lowest = SlaCalculator.ObjectivePercent;
        foreach (var day in report.Days)
        {
            if (day.AvailabilityPercent is not { } percent)
            {
                continue;
            }

            var bar = plot.Add.Bar(day.Date.Day, percent);
            bar.Color = percent >= SlaCalculator.ObjectivePercent ? Met : Missed;
            lowest = Math.Min(lowest, percent);
        }

        var objective = plot.Add.HorizontalLine(SlaCalculator.ObjectivePercent, 2, Guide, LinePattern.Dashed);
        objective.LegendText = "objective 99.9%";
        plot.ShowLegend(Alignment.LowerRight);
        // Bars rise from the bottom edge: start it below the lowest day so every bar shows.
        var bottom = Math.Floor((lowest - 0.05) * 10) / 10 - 0.1;
        plot.Axes.SetLimits(0.4, days + 0.6, bottom, 100 + (100 - bottom) * 0.05);
        plot.Axes.Bottom.TickGenerator = DayTicks(days, first: 1);
        plot.Title(report.HasRecords
            ? $"Daily availability, {report.MonthName} (UTC): {Percent(report.AvailabilityPercent)} this month"
            : $"Daily availability, {report.MonthName} (UTC): no probe records");
        plot.YLabel("minutes up (%)");
        plot.XLabel("day of the month");
        return plot;
    }

    private static Plot BudgetLeft(SlaReport report, int days)
    {
        var plot = NewPlot();
        var total = report.Budget.TotalMinutes;
        double[] ends = [0, .. report.Days.Select(day => (double)day.Date.Day)];
        double[] left = [total, .. report.Days.Select(day => day.BudgetLeftMinutes)];
        var burning = plot.Add.Scatter(ends, left, Budget);
        burning.LineWidth = 3;
        burning.MarkerSize = 5;
        burning.LegendText = "budget left at the end of the day";
        var even = plot.Add.Line(0, total, days, 0);
        even.Color = Guide;
        even.LinePattern = LinePattern.Dashed;
        even.LegendText = "even burn: spent exactly by the month's end";
        plot.Add.HorizontalLine(0, 1, Missed, LinePattern.Dotted);
        plot.ShowLegend(Alignment.LowerLeft);
        var lowest = Math.Min(0, left.Min());
        plot.Axes.SetLimits(0, days, lowest - total * 0.08, total * 1.08);
        plot.Axes.Bottom.TickGenerator = DayTicks(days, first: 0);
        plot.Title(string.Create(
            CultureInfo.InvariantCulture,
            $"Error budget left: {report.Budget.LeftMinutes:0.0} of {total:0.0} minutes ({report.Budget.LeftPercent:0}%)"));
        plot.YLabel("minutes of downtime left");
        plot.XLabel("day of the month (end of day)");
        return plot;
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(HasPreferredFont ? PreferredFont : Fonts.Sans);
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericManual DayTicks(int days, int first)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var day = first; day <= days; day++)
        {
            ticks.AddMajor(day, day % 5 == 0 || day == 1 || day == days ? day.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        return ticks;
    }

    private static string Percent(double? value) =>
        value is { } percent ? percent.ToString("0.###", CultureInfo.InvariantCulture) + "%" : "not measured";
}
