using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Outbox;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// The inbox's memory, one table with three kinds of rows, each partitioned by its own id:
/// <list type="bullet">
/// <item><c>(wamid, "inbound")</c>: the user's message is being processed by one delivery (claimed, for a while) or
/// was routed; another delivery, in this region or the other, waits for the claim or skips it.</item>
/// <item><c>(user key, "contact")</c>: when the person last wrote, for WhatsApp's 24 h customer service window.</item>
/// <item><c>(wamid, "outbound")</c>: the furthest delivery status of a message the bot sent.</item>
/// </list>
/// Rows that only move forward are updated under the row's ETag, so concurrent webhooks never move them back.
/// Maintenance mode keeps its window and notices in the same table, under keys of its own (<c>MaintenanceStore</c>).
/// </summary>
public sealed class MessageLedger(StorageClients storage, IOptions<FrontDoorOptions> options, TimeProvider time) : ILastInboundLookup
{
    private const string InboundRow = "inbound";
    private const string ContactRow = "contact";
    private const string OutboundRow = "outbound";
    private const string ProcessedAtField = "ProcessedAt";
    private const string ClaimedByField = "ClaimedBy";
    private const string ClaimedUntilField = "ClaimedUntil";
    private const string LastInboundAtField = "LastInboundAt";
    private const string StatusField = "Status";
    private const string StatusAtField = "StatusAt";
    private const string ErrorCodeField = "ErrorCode";

