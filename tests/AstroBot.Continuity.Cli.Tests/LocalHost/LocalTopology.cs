using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// What <c>eng/serve --regions 2</c> runs, in-process: two real local hosts, region-1 and region-2 (their
/// <c>Availability:Region</c>), each with its own Azurite account for its inbox (devstoreaccount1 and devstoreaccount2),
/// sharing the Cosmos DB emulator and the app's account, behind the local front door probing every 100 ms. Region-1
/// listens on a fixed port so it can be started again where the front door expects it; the front door too, so the
/// regions' settings can name it (the public endpoint, the drill's control route). Disposing drops what they created.
/// </summary>
internal sealed class LocalTopology : IAsyncDisposable
{
    private readonly GraphApiSink sink;
    private readonly LocalHostWorkers workers;
    private readonly Action<IServiceCollection>? replaceInRegion1;

    private LocalTopology(
        GraphApiSink sink, LocalHostWorkers workers, Uri frontDoorUrl, Action<IServiceCollection>? replaceInRegion1, IConfiguration region1Settings, IConfiguration region2Settings)
    {
        this.sink = sink;
        FrontDoorUrl = frontDoorUrl;
        this.workers = workers;
        this.replaceInRegion1 = replaceInRegion1;
        Region1Settings = region1Settings;
        Region2Settings = region2Settings;
    }

    public Uri Region1Url { get; } = new($"http://127.0.0.1:{LoopbackPorts.Free()}/");

    public IConfiguration Region1Settings { get; }

    public IConfiguration Region2Settings { get; }

    public WebApplication Region1 { get; private set; } = null!;

    public WebApplication Region2 { get; private set; } = null!;

    public WebApplication FrontDoor { get; private set; } = null!;

    public Uri FrontDoorUrl { get; }

    public Uri Region2Url => LocalHostFixture.AddressOf(Region2);

    /// <summary>The front door's origins, their priorities and health, as it routes now.</summary>
    public OriginTable Origins => FrontDoor.Services.GetRequiredService<OriginTable>();

    /// <summary>Starts the two regions (with <paramref name="workers"/> each and <paramref name="settings"/> on top of the fixture's) and the front door, and waits until both regions are in service.</summary>
    /// <param name="frontDoorUrl">Where the front door listens, when the settings name it; else a free port.</param>
    /// <param name="replaceInRegion1">Registrations that replace region-1's own (<see cref="ContinuityLocalHost.Build"/>).</param>
    public static async Task<LocalTopology> StartAsync(
        LocalHostWorkers workers, IDictionary<string, string?>? settings = null, Uri? frontDoorUrl = null, Action<IServiceCollection>? replaceInRegion1 = null)
    {
        await SecondAccountMustAnswerAsync();
        var sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        // The same settings but for the region's own account and name, as both regional apps in Azure have them. (Copied,
        // not chained: a chained configuration drops empty values such as LocalHost:GraphSinkUrl, and the host would start a sink.)
        var shared = LocalHostFixture.Configuration(sink.BaseUri, settings).AsEnumerable().Where(setting => setting.Value is not null).ToDictionary();
        var topology = new LocalTopology(
            sink, workers, frontDoorUrl ?? new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/"), replaceInRegion1, RegionSettings(shared, "region-1", EmulatorEndpoints.StorageConnectionString), RegionSettings(shared, "region-2", EmulatorEndpoints.SecondStorageConnectionString));
        await topology.StartAsync();
        return topology;
    }

    /// <summary>Builds region-1 again on its port and starts it (after <c>Region1.StopAsync()</c>).</summary>
    public async Task RestartRegion1Async()
    {
        await Region1.DisposeAsync();
        Region1 = ContinuityLocalHost.Build(Region1Settings, Region1Url.AbsoluteUri, workers, replace: replaceInRegion1);
        await Region1.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        var services = Region1?.Services;
        foreach (var app in new[] { FrontDoor, Region1, Region2 }.OfType<WebApplication>())
        {
            await app.StopAsync();
        }

        if (services is not null)
        {
            await LocalHostFixture.DropAsync(services);
        }

        foreach (var app in new[] { FrontDoor, Region1, Region2 }.OfType<WebApplication>())
        {
            await app.DisposeAsync();
        }

        await sink.DisposeAsync();
        foreach (var account in new[] { EmulatorEndpoints.StorageConnectionString, EmulatorEndpoints.SecondStorageConnectionString })
        {
            var queues = new QueueServiceClient(account);
            await queues.GetQueueClient(Region1Settings["FrontDoor:InboxQueueName"]).DeleteIfExistsAsync();
            await queues.GetQueueClient(Region1Settings["FrontDoor:PoisonQueueName"]).DeleteIfExistsAsync();
            await queues.GetQueueClient(Region1Settings["Portability:ExportRequestQueueName"]).DeleteIfExistsAsync();
            await new BlobServiceClient(account).GetBlobContainerClient(Region1Settings["FrontDoor:ClaimCheckContainer"]).DeleteIfExistsAsync();
        }

        using var cosmos = new CosmosClientFactory(new CosmosOptions { Endpoint = EmulatorEndpoints.CosmosEndpoint, Key = EmulatorEndpoints.CosmosKey }).Create();
        await LocalHostFixture.DropDatabaseAsync(cosmos, Region1Settings["Cosmos:DatabaseName"]!);
    }

    private async Task StartAsync()
    {
        Region1 = ContinuityLocalHost.Build(Region1Settings, Region1Url.AbsoluteUri, workers, replace: replaceInRegion1);
        Region2 = ContinuityLocalHost.Build(Region2Settings, "http://127.0.0.1:0", workers);
        await Region1.StartAsync();
        await Region2.StartAsync();
        FrontDoor = LocalFrontDoor.Build(
            new LocalFrontDoorOptions
            {
                Listen = FrontDoorUrl.AbsoluteUri,
                Origins = [Region1Url.AbsoluteUri, Region2Url.AbsoluteUri],
                ProbeInterval = TimeSpan.FromMilliseconds(100),
                ProbeTimeout = TimeSpan.FromSeconds(5),
                RestorationDelay = TimeSpan.FromSeconds(1),
            },
            logging => logging.ClearProviders());
        await FrontDoor.StartAsync();
        await Eventually.HoldsAsync(() => Origins.Origins.All(origin => origin.Health.State == OriginState.InService), TimeSpan.FromSeconds(60));
    }

    private static IConfiguration RegionSettings(Dictionary<string, string?> shared, string region, string account)
    {
        var settings = new Dictionary<string, string?>(shared)
        {
            ["Storage:RegionConnectionString"] = account,
            ["Availability:Region"] = region,
        };
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static async Task SecondAccountMustAnswerAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await new QueueServiceClient(EmulatorEndpoints.SecondStorageConnectionString).GetPropertiesAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            Assert.Fail(
                "The second Azurite account, devstoreaccount2 (the second region's), does not answer: " +
                $"{exception.GetType().Name}: {exception.Message.Split('\n')[0].TrimEnd('.')}. eng/emulators starts Azurite with it (AZURITE_ACCOUNTS); " +
                "an Azurite started before eng/emulators did so needs `eng/emulators down && eng/emulators up` " +
                "(`eng/emulators status` shows the accounts). Set CONTINUITY_TEST_STORAGE_2 to use another account.");
        }
    }
}
