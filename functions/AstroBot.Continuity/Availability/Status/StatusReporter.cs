using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// Puts the public status together: reads every part side by side, each within <c>Status:CheckTimeout</c> (the probe
/// records' uptime, the current incident and maintenance window from the shared account, this region's queue counts,
/// Cosmos DB, the backup catalog, the reply outbox), and lets <see cref="StatusVerdict"/> judge. A part that fails or does not answer in
/// time is unknown and logged: the status is always answered, with what is known. The whole is computed at most once
/// per <c>Status:CacheDuration</c> per process, whoever asks.
/// </summary>
public sealed class StatusReporter(
    UptimeSource uptime,
    IncidentStore incidents,
    MaintenanceStore maintenance,
    HeldQueue held,
    StorageClients storage,
    IOptions<FrontDoorOptions> frontDoor,
    CosmosReadiness cosmos,
    BackupHealth backups,
    ReplyOutbox outbox,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<StatusReporter> logger)
{
    private readonly SharedRefresh<StatusReport> refresh = new(options.Value.CacheDuration, time);

    /// <summary>The status, as put together at most <c>Status:CacheDuration</c> ago.</summary>
    public Task<StatusReport> ReportAsync(CancellationToken ct) => refresh.GetAsync(BuildAsync, ct);

    private async Task<StatusReport> BuildAsync()
    {
        var now = time.GetUtcNow();
        var probe = PartAsync("uptime", uptime.ReadAsync);
        var incident = PartAsync("incident", async ct => new Read<Incident>(await incidents.ReadCurrentAsync(ct).ConfigureAwait(false)));
        var window = PartAsync("maintenance", async ct => new Read<MaintenanceWindow>(await maintenance.ReadAsync(ct).ConfigureAwait(false)));
        var backlog = PartAsync("inbox_backlog", BacklogAsync);
        var database = PartAsync("database", async ct => (object)await cosmos.IsReadyAsync(ct).ConfigureAwait(false));
        var backupHealth = PartAsync("backups", backups.CheckAsync);
        var replies = PartAsync("whatsapp_replies", outbox.ReadStatusAsync);
        var parts = new StatusParts(
            now,
            await probe.ConfigureAwait(false),
            await incident.ConfigureAwait(false),
            await window.ConfigureAwait(false),
            await backlog.ConfigureAwait(false),
            (bool?)await database.ConfigureAwait(false),
            await backupHealth.ConfigureAwait(false),
            await replies.ConfigureAwait(false));
        return StatusVerdict.Of(parts, StatusOptions.UptimeDays);
    }

    private async Task<QueueCounts> BacklogAsync(CancellationToken ct)
    {
        var inbox = QueueDepth.ReadAsync(storage.RegionQueues.GetQueueClient(frontDoor.Value.InboxQueueName), ct);
        var poison = QueueDepth.ReadAsync(storage.RegionQueues.GetQueueClient(frontDoor.Value.PoisonQueueName), ct);
        var holding = held.ReadDepthAsync(ct);
        return new QueueCounts(
            (await inbox.ConfigureAwait(false)).ApproximateMessages,
            (await holding.ConfigureAwait(false)).ApproximateMessages,
            (await poison.ConfigureAwait(false)).ApproximateMessages);
    }

    /// <summary>One part, read within <c>Status:CheckTimeout</c>: null (unknown, logged) when it fails or takes longer.</summary>
    private async Task<T?> PartAsync<T>(string part, Func<CancellationToken, Task<T>> read)
        where T : class
    {
        var timeout = options.Value.CheckTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        try
        {
            return await read(deadline.Token).WaitAsync(timeout, time).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Whatever it was (storage down, a timeout, a bug): the page says "unknown", never 500.
            LogMessages.StatusPartUnknown(logger, part, exception.GetType().Name);
            return null;
        }
    }
}
