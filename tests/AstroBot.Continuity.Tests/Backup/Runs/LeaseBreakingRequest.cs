using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// A run (or a prune) that loses its lease mid-way: at the first request <paramref name="matches"/> picks (by default
/// the first chunk upload), another client breaks the database's lease. With <paramref name="hangUntilCancelled"/>, that
/// request then hangs until it is cancelled (a run stalled while another takes over); without, it goes through.
/// </summary>
internal sealed class LeaseBreakingRequest(BlobContainerClient archives, string database, bool hangUntilCancelled, Func<Request, bool>? matches = null)
    : BlobRequestPolicy
{
    /// <summary>A chunk's upload: the default.</summary>
    public static bool ChunkUpload(Request request) =>
        request.Method == RequestMethod.Put && request.Uri.Path.Contains("/chunks/", StringComparison.Ordinal);

    /// <summary>A blob's deletion.</summary>
    public static bool Deletion(Request request) => request.Method == RequestMethod.Delete;

    private readonly TaskCompletionSource broken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int matched;
    private int cancelled;

    /// <summary>Done once the lease is broken.</summary>
    public Task Broken => broken.Task;

    /// <summary>True when the hanging request was cancelled.</summary>
    public bool RequestCancelled => Volatile.Read(ref cancelled) == 1;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if ((matches ?? ChunkUpload)(message.Request) && Interlocked.Increment(ref matched) == 1)
        {
            await archives.GetBlobClient(BackupLayout.Lock(database)).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
            broken.SetResult();
            if (hangUntilCancelled)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, message.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Exchange(ref cancelled, 1);
                    throw;
                }
            }
        }

        await ProcessNextAsync(message, pipeline);
    }
}
