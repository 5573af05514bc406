using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.RestoreTest;

namespace AstroBot.Continuity.Recovery.Drills.Restore;

// The inputs and outputs of a restore drill's steps (RestoreDrill): ids, names, times and counts, never items.

/// <summary>
/// A restore drill planned: the newest backup chain (<paramref name="BackupIds"/>, oldest first), the scratch database
/// it goes into, and the point before which every change is in it (the newest backup's start).
/// </summary>
public sealed record RestoreDrillPlan(
    string DrillId, DateTimeOffset StartedAt, IReadOnlyList<string> BackupIds, DateTimeOffset CapturedBefore, string ScratchDatabase, string RestoreId, IReadOnlyList<string> Containers)
{
    public RestoreRequest Restore => new() { BackupId = BackupIds[^1], TargetDatabase = ScratchDatabase, RestoreId = RestoreId };
}

/// <summary>One container's sample to compare.</summary>
public sealed record SampleRequest(string ScratchDatabase, string Container, DateTimeOffset CapturedBefore);

/// <summary>Everything the drill found, for its last step; <paramref name="Error"/> when a step failed.</summary>
public sealed record RestoreDrillFindings(
    RestoreDrillPlan Plan,
    RestoreOutcome? Outcome,
    IReadOnlyList<RestoredChecksum> Checksums,
    IReadOnlyList<SampleComparison> Samples,
    IReadOnlyList<DrillStep> Steps,
    string? Error);
