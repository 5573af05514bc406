using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Tests.Backup.Retention;

/// <summary>Catalog entries for retention tests: a full or an incremental started at a given time, committed unless told.</summary>
internal static class TestBackups
{
    public const string Database = "astrobot";

    public static BackupCatalogEntry Full(DateTimeOffset startedAt, BackupState state = BackupState.Committed) => new()
    {
        Database = Database,
        BackupId = BackupId.New(BackupKind.Full, startedAt).Value,
        State = state,
        StartedAt = startedAt,
        CompletedAt = state == BackupState.Running ? null : startedAt.AddMinutes(10),
    };

    public static BackupCatalogEntry Incremental(BackupCatalogEntry baseFull, DateTimeOffset startedAt, BackupState state = BackupState.Committed) => new()
    {
        Database = Database,
        BackupId = BackupId.New(BackupKind.Incremental, startedAt).Value,
        State = state,
        BaseBackupId = baseFull.BackupId,
        ParentBackupId = baseFull.BackupId,
        StartedAt = startedAt,
        CompletedAt = state == BackupState.Running ? null : startedAt.AddMinutes(1),
    };
}
