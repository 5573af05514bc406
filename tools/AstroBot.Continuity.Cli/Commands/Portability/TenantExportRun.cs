using System.CommandLine;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>continuity export --all --out DIR</c> does once its command line parsed.</summary>
internal static class TenantExportRun
{
    public static async Task<int> InvokeAsync(ParseResult parseResult, string output, bool force, CancellationToken cancellationToken)
    {
        var console = CommandConsole.For(parseResult);
        var directory = Path.GetFullPath(output);
        if (!force && Directory.Exists(directory) && ArchiveFiles.In(directory).Any())
        {
            return console.Fail(ExitCodes.Failure, $"{directory} already holds archives; nothing was written. Export into an empty directory, or pass --force to overwrite archives of the same name.");
        }

        await using var services = BackendServices.Build(parseResult);
        if (await BotDatabase.ProblemAsync(services, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return console.Fail(ExitCodes.Failure, problem);
        }

        Directory.CreateDirectory(directory);
        var exporter = new TenantExporter(
            new AccountFeed(services.GetRequiredService<CosmosClient>(), BotDatabase.Name(services)),
            services.GetRequiredService<UserExporter>(),
            services.GetRequiredService<AuditTrail>(),
            TimeProvider.System);
        void InvalidId(string waId) => console.Notice($"Skipped the account '{waId}': its wa_id is not a user key (a phone number in digits or u- and 24 hex digits), so it cannot name a file; fix the account, then export again.");
        var result = console.ShowsProgress
            ? await CountingProgress.RunAsync<TenantExportProgress, TenantExportResult>(
                console.Ansi, "Exporting: reading the accounts", step => step.Describe(), progress => exporter.RunAsync(directory, progress, InvalidId, cancellationToken)).ConfigureAwait(false)
            : await exporter.RunAsync(directory, null, InvalidId, cancellationToken).ConfigureAwait(false);
        Report(console, result);
        return result.SkippedInvalidIds > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static void Report(CommandConsole console, TenantExportResult result)
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
        console.Ansi.MarkupLineInterpolated(
            $"[green]Exported {Display.Count(result.Users)} users[/] to {result.Directory} as {result.FileNaming} ({Display.Bytes(result.Bytes)}) in {Display.Duration(result.Elapsed)}, {result.UsersPerSecond:F1} users/s:");
        console.Ansi.Write(table);
        if (result.SkippedWithoutData > 0)
        {
            console.Ansi.MarkupLineInterpolated($"{Display.Count(result.SkippedWithoutData)} accounts had no data left when their turn came (erased meanwhile): no archive.");
        }

        if (result.SkippedInvalidIds > 0)
        {
            console.Ansi.MarkupLineInterpolated($"[red]{Display.Count(result.SkippedInvalidIds)} accounts were skipped[/]: their wa_id is not a WhatsApp id (listed above).");
        }

        console.Ansi.MarkupLine("Each export is recorded in its user's audit trail. The files are named by phone number and hold personal data: keep them on this machine, and only as long as needed.");
    }
}
