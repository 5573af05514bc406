using AstroBot.Continuity.Bench.Backup;

namespace AstroBot.Continuity.Bench.Drills;

/// <summary>The scale of the drills benchmark; <c>--quick</c> only smoke-tests the harness.</summary>
/// <param name="Users">Synthetic users seeded (<c>continuity seed --users</c>), about 20 items each.</param>
/// <param name="ReadingsPerUser">Readings per user (the <c>continuity seed</c> default).</param>
/// <param name="Seed">The seed's random seed (the <c>continuity seed</c> default).</param>
/// <param name="Rounds">
/// Rounds of the three restores side by side (bare insert, bare restore, restore drill), the order reversed every other
/// round; the figures pool them.
/// </param>
/// <param name="ChangedItems">Messages changed between the full backup and the incremental the RPO figure times.</param>
/// <param name="Quick">True for the smoke-test settings: the figures are not meant to be read.</param>
internal sealed record DrillsBenchSettings(int Users, int ReadingsPerUser, int Seed, int Rounds, int ChangedItems, bool Quick)
{
    /// <summary>
    /// Three rounds of three restores of the same data at the backup benchmark's default scale: about a minute each on
    /// the emulator here (it writes 250-300 items/s), which keeps a run near 10 minutes.
    /// </summary>
    public static DrillsBenchSettings Full(int? users) =>
        new(users ?? BackupBenchSettings.DefaultUsers, 10, 22, Rounds: 3, ChangedItems: 50, Quick: false);

    public static DrillsBenchSettings QuickSmoke(int? users) =>
        new(users ?? 30, 10, 22, Rounds: 2, ChangedItems: 5, Quick: true);
}
