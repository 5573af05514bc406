namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>A drill the host or the gate did not start: what the command exits with and says.</summary>
internal sealed record DrillStartRefusal(int ExitCode, string Message);
