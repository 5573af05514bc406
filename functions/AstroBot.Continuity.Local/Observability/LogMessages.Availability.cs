using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local;

// The queue workers that play the Functions queue triggers, and the bot stand-in: 1400-1405, the ids they had in the
// core (its front door and inbox range, 1200-1499). Only wamids, counts and queue names.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Draining queue {QueueName}")]
    internal static partial void QueueDrainStarted(ILogger logger, string queueName);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Stopped draining queue {QueueName}")]
    internal static partial void QueueDrainStopped(ILogger logger, string queueName);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Queue {QueueName} could not be polled")]
    internal static partial void QueuePollFailed(ILogger logger, string queueName, Exception exception);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Queue {QueueName}: message {MessageId} failed on attempt {DequeueCount}")]
    internal static partial void QueueMessageFailed(ILogger logger, string queueName, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Error, Message = "Queue {QueueName}: message {MessageId} moved to {PoisonQueueName} after {DequeueCount} attempts")]
    internal static partial void QueueMessagePoisoned(ILogger logger, string queueName, string messageId, long dequeueCount, string poisonQueueName);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Stand-in answered message {Wamid}")]
    internal static partial void StandInReplied(ILogger logger, string wamid);
}
