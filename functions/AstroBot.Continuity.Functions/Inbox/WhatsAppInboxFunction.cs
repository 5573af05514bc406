using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Inbox;

/// <summary>
/// Processes the webhooks the front door recorded, from the queue the setting <c>FrontDoor:InboxQueueName</c> names
/// (the one the front door writes to). The runtime retries a failed message and moves it to
/// <c>{queue}-poison</c> after host.json's <c>maxDequeueCount</c>, so nothing is dropped.
/// </summary>
public sealed class WhatsAppInboxFunction(InboxProcessor processor)
{
    [Function("WhatsAppInbox")]
    public Task RunAsync([QueueTrigger($"%{FrontDoorOptions.InboxQueueNameSetting}%")] string message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
