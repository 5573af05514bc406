namespace AstroBot.Continuity.Bench.Report;

/// <summary>
/// docs/benchmarks.md, shared by every benchmark: each owns the text between its two markers and leaves the
/// rest of the file as it found it.
/// </summary>
internal static class BenchmarksDocument
{
    private const string Preamble =
        "# Benchmarks\n\n" +
        "Measured by the harness in `bench/` and written here by it (design section 7): each figure is set next to\n" +
        "the bare limit of the same work, measured in the same run, because this machine is shared and noisy and an\n" +
        "absolute number from it means little on its own. Tests never assert timings.\n";

    /// <summary>Replaces (or appends) the section between <c>&lt;!-- bench:{key}:start --&gt;</c> and its end marker.</summary>
    public static async Task WriteSectionAsync(string path, string key, string section, CancellationToken ct)
    {
        var start = $"<!-- bench:{key}:start -->";
        var end = $"<!-- bench:{key}:end -->";
        var block = $"{start}\n{section.TrimEnd()}\n{end}";

        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : Preamble;
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from, StringComparison.Ordinal);
        text = to < 0
            ? $"{text.TrimEnd()}\n\n{block}\n"
            : string.Concat(text.AsSpan(0, from), block, text.AsSpan(to + end.Length));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
    }
}
