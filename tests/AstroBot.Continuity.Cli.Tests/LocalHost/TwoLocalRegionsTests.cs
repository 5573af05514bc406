using System.Net;
using System.Net.Http.Headers;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>
/// What <c>eng/serve --regions 2</c> runs, in-process: two real local hosts, each with its own Azurite account for its
/// inbox (devstoreaccount1 and devstoreaccount2), sharing the Cosmos DB emulator and the app's account, behind the
/// local front door (<see cref="LocalTopology"/>). The hosts run their routes only, so an acknowledged webhook stays in
/// its region's inbox queue where the test can see it.
/// </summary>
public sealed class TwoLocalRegionsTests : IAsyncLifetime
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LocalTopology regions = null!;

    public async Task InitializeAsync() => regions = await LocalTopology.StartAsync(LocalHostWorkers.None);

    public async Task DisposeAsync()
    {
        http.Dispose();
        if (regions is not null)
        {
            await regions.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignedWebhooks_PrimaryStoppedBetweenThem_EachAcknowledgedAndRecordedInItsOwnRegion()
    {
        var first = Webhook("wamid.two-regions-1", "before the primary stops");
        var second = Webhook("wamid.two-regions-2", "after the primary stopped");

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(first));
        await regions.Region1.StopAsync();
        var secondStatus = await DeliverAsMetaDoesAsync(second);

        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal([first], await InboxAsync(EmulatorEndpoints.StorageConnectionString));
        Assert.Equal([second], await InboxAsync(EmulatorEndpoints.SecondStorageConnectionString));
    }

    [Fact]
    public async Task SignedWebhooks_PrimaryRestartedWhileTheyFlow_EveryOneAcknowledgedAndRecorded()
    {
        var routes = regions.Origins;
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

        await regions.Region1.StopAsync();
        await Eventually.HoldsAsync(() => routes.Route()?.Id == "region-2", TimeSpan.FromSeconds(60));
        var beforeRestart = Count(acknowledged);
        await Eventually.HoldsAsync(() => Count(acknowledged) >= beforeRestart + 3, TimeSpan.FromSeconds(60));
        await regions.RestartRegion1Async();
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
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(regions.FrontDoorUrl, "api/whatsapp/webhook")) { Content = content };
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
        var queue = new QueueServiceClient(account).GetQueueClient(regions.Region1Settings["FrontDoor:InboxQueueName"]);
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
        var queue = new QueueServiceClient(account).GetQueueClient(regions.Region1Settings["FrontDoor:InboxQueueName"]);
        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        return [.. peeked.Value.Select(message => WebhookEnvelope.FromQueueText(message.MessageText).Body!)];
    }
}
