using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Incidents;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Availability.Probe;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// Processes one recorded webhook from the inbox queue: each user message is resolved to a person by the identity
/// directory and goes to a confirmation gate (an answer the backend asked for), a continuity command handler or the
/// bot's queue; each change of identifiers is applied to the directory and told to the bot; each once per wamid.
/// Delivery statuses move forward in the ledger. The directory is consulted here, after the front door's durable
/// acknowledgement, so its being slow or down never costs a message: the queue retries. Called by the Functions queue trigger and by the local host's <c>QueueInboxPump</c> (AstroBot.Continuity.Local).
/// Any other failure throws, so the queue retries the whole webhook; what was already done is skipped on the retry.
/// During a maintenance window a webhook that carries users' messages is moved to the held queue instead, and processed
/// after it by <see cref="ProcessHeldAsync"/> (Availability/Maintenance); so is a webhook whose processing failed because
/// Cosmos DB or the app's storage account is down, and everything behind it (Availability/Degradation). While an incident is open, each person who
/// writes is recorded to be told when it is resolved (Availability/Incidents).
/// </summary>
public sealed class InboxProcessor
{
    private readonly ClaimCheckStore claimChecks;
    private readonly MessageLedger ledger;
    private readonly BotQueue botQueue;
    private readonly IdentityResolver identities;
    private readonly IdentityChangeApplier identityChanges;
    private readonly Dictionary<ContinuityCommand, IContinuityCommandHandler> handlers;
    private readonly IConfirmationGate[] gates;
    private readonly ProbeInbox probes;
    private readonly MaintenanceHold maintenance;
    private readonly OutageHold outages;
    private readonly IncidentAudience incidents;
    private readonly ILogger<InboxProcessor> logger;

    public InboxProcessor(
        ClaimCheckStore claimChecks,
        MessageLedger ledger,
        BotQueue botQueue,
        IdentityResolver identities,
        IdentityChangeApplier identityChanges,
        IEnumerable<IContinuityCommandHandler> handlers,
        IEnumerable<IConfirmationGate> gates,
        ProbeInbox probes,
        MaintenanceHold maintenance,
        OutageHold outages,
        IncidentAudience incidents,
        ILogger<InboxProcessor> logger)
    {
        this.claimChecks = claimChecks;
        this.ledger = ledger;
        this.botQueue = botQueue;
        this.identities = identities;
        this.identityChanges = identityChanges;
        this.probes = probes;
        this.maintenance = maintenance;
        this.outages = outages;
        this.incidents = incidents;
        this.logger = logger;
        this.gates = [.. gates];

        // Last registration wins, as with any service a later registration overrides.
        this.handlers = [];
        foreach (var handler in handlers)
        {
            this.handlers[handler.Command] = handler;
        }
    }

    /// <summary>Processes the text of one inbox queue message (the Base64 or the decoded envelope JSON).</summary>
    /// <exception cref="InvalidDataException">The message is not a readable envelope: it will end in the poison queue.</exception>
    public Task ProcessAsync(string queueMessageText, CancellationToken ct) => ProcessAsync(queueMessageText, mayHold: true, ct);

    /// <summary>
    /// Processes a webhook the maintenance hold kept (<c>MaintenanceDrainJob</c>): as <see cref="ProcessAsync(string, CancellationToken)"/>,
    /// but never held again.
    /// </summary>
    public Task ProcessHeldAsync(string queueMessageText, CancellationToken ct) => ProcessAsync(queueMessageText, mayHold: false, ct);

    private async Task ProcessAsync(string queueMessageText, bool mayHold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queueMessageText);
        var envelope = WebhookEnvelope.FromQueueText(queueMessageText);
        var body = envelope.Body ?? await claimChecks.ReadAsync(envelope.Blob!, ct).ConfigureAwait(false);
        var parsed = WebhookPayloadParser.Parse(body);
        if (parsed.Batch is not { } batch)
        {
            throw new InvalidDataException($"A recorded webhook does not parse: {parsed.Error}");
        }

