using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>
/// The plan's table of runbooks (docs/dr/README.md, "Runbooks"): rows of
/// <c>| [file.md](file.md) | what | `Scenario`, `Scenario` | last drilled |</c>, read for the runbook → scenarios
/// mapping, and their last column rewritten.
/// </summary>
internal static partial class RunbookIndex
{
    public static IReadOnlyList<Runbook> Read(string readme) =>
        [.. Row().Matches(readme).Select(row => new Runbook(
            row.Groups["file"].Value,
            [.. Scenario().Matches(row.Groups["scenarios"].Value).Select(scenario => scenario.Groups[1].Value)]))];

    /// <summary><paramref name="readme"/> with each runbook row's last column set to what <paramref name="lastDrilled"/> says of its file.</summary>
    public static string WithLastDrilled(string readme, Func<string, string> lastDrilled) =>
        Row().Replace(readme, row =>
        {
            var last = row.Groups["last"];
            var from = last.Index - row.Index;
            return row.Value[..from] + $" {lastDrilled(row.Groups["file"].Value)} " + row.Value[(from + last.Length)..];
        });

    [GeneratedRegex(@"^\| \[(?<file>[a-z0-9-]+\.md)\]\(\k<file>\) \|[^|\n]*\|(?<scenarios>[^|\n]*)\|(?<last>[^|\n]*)\|[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Scenario();
}
