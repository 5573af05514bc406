using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Maintenance;

/// <summary><c>continuity maintenance start|stop|status</c>: maintenance windows (docs/operations/maintenance.md).</summary>
internal static class MaintenanceCommand
{
    public static Command Create()
    {
        var command = new Command(
            "maintenance",
            "Start, stop and check a maintenance window: webhooks are still acknowledged, users' messages are held and each user who writes " +
            "gets your notice once; everything held is processed in order after the window");
        command.Subcommands.Add(MaintenanceStartCommand.Create());
        command.Subcommands.Add(MaintenanceStopCommand.Create());
        command.Subcommands.Add(MaintenanceStatusCommand.Create());
        return command;
    }
}
