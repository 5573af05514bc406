using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// Hands a confirmed export to the hosts (<see cref="PortabilityOptions.ExportRequestQueueName"/>): the Functions
/// app's queue trigger or the local host's <c>ExportRequestPump</c> (AstroBot.Continuity.Local) starts the orchestration with its own
/// Durable Task client. Submitting twice is harmless: the orchestration id is per user and export.
/// </summary>
public sealed class ExportRequestQueue(
    StorageClients storage, ExportRecords records, IOptions<PortabilityOptions> options, ILogger<ExportRequestQueue> logger)
{
    private readonly QueueClient queue = storage.RegionQueues.GetQueueClient(options.Value.ExportRequestQueueName);
    private volatile bool created;

    /// <summary>Records the request (state requested, so a repeated EXPORT sees it) and queues it.</summary>
    public async Task SubmitAsync(string waId, string exportId, DateTimeOffset requestedAt, CancellationToken ct)
    {
        await records.RequestAsync(waId, exportId, requestedAt, ct).ConfigureAwait(false);
        if (!created)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            created = true;
        }

        // Never to expire (invariant 10): the user was told their export is on its way.
        await InfiniteTimeToLive.SendAsync(queue, new ExportRequest(ExportRequest.CurrentVersion, waId, exportId).ToQueueText(), ct).ConfigureAwait(false);
        LogMessages.ExportRequestQueued(logger, exportId);
    }
}
