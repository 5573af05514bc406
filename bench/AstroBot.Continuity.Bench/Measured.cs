namespace AstroBot.Continuity.Bench;

/// <summary>A product operation's wall time and what it reported.</summary>
internal sealed record Measured<T>(TimeSpan Elapsed, T Result);
