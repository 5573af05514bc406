namespace AstroBot.Continuity.Backup.Restore;

/// <summary>A step of a restore failed for good (after its retries): the restore stops, naming it, and resumes from there under the same restore id.</summary>
public sealed class RestoreStepFailedException(string restoreId, int step, string activity, string reason, Exception? innerException = null)
    : Exception($"Restore {restoreId}: step {step} ({activity}) failed: {reason} Fix the cause and start the restore again with restore id {restoreId}: it resumes from this step.", innerException);
