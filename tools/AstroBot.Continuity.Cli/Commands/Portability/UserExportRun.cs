using System.CommandLine;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>continuity export --user USER --out FILE.zip</c> does once its command line parsed.</summary>
internal static class UserExportRun
{
    public static async Task<int> InvokeAsync(ParseResult parseResult, string user, string output, bool force, CancellationToken cancellationToken)
    {
        var console = CommandConsole.For(parseResult);
        var path = Path.GetFullPath(output);
        if (!force && File.Exists(path))
        {
            return console.Fail(ExitCodes.Failure, Exists(path));
        }

        await using var services = BackendServices.Build(parseResult);
        if (await BotDatabase.ProblemAsync(services, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return console.Fail(ExitCodes.Failure, problem);
        }

        if (await UserKeys.FindAsync(services, user, cancellationToken).ConfigureAwait(false) is not { } waId)
        {
            return console.Fail(ExitCodes.Failure, UserKeys.Nobody(user));
        }

        var export = await services.GetRequiredService<UserExporter>().ExportAsync(waId, cancellationToken).ConfigureAwait(false);
        if (ExportedData.IsEmpty(export.Data))
        {
            return console.Fail(ExitCodes.Failure, $"There is no data for that user ({waId}) in database '{BotDatabase.Name(services)}': no item and no audit trail. Nothing was written.");
        }

        // Recorded before the file is written: no operator export leaves the database unaudited.
        await services.GetRequiredService<AuditTrail>().RecordAsync(waId, AuditEvent.ExportRequested, AuditChannel.Operator, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!await ArchiveFiles.WriteAsync(path, export.Archive, force, cancellationToken).ConfigureAwait(false))
        {
            return console.Fail(ExitCodes.Failure, Exists(path));
        }

        var items = ExportedData.ItemsPerContainer(export.Data);
        Report(console, new UserExportResult(waId, path, export.Archive.LongLength, export.GeneratedAt, items, export.Data.ItemCount, export.Data.Audit.Count));
        return ExitCodes.Success;
    }

    private static string Exists(string path) => $"{path} already exists; nothing was written (--force overwrites it).";

    private static void Report(CommandConsole console, UserExportResult result)
    {
        if (console.Json)
        {
            console.WriteJson(result);
            return;
        }

        var table = new Table().AddColumns("collection", "items");
        table.Columns[1].RightAligned();
        foreach (var (container, count) in result.Items)
        {
            table.AddRow(container, Display.Count(count));
        }

        table.AddRow("audit trail", Display.Count(result.AuditRecords));
        console.Ansi.MarkupLineInterpolated($"[green]Exported {result.WaId}[/] to {result.File} ({Display.Bytes(result.Bytes)}), generated {Display.Time(result.GeneratedAt)}:");
        console.Ansi.Write(table);
        console.Ansi.MarkupLineInterpolated($"{Display.Count(result.TotalItems)} items. Recorded in the user's audit trail as an operator export. The file holds the user's personal data: keep it only as long as needed.");
    }
}
