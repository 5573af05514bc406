using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Storage that answers lease renewals with a 503 while <see cref="Failing"/> is set: a transient failure, not a lost lease.</summary>
internal sealed class FailingRenewals : HttpPipelinePolicy
{
    private int failed;

    public bool Failing { get; set; }

    /// <summary>Renewals refused so far.</summary>
    public int Failed => Volatile.Read(ref failed);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Failing && message.Request.Headers.TryGetValue("x-ms-lease-action", out var action) && action == "renew")
        {
            Interlocked.Increment(ref failed);
            throw new RequestFailedException(503, "The server is busy (injected).");
        }

        await ProcessNextAsync(message, pipeline);
    }
}
