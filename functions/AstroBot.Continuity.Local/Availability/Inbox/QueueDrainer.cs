using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local.Availability.Inbox;

/// <summary>
/// The local host's stand-in for the Functions queue trigger: receives messages, hands each to a handler,
/// deletes it on success, lets it reappear after <see cref="QueueDrainSettings.RetryDelay"/> on failure, and
/// moves it to the poison queue once it has been attempted <see cref="QueueDrainSettings.MaxDequeueCount"/>
/// times. A message is never dropped.
/// </summary>
internal sealed class QueueDrainer(
    QueueClient source,
    QueueClient poison,
    QueueDrainSettings settings,
    Func<string, CancellationToken, Task> handle,
    TimeProvider time,
    ILogger logger)
{
    private const int BatchSize = 16;
    private static readonly TimeSpan FirstIdleDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Drains the queue until <paramref name="ct"/> is cancelled, backing off while it is empty.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        LogMessages.QueueDrainStarted(logger, source.Name);
        var idleDelay = FirstIdleDelay;
        while (!ct.IsCancellationRequested)
        {
            int drained;
            try
            {
                drained = await DrainOnceAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFailure.Is(ex))
            {
                // Storage down or slow: back off and poll again; the messages stay safe in the queue.
                LogMessages.QueuePollFailed(logger, source.Name, ex);
                drained = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            idleDelay = drained > 0 ? FirstIdleDelay : Min(idleDelay * 2, settings.MaxPollInterval);
            if (drained == 0)
            {
                try
                {
                    await Task.Delay(idleDelay, time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        LogMessages.QueueDrainStopped(logger, source.Name);
    }

    /// <summary>Receives one batch and handles each message in it.</summary>
    /// <returns>How many messages were received.</returns>
    public async Task<int> DrainOnceAsync(CancellationToken ct)
    {
        QueueMessage[] messages = await source.ReceiveMessagesAsync(BatchSize, settings.VisibilityTimeout, ct).ConfigureAwait(false);
        foreach (var message in messages)
        {
            await HandleOneAsync(message, ct).ConfigureAwait(false);
        }

        return messages.Length;
    }

    private async Task HandleOneAsync(QueueMessage message, CancellationToken ct)
    {
        // Attempts that crashed the process before they could fail cleanly still count.
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await handle(message.Body.ToString(), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Any failure of the handler is the message's failure: retried, then poisoned, never lost.
            LogMessages.QueueMessageFailed(logger, source.Name, message.MessageId, message.DequeueCount, ex);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, ct).ConfigureAwait(false);
            }
            else
            {
                await source.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.RetryDelay, cancellationToken: ct)
                    .ConfigureAwait(false);
            }

            return;
        }

        await source.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken ct)
    {
        // Copy first, then delete: a crash in between leaves a duplicate in poison, never a loss. Unlike the Functions
        // runtime's copy (7 days, until PoisonQueueWatch re-sends it), this one never expires.
        await poison.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await InfiniteTimeToLive.SendAsync(poison, message.Body, ct).ConfigureAwait(false);
        await source.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        LogMessages.QueueMessagePoisoned(logger, source.Name, message.MessageId, message.DequeueCount, poison.Name);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
