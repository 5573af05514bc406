using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Availability;

/// <summary>
/// The front door wired as the hosts wire it (AddContinuityStorage, AddWhatsApp, AddFrontDoor) against Azurite,
/// with its own queues, table and container per test, and a Graph API sink to see replies.
/// </summary>
internal sealed class FrontDoorHarness : IAsyncDisposable
{
    public const string AppSecret = "test-app-secret";
    public const string VerifyToken = "test-verify-token";
    public const string PhoneNumberId = "100200300";

    private FrontDoorHarness(ServiceProvider services, GraphApiSink sink)
    {
        Services = services;
        Sink = sink;
        Options = services.GetRequiredService<IOptions<FrontDoorOptions>>().Value;
        var storage = services.GetRequiredService<StorageClients>();
        InboxQueue = storage.RegionQueues.GetQueueClient(Options.InboxQueueName);
        BotQueue = storage.Queues.GetQueueClient(Options.BotQueueName);
        PoisonQueue = storage.RegionQueues.GetQueueClient(Options.PoisonQueueName);
        ClaimCheckContainer = storage.RegionBlobs.GetBlobContainerClient(Options.ClaimCheckContainer);
    }

    public ServiceProvider Services { get; }

    public GraphApiSink Sink { get; }

    public FrontDoorOptions Options { get; }

    public QueueClient InboxQueue { get; }

    public QueueClient BotQueue { get; }

    public QueueClient PoisonQueue { get; }

    public BlobContainerClient ClaimCheckContainer { get; }

    public WebhookSignature Signature => Get<WebhookSignature>();

    /// <summary>Starts a sink, builds the services and runs the start-up initializer (creates queues, table, container).</summary>
    /// <param name="overrides">Settings on top of <see cref="Settings"/>.</param>
    /// <param name="time">The services' clock (a fake one), instead of the system's.</param>
    /// <param name="configure">More registrations, after the product's.</param>
    public static async Task<FrontDoorHarness> StartAsync(
        IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var harness = await BuildAsync(overrides, time, configure);
        foreach (var initializer in harness.Services.GetServices<IHostedService>().OfType<AvailabilityStorageInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
            await initializer.Created.WaitAsync(TimeSpan.FromMinutes(1));
        }

        return harness;
    }

    /// <summary>
    /// The front door's settings as the hosts read them, against Azurite and <paramref name="graphSink"/>: the test
    /// secrets, one send attempt, no retry delay, and queues, table and container of its own.
    /// </summary>
    public static Dictionary<string, string?> Settings(Uri graphSink) => new()
    {
        ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
        ["WhatsApp:AppSecret"] = AppSecret,
        ["WhatsApp:VerifyToken"] = VerifyToken,
        ["WhatsApp:AccessToken"] = "test-access-token",
        ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
        ["WhatsApp:GraphApiBaseUrl"] = graphSink.ToString(),
        ["WhatsApp:MaxSendAttempts"] = "1",
        ["FrontDoor:InboxQueueName"] = EmulatorEndpoints.UniqueName("inbox"),
        ["FrontDoor:BotQueueName"] = EmulatorEndpoints.UniqueName("bot"),
        ["FrontDoor:PoisonQueueName"] = EmulatorEndpoints.UniqueName("poison"),
        ["FrontDoor:ClaimCheckContainer"] = EmulatorEndpoints.UniqueName("bodies"),
        ["FrontDoor:LedgerTableName"] = EmulatorEndpoints.UniqueName("ledger"),
        ["Outbox:TableName"] = EmulatorEndpoints.UniqueName("outbox"),
        ["Incidents:TableName"] = EmulatorEndpoints.UniqueName("incidents"),
        ["Identity:DirectoryTableName"] = EmulatorEndpoints.UniqueName("identities"),
        ["Cosmos:Endpoint"] = EmulatorEndpoints.CosmosEndpoint,
        ["Cosmos:Key"] = EmulatorEndpoints.CosmosKey,
        ["Cosmos:DatabaseName"] = "frontdoor", // never created: nobody has history from before the directory
        ["FrontDoor:RetryDelay"] = "00:00:00",
    };

    /// <summary>Starts a sink and builds the services, without creating anything in storage.</summary>
    private static async Task<FrontDoorHarness> BuildAsync(
        IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        var settings = Settings(sink.BaseUri);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time); // before the backend, whose own registration of the system clock yields to it
        }

        services
            .AddLogging()
            .AddContinuityBackend(configuration); // the product's registration, as both hosts make it
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        return new FrontDoorHarness(provider, sink);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Every message text on <paramref name="queue"/>, left in place.</summary>
    public static async Task<IReadOnlyList<string>> PeekAllAsync(QueueClient queue)
    {
        var peeked = await queue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => m.Body.ToString())];
    }

    /// <summary>
    /// Asserts that <paramref name="queue"/> holds messages and that each expires more than 10 years from now: sent
    /// with an infinite time-to-live (invariant 10), where the service default would drop it after 7 days.
    /// </summary>
    public static async Task AssertNoneExpiresAsync(QueueClient queue)
    {
        var peeked = (await queue.PeekMessagesAsync(32)).Value;
        Assert.NotEmpty(peeked);
        var tenYears = DateTimeOffset.UtcNow.AddYears(10);
        Assert.All(peeked, message => Assert.True(message.ExpiresOn > tenYears, $"{queue.Name}: a message expires on {message.ExpiresOn:O}"));
    }

    public async ValueTask DisposeAsync()
    {
        await InboxQueue.DeleteIfExistsAsync();
        await BotQueue.DeleteIfExistsAsync();
        await PoisonQueue.DeleteIfExistsAsync();
        await ClaimCheckContainer.DeleteIfExistsAsync();
        await Services.GetRequiredService<StorageClients>().Tables.DeleteTableAsync(Options.LedgerTableName);
        await Services.GetRequiredService<StorageClients>().Tables.DeleteTableAsync(Get<ReplyOutbox>().TableName);
        await Services.GetRequiredService<StorageClients>().Tables.DeleteTableAsync(Get<IOptions<IncidentOptions>>().Value.TableName);
        await Services.GetRequiredService<StorageClients>().Tables.DeleteTableAsync(Get<IOptions<IdentityOptions>>().Value.DirectoryTableName);
        await Services.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
