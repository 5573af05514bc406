using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Tests.Backup.Retention;

/// <summary>
/// Stands in for a container with version-level immutability, which Azurite does not enforce: every DELETE of a blob
/// whose path contains <paramref name="pathPart"/> is answered 409 <c>BlobImmutableDueToPolicy</c> without reaching
/// storage; everything else goes to Azurite. It sits at the transport seam, not in a policy, so the pipeline classifies
/// the answer and parses its error code exactly as it does a real one.
/// </summary>
internal sealed class ImmutableBlobsTransport(string pathPart) : HttpPipelineTransport
{
    private readonly HttpClientTransport azurite = HttpClientTransport.Shared;

    public override Request CreateRequest() => azurite.CreateRequest();

    public override void Process(HttpMessage message)
    {
        if (!TryRefuse(message))
        {
            azurite.Process(message);
        }
    }

    public override ValueTask ProcessAsync(HttpMessage message) =>
        TryRefuse(message) ? ValueTask.CompletedTask : azurite.ProcessAsync(message);

    private bool TryRefuse(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Delete || !message.Request.Uri.Path.Contains(pathPart, StringComparison.Ordinal))
        {
            return false;
        }

        message.Response = new ImmutableBlobResponse(message.Request.ClientRequestId);
        return true;
    }
}
