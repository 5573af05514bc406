using AstroBot.Continuity.Storage;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Puts poisoned messages back on their queue once the cause is fixed (<c>continuity inbox redrive</c>). Each message
/// is sent to the queue first, with <see cref="InfiniteTimeToLive"/>, and deleted from the poison queue only after the
/// send succeeded: a crash in between leaves a duplicate, never a loss, and a duplicate is harmless because the inbox
/// and the bot process by wamid and an export request by its export id. A run moves at most the messages the poison
/// queue held when it started, so messages that fail again and come back are not moved twice in one run.
/// </summary>
public sealed class PoisonRedrive(StorageClients storage, UserMessageQueues queues, ILogger<PoisonRedrive> logger)
{
    // Long enough to send and delete a batch; a crashed run's messages reappear in the poison queue after it.
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(1);
    private const int BatchSize = 32;

    /// <summary>
    /// The queue <paramref name="aliasOrName"/> names: <c>inbox</c>, <c>bot</c>, <c>exports</c>, one of their queue
    /// names, or any queue of the account that exists or has a poison queue. Null when it names none of these.
    /// </summary>
    public async Task<UserMessageQueue?> ResolveAsync(string aliasOrName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aliasOrName);
        if (queues.Find(aliasOrName) is { } known)
        {
            return known;
        }

        var named = UserMessageQueue.Named(aliasOrName);
        var queue = await QueueDepth.ReadAsync(storage.Queues.GetQueueClient(named.Name), ct).ConfigureAwait(false);
        var poison = queue.Exists ? null : await QueueDepth.ReadAsync(storage.Queues.GetQueueClient(named.PoisonName), ct).ConfigureAwait(false);
        return queue.Exists || poison is { Exists: true } ? named : null;
    }

    /// <summary>Moves up to <paramref name="max"/> messages (all when null) from the poison queue of <paramref name="queue"/> back to it.</summary>
    public Task<RedriveResult> RedriveAsync(UserMessageQueue queue, long? max, bool dryRun, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var service = queue.ServiceIn(storage);
        return RedriveAsync(service.GetQueueClient(queue.PoisonName), service.GetQueueClient(queue.Name), max, dryRun, ct);
    }

    internal async Task<RedriveResult> RedriveAsync(QueueClient poison, QueueClient target, long? max, bool dryRun, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max ?? 1, 1, nameof(max));
        var before = await QueueDepth.ReadAsync(poison, ct).ConfigureAwait(false);
        var limit = Math.Min(max ?? long.MaxValue, before.ApproximateMessages);
        if (!before.Exists || dryRun)
        {
            return new RedriveResult(target.Name, poison.Name, before.Exists, dryRun, Moved: 0, dryRun ? limit : null, before.ApproximateMessages, Failure: null);
        }

        var (moved, failure) = limit > 0 ? await MoveAsync(poison, target, limit, ct).ConfigureAwait(false) : (0, null);
        var remaining = (await QueueDepth.ReadAsync(poison, ct).ConfigureAwait(false)).ApproximateMessages;
        if (failure is null)
        {
            LogMessages.PoisonRedriven(logger, poison.Name, target.Name, moved, remaining);
        }
        else
        {
            LogMessages.PoisonRedriveStopped(logger, poison.Name, target.Name, moved, failure);
        }

        return new RedriveResult(target.Name, poison.Name, PoisonQueueExists: true, DryRun: false, moved, WouldMove: null, remaining, failure);
    }

    private static async Task<(long Moved, string? Failure)> MoveAsync(QueueClient poison, QueueClient target, long limit, CancellationToken ct)
    {
        await target.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        long moved = 0;
        while (moved < limit)
        {
            QueueMessage[] batch = await poison.ReceiveMessagesAsync((int)Math.Min(BatchSize, limit - moved), VisibilityTimeout, ct).ConfigureAwait(false);
            if (batch.Length == 0)
            {
                return (moved, null);
            }

            for (var i = 0; i < batch.Length; i++)
            {
                try
                {
                    await InfiniteTimeToLive.SendAsync(target, batch[i].Body, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFailure.Is(ex))
                {
                    // Not sent: this message and the rest of the batch stay poisoned, visible again at once where possible.
                    await ReleaseAsync(poison, batch[i..], ct).ConfigureAwait(false);
                    return (moved, $"sending to {target.Name} failed ({Describe(ex)}); the message stays in {poison.Name}");
                }

                try
                {
                    await poison.DeleteMessageAsync(batch[i].MessageId, batch[i].PopReceipt, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (StorageFailure.Is(ex))
                {
                    // Sent but still poisoned: a later redrive sends it again, a duplicate the consumers drop by id.
                    await ReleaseAsync(poison, batch[(i + 1)..], ct).ConfigureAwait(false);
                    return (moved + 1, $"deleting from {poison.Name} failed ({Describe(ex)}) after the message was sent to {target.Name}; a later redrive sends it again (a duplicate, which processing drops by wamid or export id)");
                }

                moved++;
            }
        }

        return (moved, null);
    }

    private static async Task ReleaseAsync(QueueClient poison, IEnumerable<QueueMessage> unsent, CancellationToken ct)
    {
        foreach (var message in unsent)
        {
            try
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFailure.Is(ex))
            {
                // Storage is failing: the message reappears by itself when its visibility timeout ends.
            }
        }
    }

    private static string Describe(Exception exception) =>
        exception is RequestFailedException failed ? $"{failed.Status} {failed.ErrorCode}".TrimEnd() : exception.GetType().Name;
}
