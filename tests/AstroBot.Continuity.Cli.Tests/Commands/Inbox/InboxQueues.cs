using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Queues;

namespace AstroBot.Continuity.Cli.Tests.Commands.Inbox;

/// <summary>
/// The user-message queues of one <see cref="CliHarness"/> world, named uniquely (set as its settings) and deleted at the
/// end with their poison queues.
/// </summary>
internal sealed class InboxQueues
{
    private readonly QueueServiceClient service = new(EmulatorEndpoints.StorageConnectionString);

    public InboxQueues(CliHarness cli)
    {
        Inbox = EmulatorEndpoints.UniqueName("inbox");
        Bot = EmulatorEndpoints.UniqueName("bot");
        Exports = EmulatorEndpoints.UniqueName("exportreq");
        cli.Settings["FrontDoor:InboxQueueName"] = Inbox;
        cli.Settings["FrontDoor:PoisonQueueName"] = Inbox + "-poison";
        cli.Settings["FrontDoor:BotQueueName"] = Bot;
        cli.Settings["Portability:ExportRequestQueueName"] = Exports;
    }

    public string Inbox { get; }

    public string Bot { get; }

    public string Exports { get; }

    public QueueClient Client(string name) => service.GetQueueClient(name);

    /// <summary><paramref name="count"/> messages on <c>{queue}-poison</c>, as the Functions runtime moves them there.</summary>
    public async Task PoisonAsync(string queue, int count)
    {
        var poison = Client(queue + "-poison");
        await poison.CreateIfNotExistsAsync();
        for (var i = 0; i < count; i++)
        {
            await poison.SendMessageAsync($"poisoned-{i}");
        }
    }

    public async Task<long> CountAsync(string queue) =>
        (await Client(queue).GetPropertiesAsync()).Value.ApproximateMessagesCountLong;

    public async Task DeleteAsync()
    {
        foreach (var name in new[] { Inbox, Bot, Exports })
        {
            await Client(name).DeleteIfExistsAsync();
            await Client(name + "-poison").DeleteIfExistsAsync();
        }
    }
}
