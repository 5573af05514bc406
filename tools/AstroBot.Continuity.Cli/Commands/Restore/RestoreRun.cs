using System.CommandLine;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Restore;

/// <summary>What <c>continuity restore</c> does once its command line parsed.</summary>
internal static class RestoreRun
{
    public static async Task<int> InvokeAsync(ParseResult parseResult, RestoreCommandOptions options, CancellationToken cancellationToken)
    {
        var console = CommandConsole.For(parseResult);
        await using var services = BackendServices.Build(parseResult);
        var resumption = new RestoreResumption(services.GetRequiredService<BackupStorage>());
        var restoreId = parseResult.GetValue(options.RestoreId);
        var target = parseResult.GetValue(options.ToDatabase);
        if (restoreId is not null && await resumption.EarlierTargetAsync(restoreId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            if (target is not null && target != earlier)
            {
                return console.Fail(ExitCodes.Failure, $"Restore {restoreId} wrote into database '{earlier}'; resume it with --to-database {earlier}, or start a new restore with another --restore-id.");
            }

            target = earlier;
        }

        string? userKey = null;
        if (parseResult.GetValue(options.User) is { } user)
        {
            userKey = await UserKeys.FindAsync(services, user, cancellationToken).ConfigureAwait(false);
            if (userKey is null)
            {
                return console.Fail(ExitCodes.Failure, $"Restore refused: {UserKeys.Nobody(user)}");
            }
        }

        restoreId ??= RestoreResumption.NewRestoreId(TimeProvider.System);
        var request = options.Request(parseResult, userKey, target, restoreId);
        if (!console.Json)
        {
            console.Ansi.MarkupLineInterpolated($"Restore [bold]{restoreId}[/] (if it stops, rerun with --restore-id {restoreId} to resume)");
        }

        var restore = services.GetRequiredService<RestoreService>();
        RestoreOutcome outcome;
        try
        {
            outcome = console.ShowsProgress
                ? await RestoreProgressBar.RunAsync(console.Ansi, "Restore", progress => restore.RunToCompletionAsync(request, progress, cancellationToken)).ConfigureAwait(false)
                : await restore.RunToCompletionAsync(request, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RestoreRefusedException exception)
        {
            // A missing key-encryption key is a setting to fix, like for every other command, not a refusal on the merits.
            return console.Fail(exception.InnerException is KeyRingException ? ExitCodes.BadConfiguration : ExitCodes.Failure, $"Restore refused: {exception.Message}");
        }
        catch (Exception)
        {
            await console.Error.WriteLineAsync($"Restore {restoreId} stopped before it finished; rerun with --restore-id {restoreId} to resume where it stopped.").ConfigureAwait(false);
            throw;
        }

        Report(console, outcome, request);
        return ExitCodes.Success;
    }

    private static void Report(CommandConsole console, RestoreOutcome outcome, RestoreRequest request)
    {
        if (console.Json)
        {
            console.WriteJson(outcome);
            return;
        }

        var table = new Table().HideHeaders().AddColumns("what", "value");
        table.AddRow("restore id", Markup.Escape(outcome.RestoreId));
        table.AddRow("target database", Markup.Escape(outcome.TargetDatabase));
        table.AddRow("backups applied", Markup.Escape(string.Join(Environment.NewLine, outcome.BackupIds)));
        table.AddRow("consistent as of", Display.Time(outcome.ConsistentAt));
        table.AddRow("items written", Display.Count(outcome.ItemsWritten));
        table.AddRow("erased users' items skipped", Display.Count(outcome.ShreddedItems));
        if (outcome.RecoveredItems > 0)
        {
            // The user-key table lacked these users' keys: worth an operator's look (docs: when user keys are missing).
            table.AddRow("items opened with the backups' key copies", Display.Count(outcome.RecoveredItems));
        }

        if (request.WaId is { } waId)
        {
            // The operator typed this id; it is echoed back only to them, never logged.
            table.AddRow("only user", Markup.Escape(waId));
        }

        if (request.Containers.Count > 0)
        {
            table.AddRow("only containers", Markup.Escape(string.Join(", ", request.Containers)));
        }

        console.Ansi.Write(table);
    }
}