        // Maintenance mode: during a window, and after it until this region's held queue is drained, a webhook that
        // carries users' messages waits whole in the held queue (its statuses are applied now; the probe's own webhooks
        // are not held, nor is the probe told anything); see Availability/Maintenance.
        var users = batch with
        {
            Messages = [.. batch.Messages.Where(message => !probes.IsProbe(message.Sender))],
            IdentityChanges = [.. batch.IdentityChanges.Where(change => !probes.IsProbe(change))],
        };
        if (mayHold && await maintenance.DecideAsync(users, ct).ConfigureAwait(false) is { } hold)
        {
            await maintenance.HoldAsync(queueMessageText, users, hold, ct).ConfigureAwait(false);
            if (hold.Window is null)
            {
                await outages.NotifyIfDeclaredAsync(users.Messages, ct).ConfigureAwait(false); // held behind an outage's backlog
            }

            await ApplyStatusesOfHeldAsync(batch, ct).ConfigureAwait(false);
            return; // the claim-check blob stays: the held copy points at it
        }

        try
        {
            await ProcessBatchAsync(batch, envelope.ReceivedAt, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (mayHold && !ct.IsCancellationRequested && DependencyOutage.Describe(exception) is { } dependency)
        {
            // A dependency is down: park the webhook rather than fail it, so its dequeue count is not spent waiting.
            await outages.ParkAsync(queueMessageText, users, dependency, ct).ConfigureAwait(false);
            return; // the claim-check blob stays: the held copy points at it
        }

        // Only now: a retry after a crash above still finds the body.
        if (envelope.Blob is { } blob)
        {
            await claimChecks.DeleteAsync(blob, ct).ConfigureAwait(false);
        }
    }

    private async Task ProcessBatchAsync(WebhookBatch batch, DateTimeOffset receivedAt, CancellationToken ct)
    {
        foreach (var message in batch.Messages)
        {
            // The availability probe's user, by its identifiers: recorded only, never the directory, the bot or a reply.
            if (probes.IsProbe(message.Sender))
            {
                await probes.RecordAsync(message, ct).ConfigureAwait(false);
                continue;
            }

            await ProcessMessageAsync(message, receivedAt, ct).ConfigureAwait(false);
        }

        foreach (var change in batch.IdentityChanges)
        {
            if (probes.IsProbe(change))
            {
                probes.Ignore(change);
                continue;
            }

            await ProcessIdentityChangeAsync(change, receivedAt, ct).ConfigureAwait(false);
        }

        await ApplyStatusesAsync(batch, ct).ConfigureAwait(false);
    }

    // A held webhook's statuses are applied now, after the hold, so that a failure here cannot hold it twice: when the
    // ledger is what is down, they wait for the drain, which applies them with the webhook (moving forward only).
    private async Task ApplyStatusesOfHeldAsync(WebhookBatch batch, CancellationToken ct)
    {
        try
        {
            await ApplyStatusesAsync(batch, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && DependencyOutage.Describe(exception) is { } dependency)
        {
            LogMessages.StatusesDeferred(logger, dependency);
        }
    }

    private async Task ApplyStatusesAsync(WebhookBatch batch, CancellationToken ct)
    {
        foreach (var status in batch.Statuses)
        {
            var change = await ledger.ApplyStatusAsync(status, ct).ConfigureAwait(false);
            LogMessages.InboxStatusApplied(logger, status.Wamid, status.Status, change.Applied, change.Current);
        }

        foreach (var error in batch.Errors)
        {
            LogMessages.InboxMetaErrorReported(logger, error.Code);
        }
    }

    private Task ProcessMessageAsync(InboundMessage message, DateTimeOffset receivedAt, CancellationToken ct) =>
        OnceAsync(message.Wamid, async () =>
        {
            var person = await identities.ResolveAsync(message.Sender, message.Timestamp, ct).ConfigureAwait(false);
            if (message.Sender.Bsuid is { } bsuid && !BsuidFormat.IsDocumented(bsuid))
            {
                LogMessages.IdentityUndocumentedBsuid(logger, message.Wamid);
            }

            // What this message says wins; the directory fills in a phone number Meta left out (Meta advises sending to it).
            var sender = new MessageSender(person.UserKey, message.Sender.Merge(person.Current).ReplyAddress!);

            // During an incident, whoever writes is told when it is resolved (never thrown: it cannot cost the message).
            await incidents.RecordAsync(sender, message.Wamid, ct).ConfigureAwait(false);
            var lastInboundAt = await ledger.RecordInboundAsync(sender.UserKey, message.Timestamp, ct).ConfigureAwait(false);
            await RouteAsync(message, sender, receivedAt, lastInboundAt, ct).ConfigureAwait(false);
        }, ct);

    private Task ProcessIdentityChangeAsync(IdentityChange change, DateTimeOffset receivedAt, CancellationToken ct) =>
        OnceAsync(change.Wamid, async () =>
        {
            // A redelivery after a crash re-applies (changing nothing) and tells the bot again: it dedupes by wamid.
            if (await identityChanges.ApplyAsync(change, ct).ConfigureAwait(false) is { } applied)
            {
                await botQueue.EnqueueAsync(BotIdentityChanged.Create(change, applied.Person, receivedAt), ct).ConfigureAwait(false);
            }
        }, ct);

    /// <summary>
    /// Does <paramref name="work"/> for the wamid once across its deliveries: under the ledger's claim (another live
    /// delivery of it, in this region or the other, waits, then skips it), marked done after; a failure gives the claim
    /// back so the queue's retry goes on at once.
    /// </summary>
    private async Task OnceAsync(string wamid, Func<Task> work, CancellationToken ct)
    {
        var claimant = Guid.NewGuid().ToString("N");
        if (!await ledger.ClaimAsync(wamid, claimant, ct).ConfigureAwait(false))
        {
            LogMessages.InboxMessageDuplicate(logger, wamid);
            return;
        }

        try
        {
            await work().ConfigureAwait(false);
        }
        catch
        {
            await ReleaseQuietlyAsync(wamid, claimant).ConfigureAwait(false);
            throw;
        }

        // Marked only after the work succeeded. Marking first would lose the message if we crashed before doing it;
        // this order can do it twice instead, when a delivery dies between work and mark (its claim lapses and another
        // takes over) or works for longer than its claim, which is why the bot's contract and the command handlers are
        // idempotent by wamid. Two live deliveries never both do it: the claim orders them.
        if (!await ledger.MarkProcessedAsync(wamid, ct).ConfigureAwait(false))
        {
            LogMessages.InboxMessageRacedDuplicate(logger, wamid);
        }
    }

    private async Task ReleaseQuietlyAsync(string wamid, string claimant)
    {
        try
        {
            await ledger.ReleaseAsync(wamid, claimant, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            // Storage is failing: the claim lapses by itself after FrontDoor:ClaimDuration.
        }
    }

    private async Task RouteAsync(InboundMessage message, MessageSender sender, DateTimeOffset receivedAt, DateTimeOffset lastInboundAt, CancellationToken ct)
    {
        // An answer the backend asked for (YES to EXPORT) is taken before parsing; anything else passes on.
        foreach (var gate in gates)
        {
            if (await gate.InspectAsync(message, sender, lastInboundAt, ct).ConfigureAwait(false) == ConfirmationGateResult.Consumed)
            {
                return;
            }
        }

        if (ContinuityCommandParser.Parse(message) is { } command && handlers.TryGetValue(command, out var handler))
        {
            await handler.HandleAsync(new ContinuityCommandRequest(command, message, sender, lastInboundAt), ct).ConfigureAwait(false);
            LogMessages.InboxCommandHandled(logger, message.Wamid, command);
            return;
        }

        await botQueue.EnqueueAsync(BotInboundMessage.Create(message, sender, receivedAt), ct).ConfigureAwait(false);
        LogMessages.InboxMessageRoutedToBot(logger, message.Wamid, message.Type);
    }
}
