using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// What a run that could not take the lease knows of the one holding it. A held lease was taken or renewed within the
/// last lease duration, so its holder was alive that recently, no more: the catalog says which backup run it is (the
/// newest one recorded as running), and only a lease still held after a whole lease duration of waiting proves that
/// its holder keeps renewing it. A run that died stops renewing, and its lease lapses within one lease duration.
/// </summary>
/// <param name="Run">The newest backup of the database recorded as running, if any.</param>
/// <param name="Renewing">True once the lease stayed held for longer than a lease lasts without renewal.</param>
public sealed record BackupLeaseHolder(string Database, TimeSpan LeaseDuration, BackupCatalogEntry? Run, bool Renewing)
{
    /// <summary>
    /// The best guess without waiting: a backup run is recorded as running (a run killed less than a lease duration
    /// ago looks the same), or the holder was seen renewing.
    /// </summary>
    public bool LooksAlive => Renewing || Run is not null;

    /// <summary>Who holds the lease and whether it looks alive, for logs and messages.</summary>
    public string Description => (Run, Renewing) switch
    {
        ({ } run, true) => $"run {run.BackupId}, recorded as running since {Utc(run.StartedAt)}, or a run that took the lease since",
        (null, true) => "no backup run is recorded as running: a retention prune, or a run still starting",
        ({ } run, false) => $"run {run.BackupId}, recorded as running since {Utc(run.StartedAt)}: it looks alive, though a run killed less than a lease duration ago looks the same",
        (null, false) => "no backup run is recorded as running: a retention prune, a run still starting, or a run that died before recording itself",
    };

    /// <summary>Why a run did not happen, for its result.</summary>
    public string Message => Renewing
        ? $"Another backup of database '{Database}' still holds the lease after a wait longer than a lease lasts without renewal ({Seconds(LeaseDuration)} s): another run is holding the lease and renewing it ({Description})."
        : $"Another backup of database '{Database}' holds the lease ({Description}). A run that is alive keeps renewing it; the lease of a run that died lapses within {Seconds(LeaseDuration)} s.";

    private static string Seconds(TimeSpan span) => ((long)Math.Ceiling(span.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
