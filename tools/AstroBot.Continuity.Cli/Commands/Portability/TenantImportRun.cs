using System.CommandLine;
using AstroBot.Continuity.Portability.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>continuity import --all DIR</c> does once its command line parsed. Exit 1 when any archive was refused, or there was none.</summary>
internal static class TenantImportRun
{
    public static async Task<int> InvokeAsync(ParseResult parseResult, string input, ImportRequest request, CancellationToken cancellationToken)
    {
        var console = CommandConsole.For(parseResult);
        var directory = Path.GetFullPath(input);
        if (!ArchiveFiles.In(directory).Any())
        {
            return console.Fail(ExitCodes.Failure, $"{directory} holds no *.zip archives; nothing was imported.");
        }

        // No check that the database exists: an import may be a migration into a new environment, and the core
        // creates the bot's database and containers when they are missing (never changing existing ones).
        await using var services = BackendServices.Build(parseResult);

        var importer = new TenantImporter(services.GetRequiredService<UserImporter>(), TimeProvider.System);
        void Refused(ImportRefusal refusal) => console.Notice($"Refused {refusal.File}: {refusal.Reason} Nothing of it was written.");
        var result = console.ShowsProgress
            ? await CountingProgress.RunAsync<TenantImportProgress, TenantImportResult>(
                console.Ansi, "Importing", step => step.Describe(), progress => importer.RunAsync(directory, request, progress, Refused, cancellationToken)).ConfigureAwait(false)
            : await importer.RunAsync(directory, request, null, Refused, cancellationToken).ConfigureAwait(false);
        Report(console, result);
        return result.Refused.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static void Report(CommandConsole console, TenantImportResult result)
    {
        if (console.Json)
        {
            console.WriteJson(result);
            return;
        }

        var verb = result.DryRun ? "Dry run: checked" : "Imported";
        console.Ansi.MarkupLineInterpolated(
            $"{verb} {Display.Count(result.Imported)} of {Display.Count(result.Archives)} archives from {result.Directory} in {Display.Duration(result.Elapsed)}:");
        console.Ansi.Write(ImportTable.Create(result.Containers, result.DryRun));
        console.Ansi.MarkupLineInterpolated($"{Display.Count(result.AuditRecords)} audit records {(result.DryRun ? "would be written" : "written")}.");
        if (ImportTable.Conflicts(result.Total.Skipped, result.DryRun) is { } conflicts)
        {
            console.Ansi.MarkupLineInterpolated($"[yellow]{conflicts}[/]");
        }

        if (result.Refused.Count > 0)
        {
            console.Ansi.MarkupLineInterpolated($"[red]{Display.Count(result.Refused.Count)} archives were refused[/] (each one above); nothing of them was written.");
        }

        if (result.DryRun)
        {
            console.Ansi.MarkupLine("[bold]Dry run: nothing was written.[/]");
        }
    }
}
