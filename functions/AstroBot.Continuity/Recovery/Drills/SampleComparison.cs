namespace AstroBot.Continuity.Recovery.Drills;

/// <summary>What comparing live items changed before a restore's point with the restored ones found in one container.</summary>
/// <param name="Differing">How many of them are missing or different in the restored copy (counts only: ids can be phone numbers).</param>
public sealed record SampleComparison(string Container, int Compared, int Differing);
