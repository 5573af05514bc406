using AstroBot.Continuity.Portability.Import;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>The per-container table of <c>import</c> and <c>import --all</c>.</summary>
internal static class ImportTable
{
    public static Table Create(IReadOnlyDictionary<string, ImportCounts> containers, bool dryRun)
    {
        var would = dryRun ? "would be " : string.Empty;
        var table = new Table().AddColumns("container", $"{would}created", "unchanged", $"{would}overwritten", "skipped (conflict)");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var (container, counts) in containers)
        {
            Row(table, container, counts);
        }

        Row(table, "total", ImportCounts.Total(containers.Values));
        return table;
    }

    /// <summary>What to say about records kept because they differ, or null when there were none.</summary>
    public static string? Conflicts(int skipped, bool dryRun) => skipped == 0
        ? null
        : $"{Display.Count(skipped)} records are stored with other content and {(dryRun ? "would be" : "were")} kept; --on-conflict overwrite replaces them with the archive's.";

    private static void Row(Table table, string name, ImportCounts counts) =>
        table.AddRow(name, Display.Count(counts.Created), Display.Count(counts.Unchanged), Display.Count(counts.Overwritten), Display.Count(counts.Skipped));
}
