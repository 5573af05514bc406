using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Availability.Inbox;

/// <summary>
/// Local host only: drains the inbox queue into the <see cref="InboxProcessor"/>, as the Functions queue
/// trigger does in Azure (same retries, same <c>-poison</c> queue after <see cref="FrontDoorOptions.MaxDequeueCount"/>).
/// </summary>
public sealed class QueueInboxPump : BackgroundService
{
    private readonly QueueDrainer drainer;

    public QueueInboxPump(
        StorageClients storage,
        InboxProcessor processor,
        IOptions<FrontDoorOptions> options,
        TimeProvider time,
        ILogger<QueueInboxPump> logger)
    {
        ArgumentNullException.ThrowIfNull(processor);
        var settings = options.Value;
        drainer = new QueueDrainer(
            storage.RegionQueues.GetQueueClient(settings.InboxQueueName),
            storage.RegionQueues.GetQueueClient(settings.PoisonQueueName),
            QueueDrainSettings.From(settings),
            processor.ProcessAsync,
            time,
            logger);
    }

    /// <summary>Receives one batch and processes it; what the background loop repeats.</summary>
    /// <returns>How many messages were received.</returns>
    public Task<int> DrainOnceAsync(CancellationToken ct) => drainer.DrainOnceAsync(ct);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => drainer.RunAsync(stoppingToken);
}
