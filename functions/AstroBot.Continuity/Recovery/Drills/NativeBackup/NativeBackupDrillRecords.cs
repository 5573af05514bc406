namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

// The inputs and outputs of a native backup drill's steps (NativeBackupDrill): ids, names, times, links and counts, never items.

/// <summary>
/// A native backup drill planned: the live account restored as of <paramref name="RestorePoint"/> into
/// <paramref name="Account"/>, whose <paramref name="Database"/> is checked container by container; how often the
/// orchestration polls, and for how long at most.
/// </summary>
public sealed record NativeBackupDrillPlan(
    string DrillId, DateTimeOffset StartedAt, DateTimeOffset RestorePoint, string Account, string Database, IReadOnlyList<string> Containers,
    TimeSpan PollInterval, TimeSpan Timeout);

/// <summary>One container of the restored account to check against the live one.</summary>
public sealed record RestoredContainerRequest(string Account, string Database, string Container, DateTimeOffset RestorePoint);

/// <summary>How far the count of one restored container got: its continuation and the count so far.</summary>
public sealed record RestoredCount(RestoredContainerRequest Request, string? Continuation, long Count, bool Done)
{
    public static RestoredCount Start(RestoredContainerRequest request) => new(request, null, 0, Done: false);
}

/// <summary>
/// Everything the drill found, for its last step: when the data was verified (null when it was not), the samples and
/// counts, the steps (the deletion's included), and why it failed or why the account was not deleted.
/// </summary>
public sealed record NativeBackupDrillFindings(
    NativeBackupDrillPlan Plan,
    DateTimeOffset? VerifiedAt,
    IReadOnlyList<SampleComparison> Samples,
    IReadOnlyList<RestoredCount> Counts,
    IReadOnlyList<DrillStep> Steps,
    string? Error,
    string? DeleteError);
