namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>How far a seed run is: items written so far, their request charge and the time taken.</summary>
public sealed record SeedProgress(long ItemsWritten, double RequestCharge, TimeSpan Elapsed);
