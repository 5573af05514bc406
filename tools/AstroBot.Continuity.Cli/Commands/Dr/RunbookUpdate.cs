namespace AstroBot.Continuity.Cli.Commands.Dr;

/// <summary>What <c>dr runbooks</c> did to one runbook: its new status, whether the file changed, and a problem when it has no "Last drilled" line.</summary>
internal sealed record RunbookUpdate(string Runbook, IReadOnlyList<string> Scenarios, string LastDrilled, bool Changed, string? Problem = null);
