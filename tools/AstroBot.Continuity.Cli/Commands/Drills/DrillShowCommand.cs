using System.CommandLine;
using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>
/// <c>continuity drill show ID [--json]</c>: one drill's evidence, as its report (<c>GET /api/drills/{id}/report</c>) has it.
/// Exit 0 passed or running, 1 failed, missed its objective, abandoned or unknown, 2 a malformed id, 3 storage unreachable.
/// </summary>
internal static class DrillShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The drill's id, as drill list and drill run print it (20261202T060000Z-drill-restore-1a2b3c4d)" };
        id.Validators.Add(result =>
        {
            if (!DrillId.IsWellFormed(result.GetValueOrDefault<string>()))
            {
                result.AddError($"'{result.GetValueOrDefault<string>()}' is no drill id: ids look like 20261202T060000Z-drill-restore-1a2b3c4d.");
            }
        });
        var command = new Command("show", "Show one drill: its steps on a timeline, its facts, and its RTO and RPO against the objectives") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var drillId = parseResult.GetRequiredValue(id);
            await using var services = BackendServices.Build(parseResult);
            if (await services.GetRequiredService<DrillHistory>().FindAsync(drillId, cancellationToken).ConfigureAwait(false) is not { } drill)
            {
                return console.Fail(ExitCodes.Failure, $"There is no drill '{drillId}' (see continuity drill list).");
            }

            var report = DrillReport.Of(drill);
            if (console.Json)
            {
                console.WriteJson(report);
            }
            else
            {
                DrillView.Show(console.Ansi, report);
            }

            return DrillCommand.ExitCodeOf(drill);
        });
        return command;
    }
}
