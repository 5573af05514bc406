using System.CommandLine;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary><c>continuity drill list [--json]</c>: the drill history, newest first. Exit 0, 3 storage unreachable.</summary>
internal static class DrillListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the drills, newest first: kind, state, when, RTO and RPO against the objectives, and who started each");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var drills = await services.GetRequiredService<DrillHistory>().ListAsync(cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(drills);
                return ExitCodes.Success;
            }

            if (drills.Count == 0)
            {
                console.Ansi.MarkupLine("No drill ever ran: start one with continuity drill run restore.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "kind", "state", "started", "RTO / objective", "RPO / objective", "by");
            foreach (var drill in drills)
            {
                var report = DrillReport.Of(drill);
                table.AddRow(
                    Markup.Escape(drill.DrillId),
                    DrillKinds.NameOf(drill.Kind),
                    $"[{DrillView.Colour(drill.State)}]{Markup.Escape(DrillReportText.StateWords(drill.State))}[/]",
                    DrillReportText.Time(drill.StartedAt),
                    $"{DrillReportText.Span(report.Rto.Measured)} / {DrillReportText.Span(report.Rto.Objective)}",
                    $"{DrillReportText.Span(report.Rpo.Measured)} / {DrillReportText.Span(report.Rpo.Objective)}",
                    Markup.Escape(drill.StartedBy));
            }

            console.Ansi.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
