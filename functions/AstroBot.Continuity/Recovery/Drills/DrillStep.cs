namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>One step of a drill and its timing, as the report's timeline shows it.</summary>
/// <param name="Detail">What it found or did, in a sentence; the reason when it failed.</param>
public sealed record DrillStep(string Name, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, bool Succeeded, string? Detail = null)
{
    public TimeSpan Duration => CompletedAt - StartedAt;
}
