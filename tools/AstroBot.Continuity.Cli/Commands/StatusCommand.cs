using System.CommandLine;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// <c>continuity status</c>: the backups against the thresholds the alert rules use. Exit 0 healthy, 1 when any
/// threshold is crossed (each problem printed).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Check the backups as the alerts do: newest verified full, newest incremental, geo-replication lag, newest failure");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var report = await services.GetRequiredService<BackupHealth>().CheckAsync(cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(report);
            }
            else
            {
                Show(console.Ansi, report, services.GetRequiredService<IOptions<BackupOptions>>().Value);
            }

            return report.IsHealthy ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, BackupHealthReport report, BackupOptions limits)
    {
        var table = new Table().AddColumns("check", "backup", "age", "limit");
        table.AddRow("newest verified full", Id(report.NewestVerifiedFull), Display.Duration(report.VerifiedFullAge), Display.Duration(limits.FullBackupMaxAge));
        table.AddRow("newest incremental", Id(report.NewestIncremental), Display.Duration(report.IncrementalAge), Display.Duration(limits.IncrementalBackupMaxAge));
        table.AddRow(
            "geo-replication lag",
            report.GeoLastSyncTime is { } synced ? "last sync " + Display.Time(synced) : "unknown (no secondary, or it did not answer)",
            Display.Duration(report.GeoReplicationLag),
            Display.Duration(limits.GeoReplicationMaxLag));
        table.AddRow("newest failure", Id(report.NewestFailed), Display.Duration(report.CheckedAt - report.NewestFailed?.CompletedAt), Display.None);
        console.MarkupLineInterpolated($"Backups of database [bold]{report.Database}[/] at {Display.Time(report.CheckedAt)}:");
        console.Write(table);
        if (report.NewestFailed is { Error: { } error })
        {
            console.MarkupLineInterpolated($"Newest failure: {error}");
        }

        if (report.IsHealthy)
        {
            console.MarkupLine("[green]Healthy.[/]");
            return;
        }

        foreach (var problem in report.Problems)
        {
            console.MarkupLineInterpolated($"[red]Problem[/]: {problem}");
        }
    }

    private static string Id(BackupCatalogEntry? entry) => entry is null ? "none" : Markup.Escape(entry.BackupId);
}
