using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Backup and restore: 5000-5999 (runs 5000-5009, verification 5010-5019, restore 5020-5029, restore test 5030-5039,
// retention 5040-5049, health 5050-5059, backup orchestrations 5060-5069; ids in ContinuityEventId). Ids and counts only: never items, wa_ids or keys.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.BackupStarting, Level = LogLevel.Information, Message = "Backup {BackupId} of database {Database} starting")]
    internal static partial void BackupStarting(ILogger logger, string backupId, string database);

    [LoggerMessage(EventId = ContinuityEventId.BackupResuming, Level = LogLevel.Warning,
        Message = "Backup {BackupId} of database {Database} was stopped part-way (started {StartedAt:O}); resuming it from its last checkpoint")]
    internal static partial void BackupResuming(ILogger logger, string backupId, string database, DateTimeOffset startedAt);

    [LoggerMessage(EventId = ContinuityEventId.BackupCommitted, Level = LogLevel.Information,
        Message = "Backup {BackupId} committed: {ItemCount} items, {StoredBytes} bytes stored, {RequestCharge:F0} RU, {Throttles} throttles")]
    internal static partial void BackupCommitted(ILogger logger, string backupId, long itemCount, long storedBytes, double requestCharge, int throttles);

    [LoggerMessage(EventId = ContinuityEventId.BackupUserKeysUnreadable, Level = LogLevel.Warning,
        Message = "Backup {BackupId}: the key rows of {UserCount} users do not unwrap (altered, or under a KEK not in the keyring); their {ItemCount} items are left out of this backup")]
    internal static partial void BackupUserKeysUnreadable(ILogger logger, string backupId, int userCount, long itemCount);

    [LoggerMessage(EventId = ContinuityEventId.RestoreUsedKeyCopies, Level = LogLevel.Warning,
        Message = "Restore {RestoreId}: {ItemCount} items were opened with the backups' own copies of user keys, because the user-key table lacks those keys")]
    internal static partial void RestoreUsedKeyCopies(ILogger logger, string restoreId, long itemCount);

    [LoggerMessage(EventId = ContinuityEventId.BackupFailed, Level = LogLevel.Error, Message = "Backup {BackupId} failed; it is not visible and its files are removed: {Error}")]
    internal static partial void BackupFailed(ILogger logger, string backupId, string error);

    [LoggerMessage(EventId = ContinuityEventId.BackupFailureLeftToLeaseHolder, Level = LogLevel.Error,
        Message = "Backup {BackupId} failed after losing its lease: {Error}. Its files are left to the run holding the lease now, which resumes or tidies them up")]
    internal static partial void BackupFailureLeftToLeaseHolder(ILogger logger, string backupId, string error);

    [LoggerMessage(EventId = ContinuityEventId.BackupOrchestrationStarted, Level = LogLevel.Information, Message = "Orchestration {InstanceId} started: {What}")]
    internal static partial void BackupOrchestrationStarted(ILogger logger, string instanceId, string what);

    [LoggerMessage(EventId = ContinuityEventId.BackupOrchestrationAlreadyRunning, Level = LogLevel.Information,
        Message = "{What} not started: orchestration {InstanceId} of this database is still {Status}")]
    internal static partial void BackupOrchestrationAlreadyRunning(ILogger logger, string what, string instanceId, string status);

    [LoggerMessage(EventId = ContinuityEventId.BackupSkippedLeaseHeld, Level = LogLevel.Information,
        Message = "Backup of database {Database} skipped: another run holds the lease (looks alive: {LooksAlive}; {Holder})")]
    internal static partial void BackupSkippedLeaseHeld(ILogger logger, string database, bool looksAlive, string holder);

    [LoggerMessage(EventId = ContinuityEventId.BackupWaitingForLease, Level = LogLevel.Information,
        Message = "Backup of database {Database} waits up to {WaitSeconds:F0} s for the lease, which may belong to a run that died ({Holder})")]
    internal static partial void BackupWaitingForLease(ILogger logger, string database, double waitSeconds, string holder);

    [LoggerMessage(EventId = ContinuityEventId.BackupLeaseLostBeforeStart, Level = LogLevel.Error,
        Message = "Backup of database {Database} did not start: its lease was lost before it recorded itself (tidying up after earlier runs, or finding its parent)")]
    internal static partial void BackupLeaseLostBeforeStart(ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = ContinuityEventId.AbandonedBackupRemoved, Level = LogLevel.Warning, Message = "Removed the files of abandoned backup {BackupId}")]
    internal static partial void AbandonedBackupRemoved(ILogger logger, string backupId);

    [LoggerMessage(EventId = ContinuityEventId.BackupVerified, Level = LogLevel.Information, Message = "Backup {BackupId} verified ({Level}): {Result}")]
    internal static partial void BackupVerified(ILogger logger, string backupId, string level, string result);

    [LoggerMessage(EventId = ContinuityEventId.RestoreStarting, Level = LogLevel.Information, Message = "Restore {RestoreId} starting from backup {BackupId} into database {TargetDatabase}")]
    internal static partial void RestoreStarting(ILogger logger, string restoreId, string backupId, string targetDatabase);

    [LoggerMessage(EventId = ContinuityEventId.RestoreCompleted, Level = LogLevel.Information, Message = "Restore {RestoreId} completed: {ItemCount} items written, {ShreddedItems} shredded items left out")]
    internal static partial void RestoreCompleted(ILogger logger, string restoreId, long itemCount, long shreddedItems);

    [LoggerMessage(EventId = ContinuityEventId.RestoreTargetCreated, Level = LogLevel.Information,
        Message = "Restore target database {Database} created in Cosmos DB account {Account} through Resource Manager ({Throughput})")]
    internal static partial void RestoreTargetCreated(ILogger logger, string database, string account, string throughput);

    [LoggerMessage(EventId = ContinuityEventId.RestoreTested, Level = LogLevel.Information, Message = "Restore test of backup {BackupId}: {Result}")]
    internal static partial void RestoreTested(ILogger logger, string backupId, string result);

    [LoggerMessage(EventId = ContinuityEventId.BackupPruned, Level = LogLevel.Information, Message = "Retention pruned backup {BackupId}")]
    internal static partial void BackupPruned(ILogger logger, string backupId);

    [LoggerMessage(EventId = ContinuityEventId.BackupPruneSkippedImmutable, Level = LogLevel.Warning, Message = "Retention kept backup {BackupId}: its blobs are still immutable")]
    internal static partial void BackupPruneSkippedImmutable(ILogger logger, string backupId);

    [LoggerMessage(EventId = ContinuityEventId.BackupPruneSkippedLeaseHeld, Level = LogLevel.Information, Message = "Retention of database {Database} skipped: a backup run holds the lease")]
    internal static partial void BackupPruneSkippedLeaseHeld(ILogger logger, string database);

    [LoggerMessage(EventId = ContinuityEventId.BackupPruneStoppedLeaseLost, Level = LogLevel.Warning,
        Message = "Pruning of database {Database} stopped: its backup lease was lost ({Reason}) after {PrunedCount} backups were pruned")]
    internal static partial void BackupPruneStoppedLeaseLost(ILogger logger, string database, string reason, int prunedCount);

    [LoggerMessage(EventId = ContinuityEventId.BackupPruneCompleted, Level = LogLevel.Information,
        Message = "Retention of database {Database} done (dry run: {DryRun}): {PrunedCount} pruned, {SkippedCount} still immutable, {KeptCount} kept")]
    internal static partial void BackupPruneCompleted(ILogger logger, string database, bool dryRun, int prunedCount, int skippedCount, int keptCount);

    [LoggerMessage(EventId = ContinuityEventId.BackupUnhealthy, Level = LogLevel.Warning, Message = "Backup health: {Problem}")]
    internal static partial void BackupUnhealthy(ILogger logger, string problem);
}
