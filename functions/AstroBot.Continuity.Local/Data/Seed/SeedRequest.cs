namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// What to seed: <paramref name="Users"/> synthetic users with <paramref name="ReadingsPerUser"/> readings each,
/// drawn from <paramref name="Seed"/>. Every timestamp is relative to <paramref name="BaseTime"/> ("now" for the
/// data, taken from the caller's TimeProvider), so the same request always yields the same documents.
/// </summary>
public sealed record SeedRequest(int Users, int ReadingsPerUser, int Seed, DateTimeOffset BaseTime)
{
    /// <summary>Wa_ids are "1555" plus seven digits, so at most ten million users fit.</summary>
    public const int MaxUsers = 10_000_000;

    /// <summary>Writes in flight at once. Default: 64.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>
    /// Whether to write with the SDK's bulk execution. Default: null, meaning bulk against a real account and point
    /// writes against a loopback emulator, because cosmosdb-server does not implement the batch API bulk sends.
    /// </summary>
    public bool? UseBulkExecution { get; init; }

    /// <summary>Throws when a count is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Users);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Users, MaxUsers);
        ArgumentOutOfRangeException.ThrowIfNegative(ReadingsPerUser);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrency);
    }
}
