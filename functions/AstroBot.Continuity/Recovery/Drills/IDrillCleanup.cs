namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>Puts right what a drill of one kind leaves behind when its orchestration is gone before it finished.</summary>
public interface IDrillCleanup
{
    DrillKind Kind { get; }

    /// <summary>Undoes what <paramref name="abandoned"/> left (its facts say what), and says what was done, for its record.</summary>
    Task<string> CleanUpAsync(DrillRecord abandoned, CancellationToken ct);
}
