using System.CommandLine;
using AstroBot.Continuity.Portability.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>continuity import FILE.zip</c> does once its command line parsed.</summary>
internal static class UserImportRun
{
    public static async Task<int> InvokeAsync(ParseResult parseResult, string file, ImportRequest request, CancellationToken cancellationToken)
    {
        var console = CommandConsole.For(parseResult);
        var path = Path.GetFullPath(file);
        ImportArchive archive;
        try
        {
            // Checked completely before the database is even reached.
            archive = ArchiveImport.Read(path);
        }
        catch (ImportRefusedException exception)
        {
            return Refused(console, exception);
        }

        // The importer refuses a database that does not exist (never creates one) and an erased user's older archive.
        await using var services = BackendServices.Build(parseResult);
        if (request.As is { } user)
        {
            if (await UserKeys.FindAsync(services, user, cancellationToken).ConfigureAwait(false) is not { } key)
            {
                return console.Fail(ExitCodes.Failure, $"Import refused: {UserKeys.Nobody(user)} Nothing was written.");
            }

            request = request with { As = key };
        }

        ImportReport report;
        try
        {
            report = await services.GetRequiredService<UserImporter>().ImportAsync(archive, request, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportRefusedException exception)
        {
            return Refused(console, exception);
        }

        var containers = ImportCounts.PerContainer(report.Changes);
        Report(console, new UserImportResult(
            path, report.WaId, archive.WaId, report.DryRun, request.OnConflict, containers, ImportCounts.Total(containers.Values), report.AuditRecords,
            report.IdentifiersLinked, report.IdentifiersHeldElsewhere, report.Changes));
        return ExitCodes.Success;
    }

    private static int Refused(CommandConsole console, ImportRefusedException exception) =>
        console.Fail(ExitCodes.Failure, $"Import refused: {exception.Message} Nothing was written.");

    private static void Report(CommandConsole console, UserImportResult result)
    {
        if (console.Json)
        {
            console.WriteJson(result);
            return;
        }

        var what = result.WaId == result.SourceWaId ? $"the data of {result.WaId}" : $"the data of {result.SourceWaId} as {result.WaId}";
        if (result.DryRun)
        {
            console.Ansi.MarkupLineInterpolated($"[bold]Dry run[/]: importing {what} from {result.File} would do this:");
        }
        else
        {
            console.Ansi.MarkupLineInterpolated($"[green]Imported {what}[/] from {result.File}:");
        }

        console.Ansi.Write(ImportTable.Create(result.Containers, result.DryRun));
        console.Ansi.MarkupLineInterpolated(
            $"{Display.Count(result.AuditRecords)} audit records {(result.DryRun ? "would be written" : "written")} under their own ids (an import never duplicates them).");
        if (result.IdentifiersLinked > 0 || result.IdentifiersHeldElsewhere > 0)
        {
            console.Ansi.MarkupLineInterpolated(
                $"{Display.Count(result.IdentifiersLinked)} identifiers linked to {result.WaId} in the identity directory; {Display.Count(result.IdentifiersHeldElsewhere)} held by another person, left with them (continuity identity show says who).");
        }

        if (ImportTable.Conflicts(result.Total.Skipped, result.DryRun) is { } conflicts)
        {
            console.Ansi.MarkupLineInterpolated($"[yellow]{conflicts}[/]");
        }

        if (!result.DryRun)
        {
            return;
        }

        var changes = new Table().AddColumns("container", "id", "would");
        foreach (var change in result.Changes)
        {
            changes.AddRow(change.Container, Markup.Escape(change.Id), Would(change.Action));
        }

        console.Ansi.Write(changes);
        console.Ansi.MarkupLine("[bold]Dry run: nothing was written.[/]");
    }

    private static string Would(ImportAction action) => action switch
    {
        ImportAction.Create => "create",
        ImportAction.Unchanged => "leave unchanged",
        ImportAction.Overwrite => "overwrite",
        ImportAction.SkipConflict => "skip (stored with other content)",
        _ => action.ToString(),
    };
}
