using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using AstroBot.Continuity.Cli.Commands.Backup;
using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Cli.Commands.Restore;

/// <summary>
/// <c>continuity restore [BACKUP_ID|latest] [--at TIME] [--user USER] [--container NAME]... [--to-database NAME]
/// [--force] [--restore-id ID]</c>. Exit 0 restored, 1 refused (the message says why), 2 bad input.
/// </summary>
internal static partial class RestoreCommand
{
    public static Command Create()
    {
        var options = new RestoreCommandOptions(
            BackupIdArgument.Create("backup-id", $"The backup to restore, or '{BackupIdArgument.Latest}' (the default): the newest full backup and its incrementals", allowLatest: true),
            new Option<DateTimeOffset?>("--at")
            {
                Description = $"Restore as of this time (ISO 8601, such as {IsoTime.Example}; UTC without an offset): the newest full backup completed by then and its incrementals",
                HelpName = "TIME",
                CustomParser = ParseTime,
            },
            UserReference.Option("--user", "Restore only this user's items: their user key, or any identifier they have or had (phone number, BSUID, @username)"),
            new Option<string[]>("--container")
            {
                Description = $"Restore only this container (repeatable; default all: {string.Join(", ", BotDataModel.Containers.Select(container => container.Name))})",
                HelpName = "NAME",
                AllowMultipleArgumentsPerToken = false,
            },
            new Option<string?>("--to-database") { Description = "The database to restore into (default: a new one named after the source and the time)", HelpName = "NAME" },
            new Option<bool>("--force") { Description = "Allow writing into the live database, or into containers that already hold items" },
            new Option<string?>("--restore-id") { Description = "Name the restore; rerunning with the same id resumes it where it stopped (default: a new id, printed)", HelpName = "ID" });
        options.RestoreId.Validators.Add(result => Check(result, RestoreIdPattern(), "--restore-id takes 1-100 letters, digits, '-' or '_'."));
        options.Containers.Validators.Add(result =>
        {
            var known = BotDataModel.Containers.Select(container => container.Name).ToList();
            foreach (var unknown in (result.GetValueOrDefault<string[]>() ?? []).Where(name => !known.Contains(name)))
            {
                result.AddError($"--container: '{unknown}' is not a container of the bot's data; the containers are {string.Join(", ", known)}.");
            }
        });

        var command = new Command("restore", "Restore backups into a Cosmos DB database; refuses to overwrite live data without --force")
        {
            options.BackupId, options.At, options.User, options.Containers, options.ToDatabase, options.Force, options.RestoreId,
        };
        command.SetAction((parseResult, cancellationToken) => RestoreRun.InvokeAsync(parseResult, options, cancellationToken));
        return command;
    }

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens[^1].Value;
        if (IsoTime.TryParse(text, out var time))
        {
            return time;
        }

        result.AddError($"--at takes an ISO 8601 time such as {IsoTime.Example} (UTC when no offset is given), not '{text}'.");
        return null;
    }

    private static void Check(OptionResult result, Regex pattern, string error)
    {
        if (result.GetValueOrDefault<string?>() is { } value && !pattern.IsMatch(value))
        {
            result.AddError(error);
        }
    }

    // Restore progress is keyed by the id in a table, whose keys may not hold '/', '\', '#' or '?'.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex RestoreIdPattern();
}
