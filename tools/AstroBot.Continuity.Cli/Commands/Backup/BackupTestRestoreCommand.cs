using System.CommandLine;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Cli.Commands.Restore;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary>
/// <c>continuity backup test-restore</c>: restores the newest full backup into a scratch database, compares it
/// container by container, drops it. Exit 0 passed, 1 failed or nothing to test, 2 no key.
/// </summary>
internal static class BackupTestRestoreCommand
{
    public static Command Create()
    {
        var command = new Command("test-restore", "Prove the newest full backup restores: into a scratch database, compared with the counts and checksums recorded at backup time, then dropped");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var tester = services.GetRequiredService<RestoreTester>();
            RestoreTestReport report;
            try
            {
                report = console.ShowsProgress
                    ? await RestoreProgressBar.RunAsync(console.Ansi, "Test restore", progress => tester.RunAsync(progress, cancellationToken)).ConfigureAwait(false)
                    : await tester.RunAsync(null, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException exception)
            {
                // No full backup: nothing proves the backups restore, which is a failed test, not a bad command line.
                return console.Fail(ExitCodes.Failure, exception.Message);
            }
            catch (KeyRingException exception)
            {
                return console.Fail(ExitCodes.BadConfiguration, exception.Message);
            }

            if (console.Json)
            {
                console.WriteJson(report);
            }
            else
            {
                Show(console.Ansi, report);
            }

            return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, RestoreTestReport report)
    {
        if (report.Containers.Count > 0)
        {
            var table = new Table().AddColumns("container", "in backup", "restored", "shredded", "checksum", "result");
            foreach (var container in report.Containers)
            {
                table.AddRow(
                    Markup.Escape(container.Container),
                    Display.Count(container.Expected),
                    Display.Count(container.Restored),
                    Display.Count(container.Shredded),
                    container.Shredded > 0 ? "not compared (shredded)" : container.ExpectedChecksum == container.RestoredChecksum ? "matches" : "differs",
                    container.Matches ? "[green]ok[/]" : "[red]failed[/]");
            }

            console.Write(table);
        }

        var color = report.Passed ? "green" : "red";
        console.MarkupLine($"[{color}]Restore test of backup {Markup.Escape(report.BackupId)} {Markup.Escape(report.Summary)}[/] (scratch database {Markup.Escape(report.ScratchDatabase)}, dropped).");
    }
}
