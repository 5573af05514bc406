using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Availability.Inbox;

/// <summary>
/// Local host only: plays the bot, which does not run here. Reads the bot's queue and answers every message
/// with a short note, so a person chatting with the local host always gets a reply.
/// </summary>
public sealed class LocalBotStandIn : BackgroundService
{
    /// <summary>The reply sent to every message.</summary>
    public const string StandInText =
        "I'm the AstroBot stand-in: the astrology bot itself is not running here. " +
        "Send HELP to see what you can do with your data.";

    private readonly ReplySender replies;
    private readonly ILogger<LocalBotStandIn> logger;
    private readonly QueueDrainer drainer;

    public LocalBotStandIn(
        StorageClients storage,
        ReplySender replies,
        IOptions<FrontDoorOptions> options,
        TimeProvider time,
        ILogger<LocalBotStandIn> logger)
    {
        this.replies = replies;
        this.logger = logger;
        var settings = options.Value;
        drainer = new QueueDrainer(
            storage.Queues.GetQueueClient(settings.BotQueueName),
            storage.Queues.GetQueueClient($"{settings.BotQueueName}-poison"),
            QueueDrainSettings.From(settings),
            ReplyAsync,
            time,
            logger);
    }

    /// <summary>Receives one batch from the bot's queue and answers it.</summary>
    /// <returns>How many messages were received.</returns>
    public Task<int> DrainOnceAsync(CancellationToken ct) => drainer.DrainOnceAsync(ct);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => drainer.RunAsync(stoppingToken);

    private async Task ReplyAsync(string queueMessageText, CancellationToken ct)
    {
        // Identity changes need no answer: the bot would note the person's new identifiers.
        if (BotQueueMessage.FromQueueText(queueMessageText) is BotInboundMessage message)
        {
            await replies.SendTextAsync(message.UserKey, message.ReplyTo.ToRecipient(), StandInText, message.Timestamp, ct).ConfigureAwait(false);
            LogMessages.StandInReplied(logger, message.Wamid);
        }
    }
}
