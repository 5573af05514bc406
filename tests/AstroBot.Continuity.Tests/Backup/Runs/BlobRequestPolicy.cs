using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>A fault injected into the backup account's blob requests: asynchronous only, as the backup code is.</summary>
internal abstract class BlobRequestPolicy : HttpPipelinePolicy
{
    /// <summary>Blob client options with this policy in every attempt's pipeline.</summary>
    public BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}
