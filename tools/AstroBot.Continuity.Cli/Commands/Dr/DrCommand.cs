using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary><c>continuity dr status|runbooks</c>: the disaster-recovery plan against its drills (docs/dr/README.md).</summary>
internal static class DrCommand
{
    public static Command Create()
    {
        var command = new Command(
            "dr",
            "Check the disaster-recovery plan against its drills: which scenarios a drill covers, how the last drill went, when the next is due; " +
            "and write the runbooks' Last drilled lines from the drill history");
        command.Subcommands.Add(DrStatusCommand.Create());
        command.Subcommands.Add(DrRunbooksCommand.Create());
        return command;
    }
}