    // How often a delivery waiting for another's claim looks again.
    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromSeconds(1);

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.LedgerTableName);
    private readonly TimeSpan claimDuration = options.Value.ClaimDuration;

    /// <summary>Creates the table when it is missing; called once at start-up.</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => table.CreateIfNotExistsAsync(ct);

    /// <summary>True when the user's message <paramref name="wamid"/> was already routed.</summary>
    public async Task<bool> IsProcessedAsync(string wamid, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKey.Escape(wamid), InboundRow, [ProcessedAtField], ct)
            .ConfigureAwait(false);
        return row.HasValue && row.Value!.GetDateTimeOffset(ProcessedAtField) is not null;
    }

    /// <summary>
    /// Claims the user's message <paramref name="wamid"/> for this delivery (<paramref name="claimant"/>) for
    /// <c>FrontDoor:ClaimDuration</c>, so two deliveries of one webhook (Meta's duplicates, or one acknowledged in each
    /// region around a failover) never route it both. While another delivery holds it, this waits: until that one marks
    /// it routed (false: skip it) or its claim lapses (it died: this one takes over).
    /// </summary>
    /// <returns>True: route it, then <see cref="MarkProcessedAsync"/>. False: it was routed already.</returns>
    public async Task<bool> ClaimAsync(string wamid, string claimant, CancellationToken ct)
    {
        var partitionKey = LedgerKey.Escape(wamid);
        while (true)
        {
            var now = time.GetUtcNow();
            var row = await table.ConditionalWriteAsync(partitionKey, InboundRow, current =>
                current?.GetDateTimeOffset(ProcessedAtField) is not null || (current?.GetDateTimeOffset(ClaimedUntilField) > now && current.GetString(ClaimedByField) != claimant)
                    ? null // routed, or another delivery's claim holds: leave it
                    : new TableEntity(partitionKey, InboundRow) { [ClaimedByField] = claimant, [ClaimedUntilField] = now + claimDuration },
                ct).ConfigureAwait(false);
            if (row!.GetDateTimeOffset(ProcessedAtField) is not null)
            {
                return false;
            }

            if (row.GetString(ClaimedByField) == claimant)
            {
                return true;
            }

            var heldFor = row.GetDateTimeOffset(ClaimedUntilField)!.Value - now;
            await Task.Delay(heldFor < ClaimPollInterval ? heldFor : ClaimPollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Gives up this delivery's claim after routing failed, so its retry, or the other delivery, goes on at once.</summary>
    public async Task ReleaseAsync(string wamid, string claimant, CancellationToken ct)
    {
        var partitionKey = LedgerKey.Escape(wamid);
        await table.ConditionalWriteAsync(partitionKey, InboundRow, current =>
            current?.GetString(ClaimedByField) == claimant && current.GetDateTimeOffset(ProcessedAtField) is null
                ? new TableEntity(partitionKey, InboundRow) { [ClaimedUntilField] = time.GetUtcNow() } // lapsed (Azure Tables refuses dates before 1601)
                : null,
            ct).ConfigureAwait(false);
    }

    /// <summary>Marks the user's message routed.</summary>
    /// <returns>False when it was already marked, by a delivery whose claim lapsed while it was still routing.</returns>
    public async Task<bool> MarkProcessedAsync(string wamid, CancellationToken ct)
    {
        var partitionKey = LedgerKey.Escape(wamid);
        var marked = false;
        await table.ConditionalWriteAsync(partitionKey, InboundRow, current =>
        {
            marked = current?.GetDateTimeOffset(ProcessedAtField) is null;
            return marked ? new TableEntity(partitionKey, InboundRow) { [ProcessedAtField] = time.GetUtcNow() } : null;
        }, ct).ConfigureAwait(false);
        return marked;
    }

    /// <summary>Remembers that <paramref name="waId"/> wrote at <paramref name="at"/>, unless a later message is known.</summary>
    /// <returns>The latest time the user is known to have written.</returns>
    public async Task<DateTimeOffset> RecordInboundAsync(string waId, DateTimeOffset at, CancellationToken ct)
    {
        var row = await table.ConditionalWriteAsync(
            LedgerKey.Escape(waId),
            ContactRow,
            current => current?.GetDateTimeOffset(LastInboundAtField) >= at
                ? null
                : new TableEntity(LedgerKey.Escape(waId), ContactRow) { [LastInboundAtField] = at },
            ct).ConfigureAwait(false);
        return row?.GetDateTimeOffset(LastInboundAtField) ?? at;
    }

    /// <summary>Forgets when <paramref name="waId"/> last wrote (erasure).</summary>
    public async Task ForgetContactAsync(string waId, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(LedgerKey.Escape(waId), ContactRow, ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Never wrote, or already forgotten.
        }
    }

    /// <summary>When <paramref name="waId"/> last wrote, or null when the ledger has never seen them.</summary>
    public async Task<DateTimeOffset?> GetLastInboundAtAsync(string waId, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKey.Escape(waId), ContactRow, cancellationToken: ct)
            .ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetDateTimeOffset(LastInboundAtField) : null;
    }

    /// <summary>
    /// Moves the delivery status of the bot's message forward: sent, delivered, read. A status never moves back
    /// (read then delivered stays read) and failed is terminal, whatever order Meta's webhooks arrive in.
    /// </summary>
    public async Task<DeliveryStatusChange> ApplyStatusAsync(MessageStatusUpdate update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(update);
        var key = LedgerKey.Escape(update.Wamid);
        var applied = false;
        var row = await table.ConditionalWriteAsync(
            key,
            OutboundRow,
            current =>
            {
                applied = Supersedes(StatusOf(current), update.Status);
                return applied ? StatusRow(key, update) : null;
            },
            ct).ConfigureAwait(false);
        return new DeliveryStatusChange(applied, StatusOf(row) ?? update.Status);
    }

    /// <summary>The furthest delivery status known for the bot's message, or null when none arrived.</summary>
    public async Task<MessageStatus?> GetStatusAsync(string wamid, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(LedgerKey.Escape(wamid), OutboundRow, cancellationToken: ct)
            .ConfigureAwait(false);
        return row.HasValue ? StatusOf(row.Value) : null;
    }

    /// <summary>
    /// Deletes every row not written since <paramref name="untouchedSince"/> (the table's own last-write time).
    /// A row written meanwhile is kept: the delete is conditional on the ETag that was read.
    /// </summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> PruneAsync(DateTimeOffset untouchedSince, CancellationToken ct)
    {
        var pruned = 0;
        var stale = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Timestamp lt {untouchedSince}"),
            select: [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey)],
            cancellationToken: ct);
        await foreach (var row in stale.ConfigureAwait(false))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct).ConfigureAwait(false);
                pruned++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Deleted or written by someone else since the query: nothing to do.
            }
        }

        return pruned;
    }

    private static bool Supersedes(MessageStatus? current, MessageStatus next) =>
        current switch
        {
            null => true,
            MessageStatus.Failed => false,
            _ => next > current,
        };

    private static MessageStatus? StatusOf(TableEntity? row) =>
        row?.GetInt32(StatusField) is { } status ? (MessageStatus)status : null;

    private static TableEntity StatusRow(string key, MessageStatusUpdate update)
    {
        var row = new TableEntity(key, OutboundRow)
        {
            [StatusField] = (int)update.Status,
            [StatusAtField] = update.Timestamp,
        };
        if (update.Errors.Count > 0)
        {
            row[ErrorCodeField] = update.Errors[0].Code;
        }

        return row;
    }
}
