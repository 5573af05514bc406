using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Cli.Tests.Docs;

/// <summary>One marked step of a documented procedure: a single <c>continuity</c> command line.</summary>
/// <param name="Procedure">The procedure's name, as in <c>&lt;!-- procedure: NAME step N --&gt;</c>.</param>
/// <param name="Number">N: steps are numbered from 1 within each procedure.</param>
/// <param name="CommandLine">The command as written, <c>continuity</c> included.</param>
/// <param name="Line">Where the marker is in the document (1-based), for messages.</param>
public sealed record ProcedureStep(string Procedure, int Number, string CommandLine, int Line)
{
    /// <summary>The arguments after <c>continuity</c>, split on whitespace (double quotes group).</summary>
    public IReadOnlyList<string> Arguments => Tokens(CommandLine).Skip(1).ToList();

    public override string ToString() => $"{Procedure} step {Number} (line {Line}): {CommandLine}";

    internal static IEnumerable<string> Tokens(string commandLine) =>
        Regex.Matches(commandLine, "\"([^\"]*)\"|(\\S+)").Select(match => match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
}

/// <summary>
/// Reads the procedures marked in a Markdown document: an HTML comment <c>&lt;!-- procedure: NAME step N --&gt;</c>
/// followed by a <c>```sh</c> block holding exactly one <c>continuity ...</c> line.
/// </summary>
public static partial class DocumentedProcedures
{
    /// <summary>The repository root: the first folder above the build output (or, when that lives elsewhere, above this source file) holding Serverless.sln.</summary>
    public static string RepositoryRoot([CallerFilePath] string sourceFile = "") =>
        new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty }
            .Select(FindSolutionAbove)
            .FirstOrDefault(root => root is not null)
        ?? throw new DirectoryNotFoundException($"No Serverless.sln above {AppContext.BaseDirectory}, {Environment.CurrentDirectory} or {sourceFile}.");

    /// <summary>Every marked step, in document order.</summary>
    /// <exception cref="FormatException">A marker without its <c>sh</c> block, or a block that is not one <c>continuity</c> line.</exception>
    public static IReadOnlyList<ProcedureStep> Read(string markdownPath)
    {
        var text = File.ReadAllText(markdownPath).ReplaceLineEndings("\n");
        var markers = MarkerPattern().Matches(text);
        var steps = new List<ProcedureStep>();
        foreach (Match marker in markers)
        {
            var line = text.AsSpan(0, marker.Index).Count('\n') + 1;
            var block = BlockPattern().Match(text, marker.Index + marker.Length);
            if (!block.Success || block.Index != marker.Index + marker.Length)
            {
                throw new FormatException($"{markdownPath}:{line}: the marker '{marker.Value.Trim()}' must be followed directly by a ```sh block.");
            }

            var commands = block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (commands.Length != 1 || !commands[0].StartsWith("continuity ", StringComparison.Ordinal))
            {
                throw new FormatException($"{markdownPath}:{line}: a procedure step holds exactly one 'continuity ...' line, not:\n{block.Groups["body"].Value}");
            }

            steps.Add(new ProcedureStep(marker.Groups["name"].Value, int.Parse(marker.Groups["step"].Value, System.Globalization.CultureInfo.InvariantCulture), commands[0], line));
        }

        return steps;
    }

    private static string? FindSolutionAbove(string start)
    {
        for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<!--\s*procedure:\s*(?<name>[A-Za-z0-9_-]+)\s+step\s+(?<step>\d+)\s*-->[ \t]*\n")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"```sh[ \t]*\n(?<body>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();
}
