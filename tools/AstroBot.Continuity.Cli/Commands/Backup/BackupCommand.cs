using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary><c>continuity backup ...</c>: run, list, verify, prune and test-restore the bot's backups.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var command = new Command("backup", "Back up the bot's Cosmos DB database and check the backups (the scheduled jobs do the same on their own)");
        command.Subcommands.Add(BackupRunCommand.Create());
        command.Subcommands.Add(BackupListCommand.Create());
        command.Subcommands.Add(BackupVerifyCommand.Create());
        command.Subcommands.Add(BackupPruneCommand.Create());
        command.Subcommands.Add(BackupTestRestoreCommand.Create());
        return command;
    }
}
