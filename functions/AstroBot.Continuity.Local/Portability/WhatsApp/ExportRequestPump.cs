using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Portability.WhatsApp;

/// <summary>
/// Local host only: drains the export request queue into <see cref="ExportScheduler"/> with the in-memory Durable
/// Task client, as the Functions queue trigger does in Azure (same retries, <c>{queue}-poison</c> after
/// <see cref="FrontDoorOptions.MaxDequeueCount"/> attempts). Messages are handled one at a time, so two copies of a
/// request never race to schedule the same instance.
/// </summary>
public sealed class ExportRequestPump : BackgroundService
{
    private readonly QueueClient queue;
    private readonly QueueDrainer drainer;

    public ExportRequestPump(
        StorageClients storage,
        ExportScheduler scheduler,
        DurableTaskClient client,
        IOptions<PortabilityOptions> options,
        IOptions<FrontDoorOptions> drainSettings,
        TimeProvider time,
        ILogger<ExportRequestPump> logger)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var queueName = options.Value.ExportRequestQueueName;
        queue = storage.RegionQueues.GetQueueClient(queueName);
        drainer = new QueueDrainer(
            queue,
            storage.Queues.GetQueueClient($"{queueName}-poison"),
            QueueDrainSettings.From(drainSettings.Value),
            async (text, ct) => await scheduler.ScheduleAsync(text, client, ct).ConfigureAwait(false),
            time,
            logger);
    }

    /// <summary>Receives one batch and schedules it; what the background loop repeats.</summary>
    /// <returns>How many messages were received.</returns>
    public Task<int> DrainOnceAsync(CancellationToken ct) => drainer.DrainOnceAsync(ct);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.Is(ex))
        {
            // Storage not up yet: the drain loop polls with back-off, and the first request creates the queue.
        }

        await drainer.RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
