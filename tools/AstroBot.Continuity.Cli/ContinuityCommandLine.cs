using System.CommandLine;
using AstroBot.Continuity.Cli.Commands;

namespace AstroBot.Continuity.Cli;

/// <summary>The <c>continuity</c> command tree.</summary>
internal static class ContinuityCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("AstroBot Continuity: backups, recovery, availability and data portability for the AstroBot WhatsApp bot. " +
                                   "The operators' manual path when automation is down, and the local host.")
        {
            GlobalOptions.Config,
            GlobalOptions.Json,
        };
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(ChatCommand.Create());
        return root;
    }
}
