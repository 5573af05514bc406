using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary>
/// <c>continuity backup verify [ID] [--deep] [--secondary]</c>: checks one backup and records the result in the
/// catalog. Exit 0 valid, 1 problems (each printed), 2 unknown backup or no key.
/// </summary>
internal static class BackupVerifyCommand
{
    public static Command Create()
    {
        var backupId = BackupIdArgument.Create("backup-id", "The backup to verify (default: the newest committed or verified one)", allowLatest: false);
        var deep = new Option<bool>("--deep") { Description = "Download, hash, decrypt and count every chunk (default: check that the manifest authenticates and every chunk is there)" };
        var secondary = new Option<bool>("--secondary") { Description = "Read from the backup account's secondary region (Backup:SecondaryBlobEndpoint) and say whether the backup has replicated" };
        var command = new Command("verify", "Verify a backup; a deep check that passes marks it verified") { backupId, deep, secondary };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var fromSecondary = parseResult.GetValue(secondary);
            await using var services = BackendServices.Build(parseResult);
            if (fromSecondary && string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<BackupOptions>>().Value.SecondaryBlobEndpoint))
            {
                return console.Fail(ExitCodes.BadConfiguration, "--secondary needs Backup:SecondaryBlobEndpoint, the backup account's read-only secondary blob endpoint.");
            }

            var verification = services.GetRequiredService<BackupVerification>();
            VerifyReport report;
            try
            {
                report = await verification.VerifyAsync(
                    parseResult.GetValue(backupId), parseResult.GetValue(deep) ? VerifyLevel.Deep : VerifyLevel.Quick, fromSecondary, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ArgumentException or KeyRingException)
            {
                // An unknown backup, none at all, or no key-encryption key.
                return console.Fail(ExitCodes.BadConfiguration, exception.Message);
            }

            var replication = fromSecondary ? await ReplicationAsync(services, report.BackupId, cancellationToken).ConfigureAwait(false) : null;
            Report(console, report, replication);
            return report.IsValid ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<BackupReplication> ReplicationAsync(IServiceProvider services, string backupId, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<BackupArchives>().Database;
        var entry = await services.GetRequiredService<BackupCatalog>().FindAsync(database, backupId, cancellationToken).ConfigureAwait(false);
        var lastSync = await services.GetRequiredService<GeoReplication>().LastSyncTimeAsync(cancellationToken).ConfigureAwait(false);
        return new BackupReplication(entry?.CompletedAt, lastSync);
    }

    private static void Report(CommandConsole console, VerifyReport report, BackupReplication? replication)
    {
        if (console.Json)
        {
            var json = JsonSerializer.SerializeToNode(report, CliJson.Options)!.AsObject();
            json["replication"] = replication is null ? null : JsonSerializer.SerializeToNode(replication, CliJson.Options);
            console.Out.WriteLine(json.ToJsonString(CliJson.Options));
            return;
        }

        var where = report.FromSecondary ? "secondary region" : "primary region";
        var level = report.Level.ToString().ToLowerInvariant();
        if (report.IsValid)
        {
            var figures = report.Level == VerifyLevel.Deep ? $": {Display.Count(report.ItemsChecked)} items checked, {Display.Count(report.ShreddedItems)} of erased users shredded" : string.Empty;
            console.Ansi.MarkupLineInterpolated($"[green]Backup {report.BackupId} is valid[/] ({level}, {where}){figures}.");
        }
        else
        {
            console.Ansi.MarkupLineInterpolated($"[red]Backup {report.BackupId} has {report.Problems.Count} problem(s)[/] ({level}, {where}):");
            foreach (var problem in report.Problems)
            {
                console.Ansi.MarkupLineInterpolated($"  {problem}");
            }
        }

        if (replication is not null)
        {
            console.Ansi.MarkupLineInterpolated(
                $"Completed {Display.Time(replication.BackupCompletedAt)}; secondary last synced {Display.Time(replication.LastSyncTime)}: {replication.Describe()}.");
        }
    }
}
