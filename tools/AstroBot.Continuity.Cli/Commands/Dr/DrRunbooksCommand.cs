using System.CommandLine;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>
/// <c>continuity dr runbooks [--docs DIR] [--json]</c>: rewrites each runbook's "Last drilled" line, and the last column of
/// the plan's table of runbooks, from the drill history (<see cref="LastDrilledText"/>). Exit 0 written (or already so),
/// 1 a runbook without a "Last drilled" line, 2 no plan in DIR, 3 storage unreachable.
/// </summary>
internal static class DrRunbooksCommand
{
    private const string Plan = "README.md";

    public static Command Create()
    {
        var docs = new Option<DirectoryInfo>("--docs")
        {
            Description = "The folder of the plan (README.md with its table of runbooks) and its runbooks",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("docs", "dr")),
        };
        var command = new Command(
            "runbooks",
            "Write each runbook's Last drilled line from the drill history: the last drill of the scenarios it covers, with its RTO and RPO against the objectives, " +
            "or that no drill covers them; the rest of the line stays")
        {
            docs,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var folder = parseResult.GetRequiredValue(docs);
            var plan = Path.Combine(folder.FullName, Plan);
            if (!File.Exists(plan))
            {
                return console.Fail(ExitCodes.BadConfiguration, $"No disaster-recovery plan at {plan}: give its folder with --docs.");
            }

            await using var services = BackendServices.Build(parseResult);
            var status = await DrStatusCommand.ReadAsync(services, cancellationToken).ConfigureAwait(false);
            var readme = await File.ReadAllTextAsync(plan, cancellationToken).ConfigureAwait(false);
            var runbooks = RunbookIndex.Read(readme);
            var updates = new List<RunbookUpdate>();
            foreach (var runbook in runbooks)
            {
                var scenarios = status.Scenarios.Where(scenario => runbook.Scenarios.Contains(scenario.Scenario, StringComparer.OrdinalIgnoreCase)).ToList();
                updates.Add(await UpdateAsync(Path.Combine(folder.FullName, runbook.File), runbook, LastDrilledText.Sentence(scenarios), cancellationToken).ConfigureAwait(false));
            }

            var cells = runbooks.ToDictionary(
                runbook => runbook.File,
                runbook => LastDrilledText.Cell([.. status.Scenarios.Where(scenario => runbook.Scenarios.Contains(scenario.Scenario, StringComparer.OrdinalIgnoreCase))]));
            var rewritten = RunbookIndex.WithLastDrilled(readme, file => cells[file]);
            if (rewritten != readme)
            {
                await File.WriteAllTextAsync(plan, rewritten, cancellationToken).ConfigureAwait(false);
            }

            if (console.Json)
            {
                console.WriteJson(updates);
            }
            else
            {
                Show(console, updates);
            }

            return updates.Any(update => update.Problem is not null) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<RunbookUpdate> UpdateAsync(string path, Runbook runbook, string sentence, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return new RunbookUpdate(runbook.File, runbook.Scenarios, sentence, Changed: false, $"the plan lists {runbook.File}, which is not there");
        }

        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        if (LastDrilledLine.Rewrite(text, sentence) is not { } rewritten)
        {
            return new RunbookUpdate(runbook.File, runbook.Scenarios, sentence, Changed: false, "it has no **Last drilled:** line ending in a period");
        }

        if (rewritten == text)
        {
            return new RunbookUpdate(runbook.File, runbook.Scenarios, sentence, Changed: false);
        }

        await File.WriteAllTextAsync(path, rewritten, ct).ConfigureAwait(false);
        return new RunbookUpdate(runbook.File, runbook.Scenarios, sentence, Changed: true);
    }

    private static void Show(CommandConsole console, IReadOnlyList<RunbookUpdate> updates)
    {
        var table = new Table().AddColumns("runbook", "last drilled", "file");
        foreach (var update in updates)
        {
            table.AddRow(
                Markup.Escape(update.Runbook),
                Markup.Escape(update.LastDrilled),
                update.Problem is { } problem ? $"[red]{Markup.Escape(problem)}[/]" : update.Changed ? "[green]written[/]" : "unchanged");
        }

        console.Ansi.Write(table);
    }
}
