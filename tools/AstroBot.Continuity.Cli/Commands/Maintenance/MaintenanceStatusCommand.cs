using System.CommandLine;
using AstroBot.Continuity.Availability.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Maintenance;

/// <summary>
/// <c>continuity maintenance status [--json]</c>: the current or last window, how many users got its notice, and what
/// this region's held queue holds. Exit 0 (whatever the state), 3 storage unreachable.
/// </summary>
internal static class MaintenanceStatusCommand
{
    public static Command Create() =>
        StatusVerb.Create(
            "Show the current or last maintenance window, how many users got its notice, and how many webhooks this region still holds",
            (services, cancellationToken) => services.GetRequiredService<MaintenanceControl>().StatusAsync(cancellationToken),
            Show);

    private static void Show(IAnsiConsole console, MaintenanceStatus status)
    {
        if (status.Window is not { } window)
        {
            console.MarkupLine("No maintenance window was ever started.");
        }
        else
        {
            var state = status.State switch
            {
                MaintenanceState.Active => $"[yellow]active[/] until {Display.Time(window.Until)} ({Display.Duration(window.Until - status.CheckedAt)} left)",
                MaintenanceState.Stopped => $"stopped at {Display.Time(window.StoppedAt)} by {Markup.Escape(window.StoppedBy ?? Display.None)}",
                _ => $"ended at {Display.Time(window.Until)}",
            };
            console.MarkupLine($"Maintenance window {window.Id}: {state}.");
            var table = new Table().AddColumns("started", "by", "until", "notices sent");
            table.AddRow(Display.Time(window.StartedAt), Markup.Escape(window.StartedBy), Display.Time(window.Until), Display.Count(status.NoticesSent));
            console.Write(table);
            console.MarkupLineInterpolated($"Notice: {window.Message}");
        }

        var held = $"Held in this region ({status.HeldQueue}): {Display.Count(status.HeldMessages)} webhooks";
        console.MarkupLineInterpolated($"{held}{(status.HeldMessages > 0 && !status.Active ? "; the drain processes them (every 30 seconds)." : ".")}");
    }
}
