using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using AstroBot.Continuity.Backup.Format;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// A run that loses its lease mid-way: when it uploads its first chunk, another client breaks the database's lease.
/// With <paramref name="hangUntilCancelled"/>, that upload then hangs until the run cancels it (a run stalled while
/// another takes over); without, it goes through and the run carries on.
/// </summary>
internal sealed class LeaseBreakingUpload(BlobContainerClient archives, string database, bool hangUntilCancelled) : HttpPipelinePolicy
{
    private readonly TaskCompletionSource broken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int uploads;
    private int cancelled;

    /// <summary>Done once the lease is broken.</summary>
    public Task Broken => broken.Task;

    /// <summary>True when the run cancelled the hanging upload.</summary>
    public bool UploadCancelled => Volatile.Read(ref cancelled) == 1;

    public BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var isChunkUpload = message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Contains("/chunks/", StringComparison.Ordinal);
        if (isChunkUpload && Interlocked.Increment(ref uploads) == 1)
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
