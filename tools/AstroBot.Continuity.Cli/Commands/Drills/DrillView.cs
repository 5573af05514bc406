using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>A drill for a person: its summary, its steps on a timeline, its facts (<c>drill show</c>, <c>drill run</c>).</summary>
internal static class DrillView
{
    public static void Show(IAnsiConsole console, DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var drill = report.Drill;
        console.MarkupLine($"[bold]{Markup.Escape(DrillReportText.KindWords(drill.Kind))} {Markup.Escape(drill.DrillId)}[/] " +
                           $"(scenario {Markup.Escape(drill.Scenario)}, started {DrillReportText.Time(drill.StartedAt)} by {Markup.Escape(drill.StartedBy)})");
        if (report.Timeline.Count > 0)
        {
            var steps = new Table().AddColumns("step", "from start", "took", "result", "detail");
            foreach (var step in report.Timeline)
            {
                steps.AddRow(
                    Markup.Escape(step.Name),
                    DrillReportText.Span(step.Offset),
                    DrillReportText.Span(step.Duration),
                    step.Succeeded ? "[green]ok[/]" : "[red]failed[/]",
                    Markup.Escape(step.Detail ?? DrillReportText.None));
            }

            console.Write(steps);
        }

        if (drill.Facts.Count > 0)
        {
            var facts = new Table().AddColumns("fact", "value");
            foreach (var (name, value) in drill.Facts.OrderBy(fact => fact.Key, StringComparer.Ordinal))
            {
                facts.AddRow(Markup.Escape(name), Markup.Escape(value));
            }

            console.Write(facts);
        }

        console.MarkupLine($"RTO {Markup.Escape(DrillReportText.Against(report.Rto))} ({DrillReportText.Verdict(report.Rto)}), " +
                           $"RPO {Markup.Escape(DrillReportText.Against(report.Rpo))} ({DrillReportText.Verdict(report.Rpo)}); took {DrillReportText.Span(report.Duration)}.");
        console.MarkupLine($"[{Colour(drill.State)}]{Markup.Escape(DrillReportText.KindWords(drill.Kind))} {Markup.Escape(drill.DrillId)} {Markup.Escape(drill.Summary)}[/]");
    }

    public static string Colour(DrillState state) => state switch
    {
        DrillState.Passed => "green",
        DrillState.Running => "blue",
        _ => "red",
    };
}
