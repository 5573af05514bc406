namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>A runbook of the plan (docs/dr/README.md's table): its file, beside the README, and the scenarios it recovers from.</summary>
internal sealed record Runbook(string File, IReadOnlyList<string> Scenarios);
