namespace AstroBot.Continuity.Bicep.Tests;

/// <summary>What one Bicep CLI run printed. Diagnostics (errors, warnings, infos) go to standard error.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Succeeded and said nothing: no error, no warning, no info.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    /// <summary>The diagnostic lines about one file; each starts with the file's full path.</summary>
    public IReadOnlyList<string> DiagnosticsFor(string fullPath) =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith(fullPath + "(", StringComparison.Ordinal))
            .ToList();

    public override string ToString() => $"exit code {ExitCode}\n{StandardError}";
}
