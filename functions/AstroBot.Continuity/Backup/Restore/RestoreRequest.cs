namespace AstroBot.Continuity.Backup.Restore;

/// <summary>What to restore, where to, and whether overwriting is allowed (the input of the restore orchestration).</summary>
public sealed record RestoreRequest
{
    /// <summary>A backup id, or null (or "latest") for the newest backup chain.</summary>
    public string? BackupId { get; init; }

    /// <summary>Restore as of this time: the newest full before it plus its incrementals completed by then.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Restore only this user (all of one wa_id's items).</summary>
    public string? WaId { get; init; }

    /// <summary>Restore only these containers; empty means all of them.</summary>
    public IReadOnlyList<string> Containers { get; init; } = [];

    /// <summary>The database to write into. Default: a new one named after the source and the time.</summary>
    public string? TargetDatabase { get; init; }

    /// <summary>Allows writing into the live database or into containers that already hold items (invariant 5).</summary>
    public bool Force { get; init; }

    /// <summary>Names the restore; the same id resumes it. Default: a new id.</summary>
    public string? RestoreId { get; init; }
}
