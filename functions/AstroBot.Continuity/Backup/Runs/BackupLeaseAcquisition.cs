using AstroBot.Continuity.Backup.Catalog;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// Takes a database's backup lease for a run. When another run holds it, says who (from the catalog) and, when asked
/// to, waits: a run that died stops renewing and its lease lapses within one lease duration, so a lease still held
/// after a lease duration plus <see cref="Margin"/> belongs to a run that is alive and renewing it.
/// </summary>
/// <param name="leaseId">The run's own lease id, which its later steps take the lease under.</param>
internal sealed class BackupLeaseAcquisition(
    BlobContainerClient archives, BackupCatalog catalog, string database, TimeSpan leaseDuration, string leaseId, TimeProvider time)
{
    /// <summary>Beyond the lease duration: the requests' own latency, and the service's clock against this one. The CLI's help and docs/operations/backup-and-restore.md say 5 s.</summary>
    internal static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    /// <summary>How often a waiting run tries again: a dead run's lease lapses anywhere within the lease duration.</summary>
    internal static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <param name="waitForLease">Null: give up at once. Else: wait, saying so through it once.</param>
    /// <returns>The lease, or null with what is known of its holder.</returns>
    public async Task<(BackupLease? Lease, BackupLeaseHolder? Holder)> AcquireAsync(Action<BackupLeaseWait>? waitForLease, CancellationToken cancellationToken)
    {
        if (await TryAcquireAsync(cancellationToken).ConfigureAwait(false) is { } lease)
        {
            return (lease, null);
        }

        var holder = await HolderAsync(renewing: false, cancellationToken).ConfigureAwait(false);
        if (waitForLease is null)
        {
            return (null, holder);
        }

        var bound = leaseDuration + Margin;
        waitForLease(new BackupLeaseWait(holder, bound));
        var waitStarted = time.GetTimestamp();
        for (var remaining = bound; remaining > TimeSpan.Zero; remaining = bound - time.GetElapsedTime(waitStarted))
        {
            await Task.Delay(remaining < RetryInterval ? remaining : RetryInterval, time, cancellationToken).ConfigureAwait(false);
            if (await TryAcquireAsync(cancellationToken).ConfigureAwait(false) is { } taken)
            {
                return (taken, null);
            }
        }

        return (null, await HolderAsync(renewing: true, cancellationToken).ConfigureAwait(false));
    }

    private Task<BackupLease?> TryAcquireAsync(CancellationToken cancellationToken) =>
        BackupLease.TryAcquireAsync(archives, database, leaseDuration, time, leaseId, cancellationToken);

    private async Task<BackupLeaseHolder> HolderAsync(bool renewing, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(database, cancellationToken).ConfigureAwait(false);
        return new BackupLeaseHolder(database, leaseDuration, entries.LastOrDefault(entry => entry.State == BackupState.Running), renewing);
    }
}
