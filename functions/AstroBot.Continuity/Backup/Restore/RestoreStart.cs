namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// A planned restore, as small as the orchestration needs it: ids and counts. The steps themselves are rows of the
/// restore's progress (<see cref="RestoreProgress"/>), which each activity reads by <see cref="RestoreStepRef"/>.
/// </summary>
/// <param name="Batches">The steps, one batch per backup, oldest backup first.</param>
/// <param name="Parallelism">How many steps of a batch that may run in any order run at once (<c>Backup:RestoreParallelism</c>).</param>
/// <param name="FirstRetryInterval">The orchestration's wait before retrying a failed activity, doubled each time (<c>Backup:RetryInterval</c>).</param>
public sealed record RestoreStart(
    string RestoreId,
    string TargetDatabase,
    IReadOnlyList<string> BackupIds,
    DateTimeOffset ConsistentAt,
    IReadOnlyList<RestoreBatch> Batches,
    int Parallelism,
    TimeSpan FirstRetryInterval)
{
    public int StepCount => Batches.Sum(batch => batch.StepCount);
}

/// <summary>The steps of one backup: <see cref="StepCount"/> steps from <see cref="FirstStep"/>.</summary>
/// <param name="InOrder">
/// True for an incremental, which can hold an item in two chunks (changed again while read): the later chunk must
/// land last. A full backup holds each item once, so its steps may run in any order.
/// </param>
public sealed record RestoreBatch(string BackupId, int FirstStep, int StepCount, bool InOrder);

/// <summary>One chunk to restore, as its progress row records it.</summary>
public sealed record RestoreStep(string BackupId, string Container, string ChunkName, int ItemCount);

/// <summary>Names a step of a restore: the input of the step activities, never the step itself.</summary>
public sealed record RestoreStepRef(string RestoreId, int Step);
