using System.CommandLine;
using AstroBot.Continuity.Recovery;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using AstroBot.Continuity.Recovery.Drills.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>
/// <c>continuity dr status [--json]</c>: every scenario of <c>Recovery:Objectives</c>, the drill that covers it, its last
/// drill against the objectives, when the next is due and whether it is overdue (<see cref="RecoveryStatus"/>). Exit 0
/// when every covered scenario's last drill passed and none is overdue, 1 otherwise (a never-drilled kind is overdue),
/// 2 bad configuration (a drill schedule), 3 storage unreachable.
/// </summary>
internal static class DrStatusCommand
{
    public static Command Create()
    {
        var command = new Command(
            "status",
            "Show each recovery scenario: the drill that covers it (or none), its last drill's RTO and RPO against the objectives, when the next is due, " +
            "and OVERDUE past Recovery:OverdueGrace. Exits 1 when a drill failed, missed its objective, was abandoned, never ran or is overdue");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var status = await ReadAsync(services, cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(status);
            }
            else
            {
                Show(console.Ansi, status);
            }

            return status.Healthy ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>The plan against the drill history, now.</summary>
    public static async Task<RecoveryStatus> ReadAsync(IServiceProvider services, CancellationToken ct)
    {
        var history = await services.GetRequiredService<DrillHistory>().ListAsync(ct).ConfigureAwait(false);
        return RecoveryStatus.Of(
            services.GetRequiredService<IOptions<RecoveryOptions>>().Value,
            history,
            services.GetRequiredService<IConfiguration>(),
            services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    private static void Show(IAnsiConsole console, RecoveryStatus status)
    {
        var table = new Table().AddColumns("scenario", "drill", "last drill", "RTO / objective", "RPO / objective", "next due", "status");
        foreach (var scenario in status.Scenarios)
        {
            var last = scenario.LastDrill;
            table.AddRow(
                Markup.Escape(scenario.Scenario),
                scenario.Kind is { } kind ? DrillKinds.NameOf(kind) : "no drill",
                last is null ? DrillReportText.None : Markup.Escape($"{DrillReportText.Day(last.StartedAt)} {last.DrillId}"),
                $"{DrillReportText.Span(last?.Rto)} / {DrillReportText.Span(scenario.Objective.Rto)}",
                $"{DrillReportText.Span(last?.Rpo)} / {DrillReportText.Span(scenario.Objective.Rpo)}",
                DrillReportText.Time(scenario.NextDue),
                Verdict(scenario));
        }

        console.Write(table);
        console.MarkupLine(status.Healthy
            ? $"[green]Every drilled scenario passed its last drill and none is overdue[/] (checked {DrillReportText.Time(status.CheckedAt)})."
            : $"[red]A drill needs attention[/] (checked {DrillReportText.Time(status.CheckedAt)}): run it, or read why with continuity drill show ID.");
    }

    private static string Verdict(ScenarioStatus scenario) => scenario switch
    {
        { Kind: null } => "[grey]no drill[/]",
        { Healthy: true } => "[green]ok[/]",
        { Overdue: true, LastDrill: not null } when scenario.LastDrill.State == DrillState.Passed => "[red]OVERDUE[/]",
        { Overdue: true } => $"[red]{Markup.Escape(scenario.Verdict)}, OVERDUE[/]",
        _ => $"[red]{Markup.Escape(scenario.Verdict)}[/]",
    };
}
