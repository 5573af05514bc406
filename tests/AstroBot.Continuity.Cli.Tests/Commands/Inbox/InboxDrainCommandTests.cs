using System.Text;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Cli.Tests.Commands.Inbox;

/// <summary>
/// <c>continuity inbox drain</c>: this configuration (the shared account: ledger, directory, bot's queue) processes what
/// another region's account (Azurite's devstoreaccount2) acknowledged, inbox then held queue, each message once.
/// </summary>
public sealed class InboxDrainCommandTests : IAsyncLifetime
{
    private const string Alice = "15550003001";
    private const string Bob = "15550003002";

    private readonly CliHarness cli = new();
    private readonly QueueServiceClient deadRegion = new(EmulatorEndpoints.SecondStorageConnectionString);
    private InboxQueues queues = null!;

    public Task InitializeAsync()
    {
        queues = new InboxQueues(cli);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var name in new[] { queues.Inbox, queues.Inbox + "-poison", queues.Inbox + "-held" })
        {
            await deadRegion.GetQueueClient(name).DeleteIfExistsAsync();
        }

        await queues.DeleteAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_DeadRegionsInboxAndHeldQueue_HandsEachMessageToTheBotOnceInOrder()
    {
        var held = deadRegion.GetQueueClient(queues.Inbox + "-held");
        var inbox = deadRegion.GetQueueClient(queues.Inbox);
        await held.CreateIfNotExistsAsync();
        await inbox.CreateIfNotExistsAsync();
        await held.SendMessageAsync(Webhook(Alice, "wamid.drain-A1"));
        foreach (var (from, wamid) in new[] { (Alice, "wamid.drain-A2"), (Bob, "wamid.drain-B1"), (Alice, "wamid.drain-A2") })
        {
            await inbox.SendMessageAsync(Webhook(from, wamid)); // A2 twice: Meta redelivered it
        }

        var run = await cli.InvokeAsync("inbox", "drain", "--region-connection-string", EmulatorEndpoints.SecondStorageConnectionString);

        run.AssertExitCode(0);
        Assert.Contains("Inbox of devstoreaccount2: 3 received, 0 remain", run.Out, StringComparison.Ordinal);
        Assert.Contains("Held queue: 4 processed, 0 poisoned, 0 remain (Drained).", run.Out, StringComparison.Ordinal); // the inbox's moved behind the held one
        var handedOver = (await queues.Client(queues.Bot).PeekMessagesAsync(32)).Value
            .Select(message => BotQueueMessage.FromQueueText(message.Body.ToString()).Wamid)
            .ToList();
        // Each once; Alice's held one first (it is older); different users' side by side, in either order.
        Assert.Equal(["wamid.drain-A1", "wamid.drain-A2"], handedOver.Where(wamid => wamid.Contains("-A", StringComparison.Ordinal)));
        Assert.Equal(["wamid.drain-B1"], handedOver.Where(wamid => wamid.Contains("-B", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Invoke_NeitherOrBothAccounts_RefusesWithExitCode2()
    {
        var neither = await cli.InvokeAsync("inbox", "drain");
        var both = await cli.InvokeAsync("inbox", "drain", "--region-account", "deadregion", "--region-connection-string", EmulatorEndpoints.SecondStorageConnectionString);

        neither.AssertExitCode(2);
        both.AssertExitCode(2);
        Assert.Contains("--region-account NAME or --region-connection-string CS", neither.All, StringComparison.Ordinal);
    }

    private static string Webhook(string from, string wamid) =>
        WebhookEnvelope.Inline(Body(from, wamid), TimeProvider.System.GetUtcNow()).ToQueueText();

    private static byte[] Body(string from, string wamid) =>
        Encoding.UTF8.GetBytes(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-1\",\"changes\":[{\"field\":\"messages\",\"value\":" +
            "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550009999\",\"phone_number_id\":\"100200300\"}," +
            "\"contacts\":[{\"profile\":{\"name\":\"Drained User\"},\"wa_id\":\"" + from + "\"}]," +
            "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() +
            "\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}]}}]}]}");
}
