using System.CommandLine;
using AstroBot.Continuity.Backup.Retention;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary><c>continuity backup prune [--dry-run]</c>: applies retention and says, backup by backup, what goes and what stays and why.</summary>
internal static class BackupPruneCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what would be pruned; delete and change nothing" };
        var command = new Command("prune", "Delete the backups past retention (daily, weekly, monthly fulls; incrementals live with their full)") { dryRun };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var pruner = services.GetRequiredService<BackupPruner>();
            var report = await pruner.PruneAsync(parseResult.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(report);
            }
            else
            {
                Show(console.Ansi, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, PruneReport report)
    {
        if (report.Message is { } message)
        {
            console.MarkupLineInterpolated($"[yellow]Nothing pruned[/]: {message}");
            return;
        }

        var table = new Table().AddColumns("backup", "decision", "why");
        var pruned = report.DryRun ? "would prune" : "pruned";
        foreach (var (decision, items) in new[] { (pruned, report.Pruned), ("skipped: immutable", report.SkippedImmutable), ("kept", report.Kept) })
        {
            foreach (var item in items)
            {
                table.AddRow(Markup.Escape(item.BackupId), decision, Markup.Escape(item.Reason));
            }
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{(report.DryRun ? "Dry run: " : string.Empty)}{report.Pruned.Count} {pruned}, {report.SkippedImmutable.Count} skipped (blobs still immutable; retried at the next prune), {report.Kept.Count} kept.");
    }
}
