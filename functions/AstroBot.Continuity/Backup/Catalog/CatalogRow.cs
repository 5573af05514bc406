using Azure.Data.Tables;

namespace AstroBot.Continuity.Backup.Catalog;

/// <summary>Maps a <see cref="BackupCatalogEntry"/> to and from its table row.</summary>
internal static class CatalogRow
{
    public static TableEntity From(BackupCatalogEntry entry) => new(entry.Database, entry.BackupId)
    {
        ["State"] = entry.State.ToString(),
        ["Kind"] = entry.Kind.ToString(),
        ["BaseBackupId"] = entry.BaseBackupId,
        ["ParentBackupId"] = entry.ParentBackupId,
        ["StartedAt"] = entry.StartedAt,
        ["CompletedAt"] = entry.CompletedAt,
        ["ItemCount"] = entry.ItemCount,
        ["RawBytes"] = entry.RawBytes,
        ["StoredBytes"] = entry.StoredBytes,
        ["ChunkCount"] = entry.ChunkCount,
        ["RequestCharge"] = entry.RequestCharge,
        ["Throttles"] = entry.Throttles,
        ["DurationSeconds"] = entry.Duration?.TotalSeconds,
        ["Error"] = entry.Error,
        ["VerifiedAt"] = entry.VerifiedAt,
        ["VerifyResult"] = entry.VerifyResult,
        ["RestoreTestedAt"] = entry.RestoreTestedAt,
        ["RestoreTestResult"] = entry.RestoreTestResult,
    };

    public static BackupCatalogEntry ToEntry(TableEntity row) => new()
    {
        Database = row.PartitionKey,
        BackupId = row.RowKey,
        State = Enum.Parse<BackupState>(row.GetString("State")),
        BaseBackupId = row.GetString("BaseBackupId"),
        ParentBackupId = row.GetString("ParentBackupId"),
        StartedAt = row.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        ItemCount = row.GetInt64("ItemCount") ?? 0,
        RawBytes = row.GetInt64("RawBytes") ?? 0,
        StoredBytes = row.GetInt64("StoredBytes") ?? 0,
        ChunkCount = row.GetInt32("ChunkCount") ?? 0,
        RequestCharge = row.GetDouble("RequestCharge") ?? 0,
        Throttles = row.GetInt32("Throttles") ?? 0,
        Error = row.GetString("Error"),
        VerifiedAt = row.GetDateTimeOffset("VerifiedAt"),
        VerifyResult = row.GetString("VerifyResult"),
        RestoreTestedAt = row.GetDateTimeOffset("RestoreTestedAt"),
        RestoreTestResult = row.GetString("RestoreTestResult"),
    };
}
