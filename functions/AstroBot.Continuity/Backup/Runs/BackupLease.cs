using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// One backup of a database at a time, across every instance: a lease on the database's lock blob, renewed in
/// the background while the run lasts. A run that dies stops renewing, and the lease lapses by itself.
/// </summary>
public sealed class BackupLease : IAsyncDisposable
{
    private readonly BlobLeaseClient lease;
    private readonly CancellationTokenSource renewal = new();
    private readonly Task renewing;

    private BackupLease(BlobLeaseClient lease, TimeSpan duration, TimeProvider time)
    {
        this.lease = lease;
        renewing = RenewAsync(duration / 3, time);
    }

    /// <summary>Takes the lease, or returns null when another run holds it.</summary>
    public static async Task<BackupLease?> TryAcquireAsync(BlobContainerClient archives, string database, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archives);
        var lockBlob = archives.GetBlobClient(Format.BackupLayout.Lock(database));
        try
        {
            await lockBlob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // It exists already (and may be leased): fine.
        }

        var lease = lockBlob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }

        return new BackupLease(lease, duration, time);
    }

    public async ValueTask DisposeAsync()
    {
        await renewal.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        renewal.Dispose();
        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Lost or expired already: the next run can take it either way.
        }
    }

    private async Task RenewAsync(TimeSpan interval, TimeProvider time)
    {
        while (!renewal.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, renewal.Token).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: renewal.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException)
            {
                // A missed renewal is retried at the next interval; the lease is 3 intervals long.
            }
        }
    }
}
