using System.CommandLine;
using AstroBot.Continuity.Availability.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Maintenance;

/// <summary>
/// <c>continuity maintenance stop [--by NAME]</c>: ends the active window now; each region's drain then processes what
/// it held. Exit 0 stopped, or nothing was active (said so), 3 storage unreachable.
/// </summary>
internal static class MaintenanceStopCommand
{
    public static Command Create()
    {
        var by = ActorOption.Create("Who stops it, shown by maintenance status");
        var command = new Command(
            "stop",
            "End the active maintenance window now: each region's drain (every 30 seconds) then processes the held messages, in order per user")
        {
            by,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var control = services.GetRequiredService<MaintenanceControl>();
            var stopped = await control.StopAsync(ActorOption.Actor(parseResult.GetValue(by)), cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(await control.StatusAsync(cancellationToken).ConfigureAwait(false));
            }
            else if (stopped is null)
            {
                console.Ansi.MarkupLine("No maintenance window is active: nothing to stop.");
            }
            else
            {
                console.Ansi.MarkupLineInterpolated($"Maintenance window {stopped.Id} stopped at {Display.Time(stopped.StoppedAt)}.");
                console.Ansi.MarkupLine("Held messages are processed in order per user by each region's drain (every 30 seconds); maintenance status shows what this region still holds.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
