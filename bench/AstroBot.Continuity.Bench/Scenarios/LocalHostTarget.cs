using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Local.Hosting;
using AstroBot.Continuity.Local.Portability.WhatsApp;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// The product under test: the real <c>continuity serve</c> host (<see cref="ContinuityLocalHost"/>), in this
/// process, on an ephemeral loopback port, against the emulators, with its own queues, tables, containers and
/// database (nothing it reads or polls is shared with another run or with a <c>continuity serve</c> on this machine).
/// </summary>
/// <remarks>
/// <para>
/// It runs only the background work a benchmark measures. Never the local scheduler: it would catch up a missed
/// backup at start and fire scheduled jobs in the middle of a round (the backup benchmark runs the backup its
/// "during a backup" rounds measure itself). The export request pump and the Durable Task engine only for the
/// benchmark that measures an export (<c>exports: true</c>).
/// </para>
/// <para>
/// The inbox pump and the bot stand-in always start, for the canary, but would drain the inbox while we count it
/// and compete for the two cores with the front door. In Azure that work runs in the Functions queue trigger, not
/// in the HTTP request; the acknowledgement benchmarks measure the acknowledgement, so both are stopped once the
/// host has started and a canary has been through them (before any load), and every acknowledged webhook must
/// then still be in the inbox queue. Benchmarks of what happens after the acknowledgement (an export through
/// WhatsApp) keep them running.
/// </para>
/// </remarks>
internal sealed class LocalHostTarget : IAsyncDisposable
{
    public const string AppSecret = "bench-app-secret";
    public const string PhoneNumberId = "100000000000099";

    private static readonly TimeSpan CanaryTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication app;

    private LocalHostTarget(WebApplication app, GraphApiSink sink, Uri webhookUri)
    {
        this.app = app;
        Sink = sink;
        WebhookUri = webhookUri;
    }

    /// <summary>The host's <c>POST /api/whatsapp/webhook</c>.</summary>
    public Uri WebhookUri { get; }

    /// <summary>The Graph API stand-in the host sends its replies to.</summary>
    public GraphApiSink Sink { get; }

    /// <summary>The host's services, as it wired them.</summary>
    public IServiceProvider Services => app.Services;

    /// <param name="keepInboxWorkers">Leave the inbox pump and the bot stand-in running after the canary (see the remarks).</param>
    /// <param name="exports">Run the export request pump and the in-memory Durable Task engine it starts exports on.</param>
    public static async Task<LocalHostTarget> StartAsync(BenchNames names, CancellationToken ct, bool keepInboxWorkers = false, bool exports = false)
    {
        var sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", ct).ConfigureAwait(false);
        var configuration = Settings(names, sink.BaseUri);
        var workers = LocalHostWorkers.Inbox | (exports ? LocalHostWorkers.Exports : LocalHostWorkers.None);
        var app = ContinuityLocalHost.Build(configuration, "http://127.0.0.1:0", workers);
        CheckBackgroundWork(app, exports);
        await app.StartAsync(ct).ConfigureAwait(false);
        await SendCanaryAsync(app, sink, ct).ConfigureAwait(false);
        if (!keepInboxWorkers)
        {
            await StopInboxWorkersAsync(app, ct).ConfigureAwait(false);
        }

        return new LocalHostTarget(app, sink, BoundWebhookUri.Of(app));
    }

    /// <summary>Deletes what the run created in the emulators, through the host's own clients.</summary>
    public Task DeleteResourcesAsync(BenchNames names, CancellationToken ct) => DeleteResourcesAsync(app.Services, names, ct);

    /// <summary>
    /// Deletes what a run created in the emulators through the clients of a host built from <see cref="Settings"/>: its
    /// queues and blob containers in the app's account and in the region's own (when it has one), its tables, its database.
    /// </summary>
    public static async Task DeleteResourcesAsync(IServiceProvider services, BenchNames names, CancellationToken ct)
    {
        var storage = services.GetRequiredService<StorageClients>();
        foreach (var (queues, blobs) in new[] { (storage.Queues, storage.Blobs), (storage.RegionQueues, storage.RegionBlobs) })
        {
            foreach (var queue in new[] { names.InboxQueue, names.BotQueue, names.PoisonQueue, $"{names.BotQueue}-poison", names.ExportRequestQueue, $"{names.ExportRequestQueue}-poison" })
            {
                await queues.GetQueueClient(queue).DeleteIfExistsAsync(ct).ConfigureAwait(false);
            }

            await blobs.GetBlobContainerClient(names.ClaimCheckContainer).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            await blobs.GetBlobContainerClient(names.ExportContainer).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        }

        foreach (var table in new[] { names.LedgerTable, names.IdentityTable, names.ConfirmationTable, names.AuditTable, names.ExportTable })
        {
            await storage.Tables.DeleteTableAsync(table, ct).ConfigureAwait(false);
        }

        try
        {
            await services.GetRequiredService<CosmosClient>().GetDatabase(names.CosmosDatabase).DeleteAsync(cancellationToken: ct).ConfigureAwait(false);
        }
        catch (CosmosException)
        {
            // The host reports an unreachable Cosmos DB without failing; the acknowledgement does not need it. (Or another
            // region's host of the run deleted it already.)
        }
    }

