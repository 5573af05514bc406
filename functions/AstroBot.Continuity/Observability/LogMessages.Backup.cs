using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity;

// Backup and restore: 5000-5999. Ids and counts only: never items, wa_ids or keys.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Backup {BackupId} of database {Database} starting")]
    internal static partial void BackupStarting(ILogger logger, string backupId, string database);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Backup {BackupId} committed: {ItemCount} items, {StoredBytes} bytes stored, {RequestCharge:F0} RU, {Throttles} throttles")]
    internal static partial void BackupCommitted(ILogger logger, string backupId, long itemCount, long storedBytes, double requestCharge, int throttles);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Backup {BackupId} failed; it is not visible and its files are removed")]
    internal static partial void BackupFailed(ILogger logger, string backupId, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Backup of database {Database} skipped: another run holds the lease")]
    internal static partial void BackupSkippedLeaseHeld(ILogger logger, string database);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Removed the files of abandoned backup {BackupId}")]
    internal static partial void AbandonedBackupRemoved(ILogger logger, string backupId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Backup {BackupId} verified ({Level}): {Result}")]
    internal static partial void BackupVerified(ILogger logger, string backupId, string level, string result);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Restore {RestoreId} starting from backup {BackupId} into database {TargetDatabase}")]
    internal static partial void RestoreStarting(ILogger logger, string restoreId, string backupId, string targetDatabase);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Restore {RestoreId} completed: {ItemCount} items written, {ShreddedItems} shredded items left out")]
    internal static partial void RestoreCompleted(ILogger logger, string restoreId, long itemCount, long shreddedItems);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Restore test of backup {BackupId}: {Result}")]
    internal static partial void RestoreTested(ILogger logger, string backupId, string result);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Information, Message = "Retention pruned backup {BackupId}")]
    internal static partial void BackupPruned(ILogger logger, string backupId);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "Retention kept backup {BackupId}: its blobs are still immutable")]
    internal static partial void BackupPruneSkippedImmutable(ILogger logger, string backupId);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Information, Message = "Retention of database {Database} skipped: a backup run holds the lease")]
    internal static partial void BackupPruneSkippedLeaseHeld(ILogger logger, string database);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Information,
        Message = "Retention of database {Database} done (dry run: {DryRun}): {PrunedCount} pruned, {SkippedCount} still immutable, {KeptCount} kept")]
    internal static partial void BackupPruneCompleted(ILogger logger, string database, bool dryRun, int prunedCount, int skippedCount, int keptCount);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Warning, Message = "Backup health: {Problem}")]
    internal static partial void BackupUnhealthy(ILogger logger, string problem);
}
