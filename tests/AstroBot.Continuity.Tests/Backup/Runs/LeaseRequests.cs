using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Records the lease requests a blob client sends to Azurite (acquire, renew, release) and how they were answered.</summary>
internal sealed class LeaseRequests : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Action, int Status)> requests = new();

    public IReadOnlyList<(string Action, int Status)> All => [.. requests];

    public int Count(string action) => requests.Count(request => request.Action == action);

    public BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Headers.TryGetValue("x-ms-lease-action", out var action))
        {
            requests.Enqueue((action, message.Response.Status));
        }
    }
}
