using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>
/// A runbook's <c>**Last drilled:** ...</c> line: its status is the first sentence after the marker (up to the first
/// period followed by a space or a line break); the rest of the paragraph, what is tested and what is not, stays as written.
/// </summary>
internal static partial class LastDrilledLine
{
    /// <summary><paramref name="runbook"/> with its status replaced by <paramref name="status"/>; null when it has no such line.</summary>
    /// <param name="status">One sentence without its period, and without a period inside (it would end the status early next time).</param>
    public static string? Rewrite(string runbook, string status)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        var line = Status().Match(runbook);
        return line.Success
            ? runbook[..line.Groups["status"].Index] + status + runbook[(line.Groups["status"].Index + line.Groups["status"].Length)..]
            : null;
    }

    [GeneratedRegex(@"\*\*Last drilled:\*\* (?<status>.*?)(?=\.\s)", RegexOptions.Singleline)]
    private static partial Regex Status();
}
