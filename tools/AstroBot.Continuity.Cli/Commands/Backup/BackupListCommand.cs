using System.CommandLine;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary><c>continuity backup list</c>: the catalog of the configured database, oldest first.</summary>
internal static class BackupListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the backups of the configured database, oldest first, with their checks");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            await using var services = BackendServices.Build(parseResult);
            var database = services.GetRequiredService<IOptions<CosmosOptions>>().Value.DatabaseName;
            var entries = await services.GetRequiredService<BackupCatalog>().ListAsync(database, cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(entries);
            }
            else if (entries.Count == 0)
            {
                console.Ansi.MarkupLineInterpolated($"Database '{database}' has no backups yet (continuity backup run).");
            }
            else
            {
                console.Ansi.Write(Table(entries));
                // Why a run failed, or what retention noted; never personal data.
                foreach (var noted in entries.Where(entry => entry.Error is not null))
                {
                    console.Ansi.MarkupLineInterpolated($"{noted.BackupId} ({noted.State.ToString().ToLowerInvariant()}): {noted.Error}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Table(IReadOnlyList<BackupCatalogEntry> entries)
    {
        var table = new Table().AddColumns("id", "kind", "state", "started", "duration", "items", "stored", "RU", "verify", "restore test");
        foreach (var column in table.Columns.Skip(5).Take(3))
        {
            column.RightAligned();
        }

        foreach (var entry in entries)
        {
            table.AddRow(
                Markup.Escape(entry.BackupId),
                entry.Kind.ToString().ToLowerInvariant(),
                entry.State.ToString().ToLowerInvariant(),
                Display.Time(entry.StartedAt),
                Display.Duration(entry.Duration),
                Display.Count(entry.ItemCount),
                Display.Bytes(entry.StoredBytes),
                Display.RequestUnits(entry.RequestCharge),
                Markup.Escape(entry.VerifyResult ?? Display.None),
                Markup.Escape(entry.RestoreTestResult ?? Display.None));
        }

        return table;
    }
}
