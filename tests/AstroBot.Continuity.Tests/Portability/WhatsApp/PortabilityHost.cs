using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using System.Security.Cryptography;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Portability;
using AstroBot.Continuity.Local.Portability.WhatsApp;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Tests.Availability;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Portability.WhatsApp;

/// <summary>
/// The backend wired as the hosts wire it (storage, data, WhatsApp, front door, crypto, backups, portability) in a
/// generic host with the in-memory Durable Task engine running the export tasks, against Azurite, the seeded
/// Cosmos DB emulator database and a Graph API sink; its own queues, tables and containers; a fake clock that
/// starts at the real time (so Azurite accepts the links), or a real one for the local host's own pump.
/// </summary>
internal sealed class PortabilityHost : IAsyncDisposable
{
    private readonly IHost host;
    private int wamids;

    private PortabilityHost(IHost host, GraphApiSink sink, FakeTimeProvider? clock, CapturedLogs logs)
    {
        this.host = host;
        Sink = sink;
        Clock = clock;
        Logs = logs;
        Options = Get<IOptions<PortabilityOptions>>().Value;
        var storage = Get<StorageClients>();
        BotQueue = storage.Queues.GetQueueClient(Get<IOptions<FrontDoorOptions>>().Value.BotQueueName);
        ExportRequests = storage.Queues.GetQueueClient(Options.ExportRequestQueueName);
        Exports = storage.Blobs.GetBlobContainerClient(Options.ExportContainerName);
    }

    public GraphApiSink Sink { get; }

    /// <summary>The fake clock (null when the host runs on the real one).</summary>
    public FakeTimeProvider? Clock { get; }

    public DateTimeOffset Now => Clock?.GetUtcNow() ?? TimeProvider.System.GetUtcNow();

    public CapturedLogs Logs { get; }

    public PortabilityOptions Options { get; }

    public QueueClient BotQueue { get; }

    public QueueClient ExportRequests { get; }

    public BlobContainerClient Exports { get; }

    public IServiceProvider Services => host.Services;

    public DurableTaskClient Durable => Get<DurableTaskClient>();

