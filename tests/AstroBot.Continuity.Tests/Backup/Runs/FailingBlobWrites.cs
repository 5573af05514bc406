using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Storage that goes away in the middle of a backup: chunk uploads fail once some have succeeded.</summary>
public sealed class FailingBlobWrites(int afterSuccessfulChunks) : HttpPipelinePolicy
{
    private int succeeded;
    private int failures;

    public int Failures => failures;

    public BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxRetries = 2;
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var isChunkUpload = message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Contains("/chunks/", StringComparison.Ordinal);
        if (isChunkUpload && Interlocked.Increment(ref succeeded) > afterSuccessfulChunks)
        {
            Interlocked.Increment(ref failures);
            throw new IOException("storage unreachable (injected)");
        }

        await ProcessNextAsync(message, pipeline);
    }
}
