using System.CommandLine;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Erasure;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// <c>continuity erase --user USER [--yes]</c>: erases a person for good, by their key whichever identifier names
/// them (the core's <see cref="UserEraser"/>: the erasure journal first, then live items, the backup key, the audit
/// trail and their identity directory record). Exit 0 erased (rerunning finishes an erasure that stopped), 1 nobody
/// matches, not confirmed or the database missing, 2 bad input.
/// </summary>
internal static class EraseCommand
{
    public static Command Create()
    {
        var user = UserReference.Option(
            "--user", "The user to erase: their user key, or any identifier they have or had (phone number, BSUID, @username); the whole person goes, with every identifier");
        user.Required = true;
        var yes = new Option<bool>("--yes") { Description = "Erase without asking; otherwise you type the user's key again (on an interactive terminal only)" };
        var command = new Command(
            "erase",
            "Erase a user for good: every item in the bot's database, their backup key (so no backup can be read for them, and no restore brings them back), their audit trail and every identifier the identity directory holds for them")
        {
            user, yes,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var reference = parseResult.GetRequiredValue(user)!;
            var confirmed = parseResult.GetValue(yes);
            if (!confirmed && !IsInteractive(console))
            {
                return console.Fail(ExitCodes.Failure, EraseConfirmation.NotInteractive);
            }

            await using var services = BackendServices.Build(parseResult);
            if (await BotDatabase.ProblemAsync(services, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                return console.Fail(ExitCodes.Failure, problem);
            }

            if (await ErasureTarget.FindAsync(services, reference, cancellationToken).ConfigureAwait(false) is not { } waId)
            {
                return console.Fail(ExitCodes.Failure, UserKeys.Nobody(reference));
            }

            if (!confirmed)
            {
                // With --json the prompt stays off stdout, which is for the result alone.
                if (!await EraseConfirmation.AskAsync(waId, Console.In, console.Json ? console.Error : console.Out, cancellationToken).ConfigureAwait(false))
                {
                    return console.Fail(ExitCodes.Failure, EraseConfirmation.Mismatch);
                }
            }

            var report = await services.GetRequiredService<UserEraser>().EraseAsync(waId, cancellationToken).ConfigureAwait(false);
            var items = BotDataModel.Containers.ToDictionary(container => container.Name, container => report.ItemsDeleted.GetValueOrDefault(container.Name), StringComparer.Ordinal);
            Report(console, new EraseResult(waId, items, report.TotalItemsDeleted, report.BackupKeyDestroyed, report.AuditRecordsDeleted, report.IdentifiersForgotten));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A person at a terminal: stdout is the console (not a file, a pipe or a test's writer) and stdin is the keyboard.</summary>
    private static bool IsInteractive(CommandConsole console) =>
        ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsInputRedirected;

    private static void Report(CommandConsole console, EraseResult result)
    {
        if (console.Json)
        {
            console.WriteJson(result);
            return;
        }

        var table = new Table().AddColumns("removed", "count");
        table.Columns[1].RightAligned();
        foreach (var (container, count) in result.ItemsDeleted)
        {
            table.AddRow($"{container} items", Display.Count(count));
        }

        table.AddRow("audit records", Display.Count(result.AuditRecordsDeleted));
        table.AddRow("backup key", result.BackupKeyDestroyed ? "destroyed" : "none existed");
        table.AddRow("identifiers forgotten", Display.Count(result.IdentifiersForgotten));
        console.Ansi.MarkupLineInterpolated($"[green]Erased {result.WaId}[/]: {Display.Count(result.TotalItemsDeleted)} items.");
        console.Ansi.Write(table);
        console.Ansi.MarkupLine(result.BackupKeyDestroyed
            ? "Backups can no longer be read for this user: their items in every existing backup were sealed under the key now destroyed."
            : "Backups can no longer be read for this user: they had no backup key, so no backup held their items readable.");
        console.Ansi.MarkupLine("Restores will never bring them back: every restore replays the erasure journal, where this erasure is recorded.");
        if (result.TotalItemsDeleted == 0 && result.AuditRecordsDeleted == 0 && !result.BackupKeyDestroyed && result.IdentifiersForgotten == 0)
        {
            console.Ansi.MarkupLine("Nothing was stored for this id (already erased, or mistyped?); the erasure is journaled all the same.");
        }
    }
}