    /// <summary>Stops the host (its workers too) and leaves its services up, e.g. to delete what it created without its pumps polling meanwhile.</summary>
    public Task StopAsync(CancellationToken ct) => app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        await Sink.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The host's settings: the run's own names, the emulators, <paramref name="graphSink"/> for replies, logging at Warning;
    /// <paramref name="more"/> adds to them or overrides them (a region's own storage account, say).
    /// </summary>
    public static IConfiguration Settings(BenchNames names, Uri graphSink, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = Defaults(names, graphSink);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static Dictionary<string, string?> Defaults(BenchNames names, Uri graphSink) => new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Cosmos:Endpoint"] = "https://127.0.0.1:8081",
        ["Cosmos:DatabaseName"] = names.CosmosDatabase,
        ["WhatsApp:AppSecret"] = AppSecret,
        ["WhatsApp:VerifyToken"] = "bench-verify-token",
        ["WhatsApp:AccessToken"] = "bench-access-token",
        ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
        ["WhatsApp:GraphApiBaseUrl"] = graphSink.ToString(),
        ["LocalHost:GraphSinkUrl"] = "",
        ["FrontDoor:InboxQueueName"] = names.InboxQueue,
        ["FrontDoor:BotQueueName"] = names.BotQueue,
        ["FrontDoor:PoisonQueueName"] = names.PoisonQueue,
        ["FrontDoor:ClaimCheckContainer"] = names.ClaimCheckContainer,
        ["FrontDoor:LedgerTableName"] = names.LedgerTable,
        ["Identity:DirectoryTableName"] = names.IdentityTable,
        // The confirmation gate reads its table for every message; the export request pump polls its queue.
        ["Portability:ConfirmationTableName"] = names.ConfirmationTable,
        ["Portability:ExportRequestQueueName"] = names.ExportRequestQueue,
        ["Portability:ExportContainerName"] = names.ExportContainer,
        ["Portability:AuditTableName"] = names.AuditTable,
        ["Portability:ExportTableName"] = names.ExportTable,
        // `continuity serve` logs every webhook at Information to the console; in Azure the logs go to
        // Application Insights in batches. A console line per request would measure the terminal, not the front door.
        ["Logging:LogLevel:Default"] = "Warning",
        // Nor the in-memory Durable Task worker's idle chatter, where it runs.
        ["Logging:LogLevel:Microsoft.DurableTask"] = "Error",
    };

    /// <summary>Refuses a host that would run background work the benchmark does not measure (see the remarks).</summary>
    private static void CheckBackgroundWork(WebApplication app, bool exports)
    {
        var hosted = app.Services.GetServices<IHostedService>().ToList();
        if (hosted.Any(service => service is ScheduledJobRunner))
        {
            throw new InvalidOperationException("The local host would run its scheduler: a scheduled job could fire in the middle of a measurement.");
        }

        if (hosted.Any(service => service is ExportRequestPump) != exports)
        {
            throw new InvalidOperationException($"The local host {(exports ? "lacks" : "would run")} the export request pump.");
        }
    }

    /// <summary>
    /// Sends one canary webhook through the whole pipeline and waits for the stand-in's reply to reach the sink:
    /// then both inbox workers are known to be running, and stopping them ends their loops the way a host shutdown
    /// would. (Stopping a worker whose loop has not started yet cancels its task, which the host treats as a
    /// crash and answers by stopping the application.)
    /// </summary>
    private static async Task SendCanaryAsync(WebApplication app, GraphApiSink sink, CancellationToken ct)
    {
        var canary = SignedWebhook.Build("canary", 1, AppSecret, PhoneNumberId, TimeProvider.System.GetUtcNow())[0];
        using (var poster = new WebhookPoster(1))
        {
            if (!await poster.PostAsync(BoundWebhookUri.Of(app), canary, ct).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The local host did not acknowledge the canary webhook: are the emulators up?");
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CanaryTimeout);
        while (sink.RequestCount == 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The canary webhook got no reply within {CanaryTimeout.TotalSeconds:N0} s: the inbox workers are not running.");
            }
        }
    }

    private static async Task StopInboxWorkersAsync(WebApplication app, CancellationToken ct)
    {
        var workers = app.Services.GetServices<IHostedService>().Where(s => s is QueueInboxPump or LocalBotStandIn).ToList();
        if (workers.Count != 2)
        {
            throw new InvalidOperationException($"Expected the inbox pump and the bot stand-in among the host's services, found {workers.Count}.");
        }

        foreach (var worker in workers)
        {
            await worker.StopAsync(ct).ConfigureAwait(false);
        }

        if (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new InvalidOperationException("The local host began to stop while its inbox workers were stopped; the run would not be measuring a live host.");
        }
    }
}