    /// <summary>
    /// Starts the host. With <paramref name="clockStart"/> the services run on a fake clock starting there, and the
    /// export request pump is driven by <see cref="DrainExportRequestsAsync"/>; without, on the real clock with the
    /// local host's own pump (<c>AddPortabilityLocalWorkers</c>) running in the background.
    /// </summary>
    public static async Task<PortabilityHost> StartAsync(SeededBotDatabase data, DateTimeOffset? clockStart, IDictionary<string, string?>? overrides = null)
    {
        var sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        var settings = new Dictionary<string, string?>(FrontDoorHarness.Settings(sink.BaseUri))
        {
            ["FrontDoor:MaxPollInterval"] = "00:00:00.100",
            ["Cosmos:Endpoint"] = data.Database.Options.Endpoint,
            ["Cosmos:Key"] = data.Database.Options.Key,
            ["Cosmos:DatabaseName"] = data.Database.Options.DatabaseName,
            ["Crypto:Kek"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("userkeys"),
            ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Backup:ContainerName"] = EmulatorEndpoints.UniqueName("backups"),
            ["Backup:CatalogTableName"] = EmulatorEndpoints.UniqueName("catalog"),
            ["Backup:RestoreTableName"] = EmulatorEndpoints.UniqueName("restores"),
            ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("erasures"),
            ["Portability:ExportContainerName"] = EmulatorEndpoints.UniqueName("exports"),
            ["Portability:AuditTableName"] = EmulatorEndpoints.UniqueName("audit"),
            ["Portability:ExportTableName"] = EmulatorEndpoints.UniqueName("exportrows"),
            ["Portability:ConfirmationTableName"] = EmulatorEndpoints.UniqueName("confirm"),
            ["Portability:ExportRequestQueueName"] = EmulatorEndpoints.UniqueName("exportreq"),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = clockStart is { } start ? new FakeTimeProvider(start) : null;
        var logs = new CapturedLogs();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        if (clock is not null)
        {
            services.AddSingleton<TimeProvider>(clock);
        }

        services.AddContinuityBackend(configuration);
        if (clock is null)
        {
            services.AddPortabilityLocalWorkers();
        }

        // What the local host adds: the export tasks on the in-process Durable Task engine.
        services.AddInMemoryDurableTask(tasks => tasks.AddPortabilityTasks(), new InMemoryDurableTaskOptions { Port = LoopbackPorts.Free() });

        var app = builder.Build();
        await app.StartAsync();
        foreach (var initializer in app.Services.GetServices<IHostedService>().OfType<AvailabilityStorageInitializer>())
        {
            await initializer.Created.WaitAsync(TimeSpan.FromMinutes(1));
        }

        return new PortabilityHost(app, sink, clock, logs);
    }

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();


    /// <summary>A fresh wamid for a user message.</summary>
    public string NextWamid() => $"wamid.user-{Interlocked.Increment(ref wamids)}-{Guid.NewGuid():N}";

    /// <summary>Processes a text message from <paramref name="waId"/> sent now, as the inbox does.</summary>
    /// <returns>Its wamid.</returns>
    public async Task<string> SendAsync(string waId, string text, string? wamid = null)
    {
        wamid ??= NextWamid();
        await Get<InboxProcessor>().ProcessAsync(PortabilityWebhooks.Text(waId, wamid, text, Now), CancellationToken.None);
        return wamid;
    }

    /// <summary>Processes a text message from <paramref name="sender"/> (any mix of phone number, BSUID and username) sent now.</summary>
    /// <returns>Its wamid.</returns>
    public async Task<string> SendAsAsync(UserIdentifiers sender, string text)
    {
        var wamid = NextWamid();
        await ProcessAsync(Identity.IdentityWebhooks.Text(sender, wamid, text, Now));
        return wamid;
    }

    /// <summary>Processes one inbox queue message, as the inbox does.</summary>
    public Task ProcessAsync(string envelope) => Get<InboxProcessor>().ProcessAsync(envelope, CancellationToken.None);

    /// <summary>Runs the local host's export request pump over what is queued, once.</summary>
    /// <returns>How many requests it received.</returns>
    public Task<int> DrainExportRequestsAsync() =>
        ActivatorUtilities.CreateInstance<ExportRequestPump>(host.Services).DrainOnceAsync(CancellationToken.None);

    /// <summary>Waits for the export orchestration of <paramref name="waId"/>'s export requested today (fake clock) to finish.</summary>
    public async Task<ExportOutcome> WaitForExportAsync(string waId, DateTimeOffset requestedAt)
    {
        var instanceId = new ExportRequest(ExportRequest.CurrentVersion, waId, Continuity.Portability.Links.ExportRecord.IdFor(requestedAt)).InstanceId;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var instance = await Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return instance.ReadOutputAs<ExportOutcome>()!;
    }

    /// <summary>The names of the blobs in the exports container.</summary>
    public async Task<List<string>> ExportBlobNamesAsync()
    {
        var names = new List<string>();
        if (!await Exports.ExistsAsync())
        {
            return names;
        }

        await foreach (BlobItem blob in Exports.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Every user message on the bot's queue, decoded, left in place.</summary>
    public async Task<List<BotInboundMessage>> BotMessagesAsync() => [.. (await BotQueueAsync()).OfType<BotInboundMessage>()];

    /// <summary>Everything on the bot's queue (messages and identity changes), decoded, left in place.</summary>
    public async Task<List<BotQueueMessage>> BotQueueAsync()
    {
        var peeked = await BotQueue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(message => BotQueueMessage.FromQueueText(message.Body.ToString()))];
    }

    public async Task<int> ExportRequestCountAsync() =>
        await ExportRequests.ExistsAsync() ? (await ExportRequests.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopping took too long: dispose anyway.
        }

        var storage = Get<StorageClients>();
        var frontDoor = Get<IOptions<FrontDoorOptions>>().Value;
        foreach (var queue in new[] { frontDoor.InboxQueueName, frontDoor.BotQueueName, frontDoor.PoisonQueueName, Options.ExportRequestQueueName, $"{Options.ExportRequestQueueName}-poison" })
        {
            await storage.Queues.GetQueueClient(queue).DeleteIfExistsAsync();
        }

        foreach (var container in new[] { frontDoor.ClaimCheckContainer, Options.ExportContainerName, Get<IOptions<BackupOptions>>().Value.ContainerName })
        {
            await storage.Blobs.GetBlobContainerClient(container).DeleteIfExistsAsync();
        }

        var backup = Get<IOptions<BackupOptions>>().Value;
        foreach (var table in new[]
                 {
                     frontDoor.LedgerTableName, Options.AuditTableName, Options.ExportTableName, Options.ConfirmationTableName, Get<IOptions<IdentityOptions>>().Value.DirectoryTableName,
                     Get<IOptions<CryptoOptions>>().Value.UserKeyTableName, backup.CatalogTableName, backup.RestoreTableName, backup.ErasureTableName,
                     Get<ReplyOutbox>().TableName,
                 })
        {
            await storage.Tables.DeleteTableAsync(table);
        }

        host.Dispose();
        await Sink.DisposeAsync();
    }
}
