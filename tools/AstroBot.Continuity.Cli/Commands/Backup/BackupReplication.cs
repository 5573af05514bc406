namespace AstroBot.Continuity.Cli.Commands.Backup;

/// <summary>Whether a backup has reached the secondary region: everything written before the last sync time has.</summary>
internal sealed record BackupReplication(DateTimeOffset? BackupCompletedAt, DateTimeOffset? LastSyncTime)
{
    /// <summary>Null when either time is unknown.</summary>
    public bool? Replicated => BackupCompletedAt is { } completed && LastSyncTime is { } synced ? synced >= completed : null;

    public string Describe() => Replicated switch
    {
        true => "replicated",
        false => "not replicated yet",
        null => "replication unknown (the secondary did not report a last sync time)",
    };
}
