using AstroBot.Continuity.Availability.Inbox;
using Microsoft.Azure.Functions.Worker;

namespace AstroBot.Continuity.Functions.Inbox;

/// <summary>
/// Processes the webhooks the front door recorded. The runtime retries a failed message and moves it to
/// <c>whatsapp-inbox-poison</c> after host.json's <c>maxDequeueCount</c>, so nothing is dropped.
/// </summary>
public sealed class WhatsAppInboxFunction(InboxProcessor processor)
{
    /// <summary>Must equal the default of <c>FrontDoor:InboxQueueName</c> (a test checks the generated metadata).</summary>
    public const string InboxQueue = "whatsapp-inbox";

    [Function("WhatsAppInbox")]
    public Task RunAsync([QueueTrigger(InboxQueue)] string message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
