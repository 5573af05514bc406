using System.Net;
using System.Net.Http.Headers;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// What <c>eng/serve --regions 2</c> runs, in-process: two real local hosts, each with its own Azurite account for its
/// inbox (devstoreaccount1 and devstoreaccount2), sharing the Cosmos DB emulator and the app's account, behind the
/// local front door. The hosts run their routes only, so an acknowledged webhook stays in its region's inbox queue
/// where the test can see it. The primary listens on a fixed port so it can be started again where the front door
/// expects it.
/// </summary>
public sealed class TwoLocalRegionsTests : IAsyncLifetime
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string region1Url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
    private GraphApiSink? sink;
    private IConfiguration region1Settings = null!;
    private IConfiguration region2Settings = null!;
    private WebApplication? region1;
    private WebApplication? region2;
    private WebApplication? frontDoor;

    public async Task InitializeAsync()
    {
        await SecondAccountMustAnswerAsync();
        sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        region1Settings = LocalHostFixture.Configuration(sink.BaseUri, new Dictionary<string, string?>
        {
            ["Storage:RegionConnectionString"] = EmulatorEndpoints.StorageConnectionString,
        });
        // The same settings but for the region's own account, as both regional apps in Azure have them. (Copied, not
        // chained: a chained configuration drops empty values such as LocalHost:GraphSinkUrl, and the host would start a sink.)
        var settings = region1Settings.AsEnumerable().Where(setting => setting.Value is not null).ToDictionary();
        settings["Storage:RegionConnectionString"] = EmulatorEndpoints.SecondStorageConnectionString;
        region2Settings = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        region1 = ContinuityLocalHost.Build(region1Settings, region1Url, LocalHostWorkers.None);
        region2 = ContinuityLocalHost.Build(region2Settings, "http://127.0.0.1:0", LocalHostWorkers.None);
        await region1.StartAsync();
        await region2.StartAsync();

        frontDoor = LocalFrontDoor.Build(
            new LocalFrontDoorOptions
            {
                Listen = "http://127.0.0.1:0",
                Origins = [LocalHostFixture.AddressOf(region1).AbsoluteUri, LocalHostFixture.AddressOf(region2).AbsoluteUri],
                ProbeInterval = TimeSpan.FromMilliseconds(100),
                ProbeTimeout = TimeSpan.FromSeconds(5),
                RestorationDelay = TimeSpan.FromSeconds(1),
            },
            logging => logging.ClearProviders());
        await frontDoor.StartAsync();
        var origins = frontDoor.Services.GetRequiredService<OriginTable>().Origins;
        await Eventually.HoldsAsync(() => origins.All(origin => origin.Health.State == OriginState.InService), TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        foreach (var app in new[] { frontDoor, region1, region2 }.OfType<WebApplication>())
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (sink is null)
        {
            return; // the second account was missing: nothing was created
        }

        await sink.DisposeAsync();
        foreach (var account in new[] { EmulatorEndpoints.StorageConnectionString, EmulatorEndpoints.SecondStorageConnectionString })
        {
            var queues = new QueueServiceClient(account);
            await queues.GetQueueClient(region1Settings["FrontDoor:InboxQueueName"]).DeleteIfExistsAsync();
            await queues.GetQueueClient(region1Settings["Portability:ExportRequestQueueName"]).DeleteIfExistsAsync();
            await new BlobServiceClient(account).GetBlobContainerClient(region1Settings["FrontDoor:ClaimCheckContainer"]).DeleteIfExistsAsync();
        }

        using var cosmos = new CosmosClientFactory(new CosmosOptions { Endpoint = EmulatorEndpoints.CosmosEndpoint, Key = EmulatorEndpoints.CosmosKey }).Create();
        await LocalHostFixture.DropDatabaseAsync(cosmos, region1Settings["Cosmos:DatabaseName"]!);
    }

    [Fact]
    public async Task SignedWebhooks_PrimaryStoppedBetweenThem_EachAcknowledgedAndRecordedInItsOwnRegion()
    {
        var first = Webhook("wamid.two-regions-1", "before the primary stops");
        var second = Webhook("wamid.two-regions-2", "after the primary stopped");

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(first));
        await region1!.StopAsync();
        var secondStatus = await DeliverAsMetaDoesAsync(second);

        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal([first], await InboxAsync(EmulatorEndpoints.StorageConnectionString));
        Assert.Equal([second], await InboxAsync(EmulatorEndpoints.SecondStorageConnectionString));
    }

    [Fact]
    public async Task SignedWebhooks_PrimaryRestartedWhileTheyFlow_EveryOneAcknowledgedAndRecorded()
    {
        var routes = frontDoor!.Services.GetRequiredService<OriginTable>();
        var acknowledged = new List<byte[]>();
        using var stopSending = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            while (!stopSending.IsCancellationRequested)
            {
                var body = Webhook($"wamid.restart-{acknowledged.Count}", $"message {acknowledged.Count}");
                await DeliverAsMetaDoesAsync(body);
                lock (acknowledged)
                {
                    acknowledged.Add(body);
                }
            }
        });
        await Eventually.HoldsAsync(() => Count(acknowledged) >= 3, TimeSpan.FromSeconds(60));

        await region1!.StopAsync();
        await Eventually.HoldsAsync(() => routes.Route()?.Id == "region-2", TimeSpan.FromSeconds(60));
        var beforeRestart = Count(acknowledged);
        await Eventually.HoldsAsync(() => Count(acknowledged) >= beforeRestart + 3, TimeSpan.FromSeconds(60));
        await region1.DisposeAsync();
        region1 = ContinuityLocalHost.Build(region1Settings, region1Url, LocalHostWorkers.None);
        await region1.StartAsync();
        await Eventually.HoldsAsync(() => routes.Route()?.Id == "region-1", TimeSpan.FromSeconds(60));
        var afterRestart = Count(acknowledged);
        await Eventually.HoldsAsync(() => Count(acknowledged) >= afterRestart + 3, TimeSpan.FromSeconds(60));
        await stopSending.CancelAsync();
        await sender;

        var inRegion1 = await DrainInboxAsync(EmulatorEndpoints.StorageConnectionString);
        var inRegion2 = await DrainInboxAsync(EmulatorEndpoints.SecondStorageConnectionString);
        var recorded = inRegion1.Concat(inRegion2).Select(Convert.ToBase64String).ToHashSet();
        Assert.All(acknowledged, body => Assert.Contains(Convert.ToBase64String(body), recorded));
        Assert.NotEmpty(inRegion2); // the secondary took over
        Assert.Contains(Convert.ToBase64String(acknowledged[^1]), inRegion1.Select(Convert.ToBase64String)); // and the primary took back
    }

    private static int Count(List<byte[]> acknowledged)
    {
        lock (acknowledged)
        {
            return acknowledged.Count;
        }
    }

    private static byte[] Webhook(string wamid, string text) =>
        InboundWebhookComposer.TextMessage(LocalHostFixture.PhoneNumberId, "15550001234", "Two Regions", wamid, text, TimeProvider.System.GetUtcNow());

    private async Task<HttpStatusCode> DeliverAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(LocalHostFixture.AddressOf(frontDoor!), "api/whatsapp/webhook")) { Content = content };
        request.Headers.Add(WebhookEndpoint.SignatureHeader, new WebhookSignature(LocalHostFixture.AppSecret).Sign(body));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    // Meta retries a webhook that was not answered 200: until the front door has taken the stopped primary out, the
    // attempt gets a 502 (nothing listens there) and the next one goes to the secondary.
    private async Task<HttpStatusCode> DeliverAsMetaDoesAsync(byte[] body)
    {
        var status = HttpStatusCode.InternalServerError;
        await Eventually.HoldsAsync(async _ => (status = await DeliverAsync(body)) == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        return status;
    }

    // Every message of the region's inbox, past the 32 a peek shows (they are hidden for the rest of the test).
    private async Task<List<byte[]>> DrainInboxAsync(string account)
    {
        var queue = new QueueServiceClient(account).GetQueueClient(region1Settings["FrontDoor:InboxQueueName"]);
        var bodies = new List<byte[]>();
        while (true)
        {
            var received = await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(10));
            if (received.Value.Length == 0)
            {
                return bodies;
            }

            bodies.AddRange(received.Value.Select(message => WebhookEnvelope.FromQueueText(message.MessageText).Body!));
        }
    }

    private async Task<List<byte[]>> InboxAsync(string account)
    {
        var queue = new QueueServiceClient(account).GetQueueClient(region1Settings["FrontDoor:InboxQueueName"]);
        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        return [.. peeked.Value.Select(message => WebhookEnvelope.FromQueueText(message.MessageText).Body!)];
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
