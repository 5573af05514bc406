using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>
/// Counts a run's chunk uploads and, at the upload of chunk <paramref name="stopAtChunk"/> (e.g. <c>messages/000001</c>;
/// null never), stops the run as a kill would: it cancels the run's token and the upload never happens.
/// </summary>
internal sealed class StoppingUpload(CancellationTokenSource run, string? stopAtChunk) : BlobRequestPolicy
{
    private int uploaded;

    /// <summary>Chunk uploads that went through.</summary>
    public int Uploaded => Volatile.Read(ref uploaded);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (LeaseBreakingRequest.ChunkUpload(message.Request))
        {
            if (stopAtChunk is not null && message.Request.Uri.Path.EndsWith($"/chunks/{stopAtChunk}.chunk", StringComparison.Ordinal))
            {
                await run.CancelAsync();
                throw new OperationCanceledException(run.Token);
            }

            Interlocked.Increment(ref uploaded); // a container's feed ranges upload side by side
        }

        await ProcessNextAsync(message, pipeline);
    }
}
