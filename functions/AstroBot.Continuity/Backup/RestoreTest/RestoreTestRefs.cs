using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Restore;

namespace AstroBot.Continuity.Backup.RestoreTest;

// The inputs and outputs of a restore test's steps (RestoreTester): ids, names, positions and checksums, never items.

/// <summary>A restore test planned: which backup, into which scratch database, under which restore id.</summary>
public sealed record RestoreTestPlan(string BackupId, string ScratchDatabase, string RestoreId, DateTimeOffset StartedAt, IReadOnlyList<string> Containers)
{
    public RestoreRequest Restore => new() { BackupId = BackupId, TargetDatabase = ScratchDatabase, RestoreId = RestoreId };
}

/// <summary>How far the read-back of one restored container got: its continuation and the checksum so far.</summary>
public sealed record RestoredChecksum(string ScratchDatabase, string Container, string? Continuation, string Checksum, long Count, bool Done)
{
    public static RestoredChecksum Start(string scratchDatabase, string container) =>
        new(scratchDatabase, container, null, new ContentChecksum().ToString(), 0, Done: false);
}

/// <summary>What the test found, for its last step: the restore's outcome and the read-back checksums, or why it stopped.</summary>
public sealed record RestoreTestFindings(RestoreTestPlan Plan, RestoreOutcome? Outcome, IReadOnlyList<RestoredChecksum> Checksums, string? Error);
