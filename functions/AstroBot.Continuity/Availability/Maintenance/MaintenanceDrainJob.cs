using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Maintenance;

/// <summary>
/// Every 30 seconds in each region (<see cref="Schedules.MaintenanceDrain"/>): once no window is active, processes what
/// the region's <see cref="HeldQueue"/> holds, in the order it was held per user, through the inbox processor (each
/// message once: the ledger's claim skips what was processed already, a duplicate held copy or Meta's redelivery to the
/// other region). Messages are taken 32 at a time; those of one user (any identifier in common) are processed one after
/// the other, different users' side by side. A message that fails stays held and everything behind it of the same user
/// waits for the next run; after <c>FrontDoor:MaxDequeueCount</c> attempts it goes to the inbox's poison queue, as the
/// queue trigger would do (<c>continuity inbox redrive</c> puts it back), unless it failed because a dependency is down
/// (Availability/Degradation): then it waits for as many runs as the outage lasts. During an outage a run first tries
/// one message (the circuit breaker's trial) and resolves the outage once the queue is empty. A run ends when the queue
/// is empty (looked at once more after <c>Maintenance:CacheDuration</c>, for what a processor held on an older view), at
/// the first failure, when a window starts, or after <c>Maintenance:DrainRunDuration</c>.
/// </summary>
public sealed class MaintenanceDrainJob(
    MaintenanceStore store,
    HeldQueue held,
    OutageStore outages,
    OutageHold outageHold,
    ClaimCheckStore claimChecks,
    IServiceProvider services,
    IOptions<MaintenanceOptions> options,
    IOptions<FrontDoorOptions> frontDoor,
    TimeProvider time,
    ILogger<MaintenanceDrainJob> logger) : IScheduledJob
{
    private const int BatchSize = 32;

    // A margin over the cache duration, so a processor's view read just before the drain looked has expired.
    private static readonly TimeSpan SweepMargin = TimeSpan.FromSeconds(1);

    public string Name => "MaintenanceDrain";

    public ScheduleSetting Schedule => Schedules.MaintenanceDrain;

    // The next run drains the same queue.
    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    /// <summary>One run of the drain (see the class summary).</summary>
    public async Task<MaintenanceDrainResult> DrainAsync(CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.Value.DrainRunDuration;
        var outage = await ReadOutageAsync(ct).ConfigureAwait(false);
        var tally = new Tally();
        var swept = false;
        var outcome = MaintenanceDrainOutcome.Drained;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (time.GetUtcNow() >= deadline)
            {
                outcome = MaintenanceDrainOutcome.OutOfTime;
                break;
            }

            if (await ReadWindowAsync(ct).ConfigureAwait(false) is not { } window)
            {
                outcome = MaintenanceDrainOutcome.DependencyDown; // the window's table is the ledger's: nothing could be processed
                break;
            }

            if (window.Active?.IsActiveAt(time.GetUtcNow()) == true)
            {
                outcome = MaintenanceDrainOutcome.WindowActive;
                break;
            }

            // During an outage one message goes first, as the breaker's trial: the rest only once it got through.
            var trial = outage is { IsOpen: true } && tally.Processed == 0;
            var messages = await ReceiveAsync(trial ? 1 : BatchSize, ct).ConfigureAwait(false);
            if (messages.Length == 0)
            {
                if (swept || tally.Processed + tally.Poisoned == 0 || options.Value.CacheDuration == TimeSpan.Zero)
                {
                    break;
                }

                // A processor may still hold on a view of the queue it read up to CacheDuration ago: look once more after that
                // (without a cache there is no such view; what a processor holds meanwhile waits for the next run).
                await Task.Delay(options.Value.CacheDuration + SweepMargin, time, ct).ConfigureAwait(false);
                swept = true;
                continue;
            }

            swept = false;
            if (!await DrainBatchAsync(messages, tally, ct).ConfigureAwait(false))
            {
                outcome = tally.DependencyDown ? MaintenanceDrainOutcome.DependencyDown : MaintenanceDrainOutcome.StoppedAtFailure;
                break;
            }
        }

        if (outcome == MaintenanceDrainOutcome.Drained && outage is { IsOpen: true })
        {
            await ResolveOutageAsync(ct).ConfigureAwait(false);
        }

        var remaining = (await held.ReadDepthAsync(ct).ConfigureAwait(false)).ApproximateMessages;
        var result = new MaintenanceDrainResult(outcome, tally.Processed, tally.Poisoned, remaining);
        if (result.Processed + result.Poisoned > 0 || outcome is MaintenanceDrainOutcome.StoppedAtFailure or MaintenanceDrainOutcome.DependencyDown)
        {
            LogMessages.MaintenanceDrained(logger, result.Processed, result.Poisoned, result.Remaining, outcome);
        }

        return result;
    }

    private async Task<QueueMessage[]> ReceiveAsync(int count, CancellationToken ct)
    {
        try
        {
            // Hidden for the whole run: a run that crashes leaves them to the next one, in their order.
            var visibility = options.Value.DrainRunDuration + TimeSpan.FromMinutes(1);
            return await held.Client.ReceiveMessagesAsync(count, visibility, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // nothing was ever held in this region
        }
    }

    /// <summary>Processes one batch, per user in order, users side by side.</summary>
    /// <returns>False when a message failed (it and what waits behind it stay held).</returns>
    private async Task<bool> DrainBatchAsync(QueueMessage[] messages, Tally tally, CancellationToken ct)
    {
        var processor = services.GetRequiredService<InboxProcessor>();
        var lastOfLane = new Dictionary<string, Task<bool>>(StringComparer.Ordinal);
        var all = new List<Task<bool>>(messages.Length);
        foreach (var message in messages)
        {
            var lanes = await LanesAsync(message.Body.ToString(), ct).ConfigureAwait(false);
            var before = lanes.Select(lane => lastOfLane.GetValueOrDefault(lane)).OfType<Task<bool>>().Distinct().ToArray();
            var task = ProcessAfterAsync(before, message, processor, tally, ct);
            foreach (var lane in lanes)
            {
                lastOfLane[lane] = task;
            }

            all.Add(task);
        }

        var done = await Task.WhenAll(all).ConfigureAwait(false);
        return done.All(ok => ok);
    }

    private async Task<bool> ProcessAfterAsync(Task<bool>[] before, QueueMessage message, InboxProcessor processor, Tally tally, CancellationToken ct)
    {
        var ready = (await Task.WhenAll(before).ConfigureAwait(false)).All(ok => ok);
        if (!ready)
        {
            // Behind a message of the same user that failed: it waits with it for the next run.
            await ReleaseAsync(message).ConfigureAwait(false);
            return false;
        }

        try
        {
            await processor.ProcessHeldAsync(message.Body.ToString(), ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && DependencyOutage.Describe(exception) is { } dependency)
        {
            // A dependency is down: the message waits however long that lasts, never counted towards the poison queue.
            LogMessages.HeldMessageWaitsForDependency(logger, message.MessageId, dependency);
            tally.WaitForDependency();
            await outageHold.RecordQuietlyAsync(dependency, ct).ConfigureAwait(false);
            await ReleaseAsync(message).ConfigureAwait(false);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogMessages.MaintenanceHeldMessageFailed(logger, message.MessageId, message.DequeueCount, exception);
            if (message.DequeueCount < frontDoor.Value.MaxDequeueCount)
            {
                await ReleaseAsync(message).ConfigureAwait(false);
                return false;
            }

            await MoveToPoisonAsync(message, ct).ConfigureAwait(false);
            tally.Poison();
            return true; // out of the way, as the queue trigger would have it: the user's later messages go on
        }

        await held.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        tally.Process();
        return true;
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken ct)
    {
        // Copied first, then deleted: a crash in between duplicates it, never loses it.
        await held.Poison.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await InfiniteTimeToLive.SendAsync(held.Poison, message.Body, ct).ConfigureAwait(false);
        await held.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
        LogMessages.MaintenanceHeldMessagePoisoned(logger, message.MessageId, message.DequeueCount, held.Poison.Name);
    }

    // Visible again at once, so the next run takes it first; if even this fails, it reappears after its visibility timeout.
    private async Task ReleaseAsync(QueueMessage message)
    {
        try
        {
            await held.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            // It reappears after its visibility timeout.
        }
    }

    /// <summary>
    /// The identifiers of everyone a held webhook is about (its messages' senders, its identity changes' old and new
    /// identifiers): webhooks that share one are processed in order. One that cannot be read has none: it holds up
    /// nobody, and fails on its own in the processor.
    /// </summary>
    private async Task<IReadOnlyList<string>> LanesAsync(string text, CancellationToken ct)
    {
        try
        {
            var envelope = WebhookEnvelope.FromQueueText(text);
            var body = envelope.Body ?? await claimChecks.ReadAsync(envelope.Blob!, ct).ConfigureAwait(false);
            if (WebhookPayloadParser.Parse(body).Batch is not { } batch)
            {
                return [];
            }

            var identifiers = batch.Messages.Select(message => message.Sender)
                .Concat(batch.IdentityChanges.SelectMany(change => new[] { change.Previous, change.Current }));
            return [.. identifiers.SelectMany(Lanes).Distinct(StringComparer.Ordinal)];
        }
        catch (Exception exception) when (exception is InvalidDataException || StorageFailure.Is(exception))
        {
            return [];
        }
    }

    private static IEnumerable<string> Lanes(WhatsApp.UserIdentifiers identifiers)
    {
        if (identifiers.Phone is { } phone)
        {
            yield return "phone:" + phone;
        }

        if (identifiers.Bsuid is { } bsuid)
        {
            yield return "bsuid:" + bsuid;
        }
    }

    /// <summary>The maintenance window (<see cref="WindowRead.Active"/> null when none), or null when its table is down.</summary>
    private async Task<WindowRead?> ReadWindowAsync(CancellationToken ct)
    {
        try
        {
            return new WindowRead(await store.ReadAsync(ct).ConfigureAwait(false));
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && DependencyOutage.Describe(exception) is { } dependency)
        {
            await outageHold.RecordQuietlyAsync(dependency, ct).ConfigureAwait(false);
            return null;
        }
    }

    private async Task<Outage?> ReadOutageAsync(CancellationToken ct)
    {
        try
        {
            return await outages.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            return null; // the region's account is failing too: the held queue will tell
        }
    }

    private async Task ResolveOutageAsync(CancellationToken ct)
    {
        if (await outages.ResolveAsync(ct).ConfigureAwait(false) is { ResolvedAt: { } resolvedAt } resolved)
        {
            LogMessages.OutageResolved(logger, resolved.Id, resolved.Dependency, resolvedAt - resolved.FailingSince);
        }
    }

    private sealed record WindowRead(MaintenanceWindow? Active);

    private sealed class Tally
    {
        private int processed;
        private int poisoned;
        private volatile bool dependencyDown;

        public int Processed => processed;

        public int Poisoned => poisoned;

        public void Process() => Interlocked.Increment(ref processed);

        public bool DependencyDown => dependencyDown;

        public void Poison() => Interlocked.Increment(ref poisoned);

        public void WaitForDependency() => dependencyDown = true;
    }
}

/// <summary>What one run of the drain did.</summary>
/// <param name="Outcome">Why it ended.</param>
/// <param name="Processed">Held webhooks processed (duplicates skipped by the ledger included).</param>
/// <param name="Poisoned">Held webhooks moved to the inbox's poison queue after too many failed attempts.</param>
/// <param name="Remaining">What the held queue still holds (approximate).</param>
public sealed record MaintenanceDrainResult(MaintenanceDrainOutcome Outcome, int Processed, int Poisoned, long Remaining);

/// <summary>Why a run of the drain ended.</summary>
public enum MaintenanceDrainOutcome
{
    /// <summary>The held queue is empty.</summary>
    Drained,

    /// <summary>A window is active: nothing drains during one.</summary>
    WindowActive,

    /// <summary>A message failed: it and what waits behind it are tried at the next run.</summary>
    StoppedAtFailure,

    /// <summary><c>Maintenance:DrainRunDuration</c> passed; the next run goes on.</summary>
    OutOfTime,

    /// <summary>A dependency of the inbox (Cosmos DB, the app's storage account) is still down: the next run tries again.</summary>
    DependencyDown,
}
