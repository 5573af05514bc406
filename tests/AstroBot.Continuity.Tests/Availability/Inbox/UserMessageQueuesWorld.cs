using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Tests.Availability.Inbox;

/// <summary>
/// The front door's services with every user-message queue of its own (inbox, bot, exports) and their poison queues,
/// all deleted at the end, and ways to poison messages as the Functions runtime does.
/// </summary>
internal sealed class UserMessageQueuesWorld : IAsyncDisposable
{
    private UserMessageQueuesWorld(FrontDoorHarness harness)
    {
        Harness = harness;
        Queues = harness.Get<UserMessageQueues>();
    }

    public FrontDoorHarness Harness { get; }

    public UserMessageQueues Queues { get; }

    public UserMessageQueue Inbox => Queues.All[0];

    public static async Task<UserMessageQueuesWorld> StartAsync() =>
        new(await FrontDoorHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Portability:ExportRequestQueueName"] = EmulatorEndpoints.UniqueName("exportreq"),
        }));

    public QueueClient Client(string name) => Harness.Get<StorageClients>().Queues.GetQueueClient(name);

    /// <summary>
    /// <paramref name="count"/> messages on <paramref name="poisonQueue"/>, moved there as the Functions runtime moves
    /// them: a plain send, so the service's default time-to-live of 7 days.
    /// </summary>
    public async Task<IReadOnlyList<string>> PoisonAsRuntimeAsync(string poisonQueue, int count, string prefix = "poisoned")
    {
        var poison = Client(poisonQueue);
        await poison.CreateIfNotExistsAsync();
        var texts = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToList();
        foreach (var text in texts)
        {
            await poison.SendMessageAsync(text);
        }

        return texts;
    }

    /// <summary>Every message text on <paramref name="queue"/>, received and so hidden for a minute (more than 32 allowed).</summary>
    public async Task<IReadOnlyList<string>> ReceiveAllAsync(string queue)
    {
        var client = Client(queue);
        var texts = new List<string>();
        while ((await client.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value is { Length: > 0 } batch)
        {
            texts.AddRange(batch.Select(message => message.Body.ToString()));
        }

        return texts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in Queues.All)
        {
            await Client(queue.Name).DeleteIfExistsAsync();
            await Client(queue.PoisonName).DeleteIfExistsAsync();
        }

        await Harness.DisposeAsync();
    }
}
