using Azure;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The version of the Azurite actually answering on the queue port (it names itself in the <c>Server</c> header).</summary>
internal static class AzuriteVersion
{
    public static async Task<string> ReadAsync(CancellationToken ct)
    {
        try
        {
            var properties = await new QueueServiceClient("UseDevelopmentStorage=true").GetPropertiesAsync(ct).ConfigureAwait(false);
            // e.g. "Azurite-Queue/3.37.0"
            return properties.GetRawResponse().Headers.TryGetValue("Server", out var server) ? server : "unknown";
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            return "unknown";
        }
    }
}
