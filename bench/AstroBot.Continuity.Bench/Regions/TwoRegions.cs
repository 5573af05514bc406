using System.Globalization;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>
/// What <c>eng/serve --regions 2</c> runs, in this process: region-1 (the primary) with its inbox in Azurite's
/// devstoreaccount1 and region-2 with its inbox in devstoreaccount2 (<c>Storage:RegionConnectionString</c>), sharing
/// the app's account (ledger, identity directory, bot queue), the Cosmos DB emulator and one Graph API sink, behind
/// the real local front door (<see cref="LocalFrontDoor"/>) with the primary first. Every queue, table and database
/// is the run's own (<see cref="BenchNames"/>).
/// </summary>
internal sealed class TwoRegions : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly GraphApiSink sink;
    private readonly IConfiguration primarySettings;
    private readonly WebApplication frontDoor;

    private TwoRegions(GraphApiSink sink, IConfiguration primarySettings, RegionHost primary, RegionHost secondary, WebApplication frontDoor)
    {
        this.sink = sink;
        this.primarySettings = primarySettings;
        Primary = primary;
        Secondary = secondary;
        this.frontDoor = frontDoor;
        FrontDoorWebhookUri = BoundWebhookUri.Of(frontDoor);
        Origins = frontDoor.Services.GetRequiredService<OriginTable>();
        FrontDoorOptions = frontDoor.Services.GetRequiredService<LocalFrontDoorOptions>();
    }

    /// <summary>Region-1, priority 1; replaced by <see cref="RestartPrimaryAsync"/>.</summary>
    public RegionHost Primary { get; private set; }

    /// <summary>Region-2, priority 2.</summary>
    public RegionHost Secondary { get; }

    /// <summary>The webhook route through the front door.</summary>
    public Uri FrontDoorWebhookUri { get; }

    /// <summary>The front door's origins and their health, live.</summary>
    public OriginTable Origins { get; }

    /// <summary>The front door's settings as it runs with them: the probe settings the failover figures follow from.</summary>
    public LocalFrontDoorOptions FrontDoorOptions { get; }

    /// <summary>The account of region <paramref name="region"/>'s own queues (devstoreaccount1 or devstoreaccount2), as <c>eng/serve</c> sets it.</summary>
    public static string RegionAccount(int region) =>
        string.Create(CultureInfo.InvariantCulture, $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount{region};AccountKey={WellKnownKey};") +
        string.Create(CultureInfo.InvariantCulture, $"BlobEndpoint=http://127.0.0.1:10000/devstoreaccount{region};QueueEndpoint=http://127.0.0.1:10001/devstoreaccount{region};TableEndpoint=http://127.0.0.1:10002/devstoreaccount{region};");

    /// <summary>Region <paramref name="region"/>'s inbox queue (in its own account).</summary>
    public static QueueClient Inbox(int region, BenchNames names) => new QueueServiceClient(RegionAccount(region)).GetQueueClient(names.InboxQueue);

    /// <summary>Region <paramref name="region"/>'s inbox poison queue.</summary>
    public static QueueClient InboxPoison(int region, BenchNames names) => new QueueServiceClient(RegionAccount(region)).GetQueueClient(names.PoisonQueue);

    /// <summary>The bot queue both regions hand messages to (the app's account).</summary>
    public static QueueClient BotQueue(BenchNames names) => new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient(names.BotQueue);

    public static async Task<TwoRegions> StartAsync(BenchNames names, RegionsBenchSettings settings, CancellationToken ct)
    {
        await SecondAccountMustAnswerAsync(ct).ConfigureAwait(false);
        var sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", ct).ConfigureAwait(false);
        var primarySettings = RegionSettings(names, sink, 1, settings);
        var primary = await RegionHost.StartAsync(OriginTable.IdOf(1), primarySettings, "http://127.0.0.1:0", ct).ConfigureAwait(false);
        var secondary = await RegionHost.StartAsync(OriginTable.IdOf(2), RegionSettings(names, sink, 2, settings), "http://127.0.0.1:0", ct).ConfigureAwait(false);

        var options = new LocalFrontDoorOptions { Listen = "http://127.0.0.1:0", Origins = [primary.BaseUri.AbsoluteUri, secondary.BaseUri.AbsoluteUri] };
        options.ProbeInterval = settings.ProbeInterval ?? options.ProbeInterval;
        options.RestorationDelay = settings.RestorationDelay ?? options.RestorationDelay;
        // Its changes are watched through its origin table (RouteWatch), not its console lines.
        var frontDoor = LocalFrontDoor.Build(options, logging => logging.ClearProviders());
        await frontDoor.StartAsync(ct).ConfigureAwait(false);

        var regions = new TwoRegions(sink, primarySettings, primary, secondary, frontDoor);
        await regions.WaitUntilAsync(origins => origins.Origins.All(origin => origin.Health.State == OriginState.InService), "both regions in service", ct).ConfigureAwait(false);
        return regions;
    }

    /// <summary>
    /// Brings the primary back after <see cref="RegionHost.KillAsync"/>: a new host on the same address with the same
    /// settings (the same accounts, so the same inbox with what the dead one left in it), its inbox pump started at once.
    /// </summary>
    public async Task RestartPrimaryAsync(CancellationToken ct)
    {
        await Primary.DisposeAsync().ConfigureAwait(false);
        Primary = await RegionHost.StartAsync(OriginTable.IdOf(1), primarySettings, Primary.BaseUri.AbsoluteUri, ct).ConfigureAwait(false);
        await Primary.StartInboxPumpAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes what the run created, through the secondary's clients: its app account is devstoreaccount1, which is also
    /// the primary's own, and its own is devstoreaccount2, so every account of the run is covered (and the secondary is
    /// never killed, so its clients are alive whatever happened to the primary).
    /// </summary>
    public async Task DeleteResourcesAsync(BenchNames names, CancellationToken ct)
    {
        // First the pumps, so none recreates what is being deleted (the identity directory creates its table when missing).
        await Primary.StopInboxPumpAsync(ct).ConfigureAwait(false);
        await Secondary.StopInboxPumpAsync(ct).ConfigureAwait(false);
        await LocalHostTarget.DeleteResourcesAsync(Secondary.Services, names, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await frontDoor.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await frontDoor.DisposeAsync().ConfigureAwait(false);
        await Primary.DisposeAsync().ConfigureAwait(false);
        await Secondary.DisposeAsync().ConfigureAwait(false);
        await sink.DisposeAsync().ConfigureAwait(false);
    }

    private const string WellKnownKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // eng/serve's run_region: the region's own account, no sink of its own (replies go to the shared one).
    private static IConfiguration RegionSettings(BenchNames names, GraphApiSink sink, int region, RegionsBenchSettings settings)
    {
        var more = new Dictionary<string, string?>
        {
            ["Storage:RegionConnectionString"] = RegionAccount(region),
            ["Availability:Region"] = OriginTable.IdOf(region),
        };
        if (settings.VisibilityTimeout is { } visibility)
        {
            more["FrontDoor:VisibilityTimeout"] = visibility.ToString("c", CultureInfo.InvariantCulture);
        }

        return LocalHostTarget.Settings(names, sink.BaseUri, more);
    }

    private async Task WaitUntilAsync(Func<OriginTable, bool> condition, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartTimeout);
        while (!condition(Origins))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The front door did not see {what} within {StartTimeout.TotalSeconds:N0} s: are the emulators up?");
            }
        }
    }

    private static async Task SecondAccountMustAnswerAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await new QueueServiceClient(RegionAccount(2)).GetPropertiesAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is Azure.RequestFailedException or AggregateException or OperationCanceledException) && !ct.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                "Azurite's devstoreaccount2 (region-2's account) does not answer: an Azurite started before eng/emulators set AZURITE_ACCOUNTS " +
                "has only devstoreaccount1 (`eng/emulators status` shows the accounts).", exception);
        }
    }
}
