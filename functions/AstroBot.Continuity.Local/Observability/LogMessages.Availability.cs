using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local;

// The queue workers that play the Functions queue triggers, and the bot stand-in: 1400-1499, in the core's front door
// and inbox range (1200-1499), the ids they had there. Ids in ContinuityEventId. Only wamids, counts and queue names.
internal static partial class LogMessages
{
    [LoggerMessage(EventId = ContinuityEventId.QueueDrainStarted, Level = LogLevel.Information, Message = "Draining queue {QueueName}")]
    internal static partial void QueueDrainStarted(ILogger logger, string queueName);

    [LoggerMessage(EventId = ContinuityEventId.QueueDrainStopped, Level = LogLevel.Information, Message = "Stopped draining queue {QueueName}")]
    internal static partial void QueueDrainStopped(ILogger logger, string queueName);

    [LoggerMessage(EventId = ContinuityEventId.QueuePollFailed, Level = LogLevel.Warning, Message = "Queue {QueueName} could not be polled")]
    internal static partial void QueuePollFailed(ILogger logger, string queueName, Exception exception);

    [LoggerMessage(EventId = ContinuityEventId.QueueMessageFailed, Level = LogLevel.Warning, Message = "Queue {QueueName}: message {MessageId} failed on attempt {DequeueCount}")]
    internal static partial void QueueMessageFailed(ILogger logger, string queueName, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = ContinuityEventId.QueueMessagePoisoned, Level = LogLevel.Error, Message = "Queue {QueueName}: message {MessageId} moved to {PoisonQueueName} after {DequeueCount} attempts")]
    internal static partial void QueueMessagePoisoned(ILogger logger, string queueName, string messageId, long dequeueCount, string poisonQueueName);

    [LoggerMessage(EventId = ContinuityEventId.StandInReplied, Level = LogLevel.Information, Message = "Stand-in answered message {Wamid}")]
    internal static partial void StandInReplied(ILogger logger, string wamid);
}
