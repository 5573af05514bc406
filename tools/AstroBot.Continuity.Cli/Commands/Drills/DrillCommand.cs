using System.CommandLine;
using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary><c>continuity drill run|list|show</c>: disaster-recovery drills and their evidence (docs/dr/README.md#drills).</summary>
internal static class DrillCommand
{
    public static Command Create()
    {
        var command = new Command(
            "drill",
            "Run a disaster-recovery drill (through a host, or in this process when the automation is down) and read the drill history: " +
            "each drill's steps, facts, and RTO and RPO against the objectives");
        command.Subcommands.Add(DrillRunCommand.Create());
        command.Subcommands.Add(DrillListCommand.Create());
        command.Subcommands.Add(DrillShowCommand.Create());
        return command;
    }

    /// <summary>What a drill that ended exits with: 0 passed, 1 anything else (failed, missed its objective, abandoned); 0 while it runs.</summary>
    public static int ExitCodeOf(DrillRecord drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        return drill.State is DrillState.Passed or DrillState.Running ? ExitCodes.Success : ExitCodes.Failure;
    }
}
