using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// One backup of a database at a time, across every instance: a lease on the database's lock blob, renewed in
/// the background while the run lasts. A run that dies stops renewing, and the lease lapses by itself. A run that
/// loses its lease (broken or taken by another client, or not renewed for a whole lease duration) learns it through
/// <see cref="Lost"/> and must stop: from then on another run may be tidying up its folder.
/// A run made of several steps (the Durable orchestration's activities) takes it under one lease id of its own in
/// every step and keeps it held between them (<see cref="KeepForNextStep"/>): the next step's acquisition renews it,
/// and if it lapsed in between and another run took it, the step learns that it lost it.
/// </summary>
public sealed class BackupLease : IAsyncDisposable
{
    private readonly BlobLeaseClient lease;
    private readonly TimeSpan duration;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource renewal = new();
    private readonly CancellationTokenSource lost;
    private readonly Task renewing;
    private string? lostBecause;
    private bool release = true;

    private BackupLease(BlobLeaseClient lease, TimeSpan duration, TimeProvider time, long requestedAt)
    {
        this.lease = lease;
        this.duration = duration;
        this.time = time;
        // The lapse deadline, on the injected clock: counted from before the request, since the service starts the
        // lease's duration when it receives it, never earlier. Each successful renewal pushes it back.
        lost = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        Lost = lost.Token;
        PushDeadline(requestedAt);
        renewing = RenewAsync(duration / 3);
    }

    /// <summary>
    /// Cancelled when the lease is lost: a renewal answered 409 or 412 (the lease was broken, or another client holds
    /// it), or no renewal succeeded for a whole lease duration, so it may have lapsed. Transient renewal failures
    /// (5xx, timeouts) are retried at the next interval until then.
    /// </summary>
    public CancellationToken Lost { get; }

    /// <summary>Why <see cref="Lost"/> fired, for the run's error; null while the lease is held.</summary>
    public string? LostBecause => Lost.IsCancellationRequested
        ? Volatile.Read(ref lostBecause) ?? $"no renewal succeeded for {duration.TotalSeconds:0} s (Backup:LeaseDuration), so it may have lapsed"
        : null;

    /// <summary>Takes the lease, or returns null when another run holds it.</summary>
    public static Task<BackupLease?> TryAcquireAsync(BlobContainerClient archives, string database, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken) =>
        TryAcquireAsync(archives, database, duration, time, leaseId: null, cancellationToken);

    /// <summary>
    /// Takes the lease under <paramref name="leaseId"/>, or returns null when another holder has it. Taking it again
    /// under the id it is held with renews it (the service allows that), so each step of one run can take it.
    /// </summary>
    /// <param name="leaseId">A GUID of the run's own; null for a new one.</param>
    public static async Task<BackupLease?> TryAcquireAsync(
        BlobContainerClient archives, string database, TimeSpan duration, TimeProvider time, string? leaseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archives);
        ArgumentNullException.ThrowIfNull(time);
        var lockBlob = archives.GetBlobClient(Format.BackupLayout.Lock(database));
        try
        {
            await lockBlob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // It exists already (and may be leased): fine.
        }

        var lease = lockBlob.GetBlobLeaseClient(leaseId);
        var requestedAt = time.GetTimestamp();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }

        return new BackupLease(lease, duration, time, requestedAt);
    }

    /// <summary>
    /// Takes the lease again for the next step of the run that holds it under <paramref name="leaseId"/>: renewed while
    /// still held, taken again when it lapsed between two steps and nobody took it since.
    /// </summary>
    /// <exception cref="BackupLeaseLostException">Another holder has it, or it was broken (on purpose: somebody wants this run stopped).</exception>
    public static async Task<BackupLease> ResumeAsync(
        BlobContainerClient archives, string database, TimeSpan duration, TimeProvider time, string leaseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archives);
        var properties = await archives.GetBlobClient(Format.BackupLayout.Lock(database)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (properties.Value.LeaseState is LeaseState.Broken or LeaseState.Breaking)
        {
            throw new BackupLeaseLostException(
                $"The backup lease of database '{database}' was lost (it was broken, by an operator or another client): the run stopped and its backup was not committed.");
        }

        return await TryAcquireAsync(archives, database, duration, time, leaseId, cancellationToken).ConfigureAwait(false)
            ?? throw new BackupLeaseLostException(
                $"The backup lease of database '{database}' was lost (another run took it after it lapsed between two steps of this one): the run stopped and its backup was not committed.");
    }

    /// <summary>
    /// Renews now, before a step that must not happen without the lease (the manifest write): a lease broken or taken
    /// since the last renewal is found here rather than up to a renewal interval later. A transient failure proves
    /// nothing either way and is left to the background renewals and the lapse deadline.
    /// </summary>
    /// <exception cref="OperationCanceledException">The lease is lost (<see cref="Lost"/>).</exception>
    public async Task ConfirmAsync(CancellationToken cancellationToken)
    {
        Lost.ThrowIfCancellationRequested();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Lost);
        await TryRenewAsync(linked.Token).ConfigureAwait(false);
        Lost.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Leaves the lease held when this is disposed, for the run's next step to take under the same id: unrenewed, it
    /// lapses one lease duration after the last renewal, so a run that never comes back frees it by itself.
    /// </summary>
    public void KeepForNextStep() => release = false;

    public async ValueTask DisposeAsync()
    {
        await renewal.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        renewal.Dispose();
        lost.Dispose();
        if (!release)
        {
            return;
        }

        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Lost or expired already: the next run can take it either way.
        }
    }

    private async Task RenewAsync(TimeSpan interval)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(renewal.Token, Lost);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop.Token).ConfigureAwait(false);
                await TryRenewAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One renewal: success pushes the lapse deadline back; 409/412 loses the lease; anything else waits for the next.</summary>
    private async Task TryRenewAsync(CancellationToken cancellationToken)
    {
        var requestedAt = time.GetTimestamp();
        try
        {
            await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            PushDeadline(requestedAt);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            Volatile.Write(ref lostBecause, $"renewing it was refused ({exception.Status} {exception.ErrorCode}): the lease was broken, or another client holds it");
            await lost.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Transient (5xx, the network, a timeout, the SDK's retries exhausted): the next renewal tries again; the
            // lapse deadline says when it is too late.
        }
    }

    /// <summary>The lease lapses one duration after the service received the request that took or renewed it.</summary>
    private void PushDeadline(long requestedAt)
    {
        var remaining = duration - time.GetElapsedTime(requestedAt);
        lock (lost)
        {
            if (lost.IsCancellationRequested)
            {
                return;
            }

            if (remaining > TimeSpan.Zero)
            {
                lost.CancelAfter(remaining);
            }
            else
            {
                lost.Cancel(); // the request took a whole lease duration: the lease may have lapsed already
            }
        }
    }
}
