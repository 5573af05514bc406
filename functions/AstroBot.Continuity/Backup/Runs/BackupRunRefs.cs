namespace AstroBot.Continuity.Backup.Runs;

// The inputs and outputs of a backup run's steps (BackupRunSteps): ids, names and positions, never items or plans,
// so the Durable history of a run stays small at any size.

/// <summary>Starts a run of <paramref name="Kind"/>; every step of it takes the database's lease under <paramref name="LeaseId"/>.</summary>
public sealed record BackupRunRequest(BackupKind Kind, string LeaseId);

/// <summary>What planning gave: the run and its containers to read, or how it ended already (lease held, nothing to build on).</summary>
/// <param name="FirstRetryInterval">The orchestration's wait before retrying a failed activity, doubled each time (<c>Backup:RetryInterval</c>).</param>
/// <param name="ParallelRanges">How many parts of one container are read at once (<c>Backup:ParallelRanges</c>).</param>
public sealed record BackupRunPlan(string? BackupId, IReadOnlyList<PlannedContainer> Containers, BackupRunResult? Ended, TimeSpan FirstRetryInterval, int ParallelRanges)
{
    public static BackupRunPlan EndedWith(BackupRunResult result) => new(null, [], result, TimeSpan.Zero, 1);
}

/// <summary>A container to read, in <paramref name="Ranges"/> parts (its feed ranges for a full; 1 for an incremental).</summary>
public sealed record PlannedContainer(string Name, int Ranges);

/// <summary>The next slice of part <paramref name="Range"/> of one container of run <paramref name="BackupId"/>.</summary>
public sealed record BackupSliceRef(string BackupId, string Container, int Range, string LeaseId);

/// <summary>Where a slice left its container: read to the end, and how many items it holds so far.</summary>
public sealed record BackupSliceResult(bool Done, long Items);

/// <summary>Run <paramref name="BackupId"/>, for its commit.</summary>
public sealed record BackupRunRef(string BackupId, string LeaseId);

/// <summary>Run <paramref name="BackupId"/> failed with <paramref name="Error"/> (its exception's type name and first line).</summary>
public sealed record BackupRunFailure(string BackupId, string LeaseId, string Error)
{
    public static BackupRunFailure Of(BackupRunRef run, string errorType, string message)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(errorType);
        ArgumentNullException.ThrowIfNull(message);
        return new(run.BackupId, run.LeaseId, $"{errorType[(errorType.LastIndexOf('.') + 1)..]}: {message.Split('\n', 2)[0].Trim()}");
    }
}
