using System.CommandLine;
using AstroBot.Continuity.Availability.Reporting;
using AstroBot.Continuity.Availability.Reporting.LogAnalytics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Sla;

/// <summary>
/// <c>continuity sla report [--month YYYY-MM] [--json] [--picture FILE]</c>: a month's availability (default: the
/// current month, UTC) from the probe table, or from Log Analytics when <c>Availability:LogAnalyticsWorkspaceId</c> is
/// set. <c>--picture</c> writes the daily availability and the error budget's burn-down (SVG, or PNG for a <c>.png</c>
/// file). Exit 0 with a report (whether the objective was met or not), 1 Log Analytics refused the query, 2 a malformed
/// month, 3 storage unreachable.
/// </summary>
internal static class SlaReportCommand
{
    public static Command Create()
    {
        var month = new Option<string>("--month")
        {
            Description = "The calendar month in UTC, YYYY-MM (default: the current month, reported up to now)",
            HelpName = "YYYY-MM",
        };
        month.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !SlaMonth.TryParse(value, out _, out var problem))
            {
                result.AddError($"--month: {problem}");
            }
        });
        var picture = new Option<FileInfo>("--picture")
        {
            Description = "Also write the picture (daily availability and the error budget burning down) to FILE: PNG when it ends in .png, else SVG",
            HelpName = "FILE",
        };
        var command = new Command(
            "report",
            "Show a month's availability against the 99.9% objective: up, down and unknown minutes, incidents, the error budget used and left, " +
            "and the burn rates the alerts watch")
        {
            month, picture,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            SlaMonth? reported = parseResult.GetValue(month) is { } text && SlaMonth.TryParse(text, out var parsed, out _) ? parsed : null;
            await using var services = BackendServices.Build(parseResult);
            SlaReport report;
            try
            {
                report = await services.GetRequiredService<SlaReporter>().ReportAsync(reported, cancellationToken).ConfigureAwait(false);
            }
            catch (LogAnalyticsQueryException exception)
            {
                return console.Fail(ExitCodes.Failure, exception.Message);
            }

            if (parseResult.GetValue(picture) is { } file)
            {
                await WritePictureAsync(file, report, cancellationToken).ConfigureAwait(false);
            }

            if (console.Json)
            {
                console.WriteJson(report);
            }
            else
            {
                Show(console.Ansi, report, parseResult.GetValue(picture));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WritePictureAsync(FileInfo file, SlaReport report, CancellationToken ct)
    {
        if (string.Equals(file.Extension, ".png", StringComparison.OrdinalIgnoreCase))
        {
            await File.WriteAllBytesAsync(file.FullName, SlaPicture.Png(report), ct).ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllTextAsync(file.FullName, SlaPicture.Svg(report), ct).ConfigureAwait(false);
        }
    }

    private static void Show(IAnsiConsole console, SlaReport report, FileInfo? picture)
    {
        var colour = report.ObjectiveMet switch { true => "green", false => "red", _ => "yellow" };
        console.MarkupLine($"[bold]AstroBot availability, {Markup.Escape(report.MonthName)}[/] ({Markup.Escape(SlaReportText.Period(report))}; {Markup.Escape(report.Source)})");
        console.MarkupLine($"[{colour}]{Markup.Escape(SlaReportText.Headline(report))}[/]");
        if (report.State == SlaPeriodState.NotStarted)
        {
            return;
        }

        var figures = new Table().AddColumns("availability", "if unknown was down", "down", "unknown", "up", "budget", "used", "left", "incidents");
        figures.AddRow(
            SlaReportText.Percent(report.AvailabilityPercent),
            SlaReportText.Percent(report.WorstCaseAvailabilityPercent),
            $"{SlaReportText.Count(report.Minutes.Down)} min",
            $"{SlaReportText.Count(report.Minutes.Unknown)} min",
            $"{SlaReportText.Count(report.Minutes.Up)} min",
            SlaReportText.Minutes(report.Budget.TotalMinutes),
            SlaReportText.Minutes(report.Budget.UsedMinutes),
            Markup.Escape($"{SlaReportText.Minutes(report.Budget.LeftMinutes)} ({report.Budget.LeftPercent:0}%)"),
            SlaReportText.Count(report.Incidents.Count));
        console.Write(figures);

        var rates = string.Join("  ", report.BurnRates.Select(rate => $"{rate.Name} {SlaReportText.Rate(rate.Rate)}"));
        console.MarkupLineInterpolated($"Burn rates at {SlaReportText.Time(report.PeriodEnd)}: {rates}");

        if (report.Incidents.Count > 0)
        {
            var incidents = new Table().AddColumns("incident (UTC)", "down", "first failure");
            foreach (var incident in report.Incidents)
            {
                incidents.AddRow(Markup.Escape(SlaReportText.Span(incident)), $"{incident.DownMinutes} min", Markup.Escape(incident.FirstError ?? Display.None));
            }

            console.Write(incidents);
        }

        var missed = report.Days.Where(day => day.AvailabilityPercent < SlaCalculator.ObjectivePercent).ToList();
        var below = missed.Count == 0 ? "none" : string.Join(", ", missed.Select(day => $"{day.Date:MM-dd} {SlaReportText.Percent(day.AvailabilityPercent)}"));
        console.MarkupLineInterpolated($"Days below {SlaReportText.Percent(report.ObjectivePercent)}: {below}.");
        if (report.Minutes.Disagreed > 0)
        {
            console.MarkupLineInterpolated($"In {SlaReportText.Count(report.Minutes.Disagreed)} minutes one region's probe was up and another's was not (counted up).");
        }

        if (picture is not null)
        {
            console.MarkupLineInterpolated($"Picture: {picture.FullName}");
        }
    }
}
