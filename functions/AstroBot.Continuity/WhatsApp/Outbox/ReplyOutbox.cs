using AstroBot.Continuity.Storage;
using AstroBot.Continuity.WhatsApp.Graph;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>
/// Where replies wait while the Graph API is down: a table in the app account both regions share
/// (<see cref="StorageClients.Tables"/>, the message ledger's account), so either region's drain sends them. One partition
/// per user (their pseudonym, <see cref="OutboxKeys"/>), replies in the order they were appended; entries never expire.
/// The table is created at start-up, and again by the first append if it went missing.
/// </summary>
public sealed class ReplyOutbox(StorageClients storage, IOptions<OutboxOptions> options, TimeProvider time)
{
    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.TableName);

    /// <summary>The outbox table's name.</summary>
    public string TableName => table.Name;

    /// <summary>Creates the table when it is missing; called once at start-up.</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => table.CreateIfNotExistsAsync(ct);

    /// <summary>Appends <paramref name="reply"/> behind whatever waits for <paramref name="userKey"/>.</summary>
    public Task AppendAsync(string userKey, OutboundMessage reply, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        AppendAsync(userKey, reply, lastInboundAt, onlyBehindWaiting: false, ct);

    /// <summary>Appends <paramref name="reply"/> only when something already waits for <paramref name="userKey"/>, so nothing overtakes it.</summary>
    /// <returns>True when appended; false when nothing waits (send it now).</returns>
    public Task<bool> AppendIfWaitingAsync(string userKey, OutboundMessage reply, DateTimeOffset? lastInboundAt, CancellationToken ct) =>
        AppendAsync(userKey, reply, lastInboundAt, onlyBehindWaiting: true, ct);

    /// <summary>The oldest waiting replies of one user's partition, at most <paramref name="max"/>.</summary>
    internal async Task<IReadOnlyList<OutboxEntry>> ReadWaitingAsync(string partition, int max, CancellationToken ct)
    {
        var entries = new List<OutboxEntry>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(OutboxKeys.WaitingIn(partition), maxPerPage: max, cancellationToken: ct).ConfigureAwait(false))
            {
                entries.Add(OutboxEntry.From(row));
                if (entries.Count == max)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing waits.
        }

        return entries;
    }

    /// <summary>Removes a reply Meta accepted (or one that can never be sent).</summary>
    internal async Task DeleteAsync(OutboxEntry entry, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(entry.Partition, entry.RowKey, ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already (erased meanwhile).
        }
    }

    /// <summary>
    /// Sets a reply aside: copied to its parked row with <paramref name="reason"/> (no personal data), then removed from
    /// the waiting ones, so the user's later replies go on. A crash in between leaves both; the next drain parks it again.
    /// </summary>
    internal async Task ParkAsync(OutboxEntry entry, string reason, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(entry.Parked(OutboxKeys.ParkedRow(entry.RowKey), reason, time.GetUtcNow()), ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Parked by an earlier run that stopped before the delete.
        }

        await DeleteAsync(entry, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes everything the outbox holds for <paramref name="userKey"/> (erasure): waiting and parked replies alike.</summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> DiscardAsync(string userKey, CancellationToken ct)
    {
        var partition = OutboxKeys.PartitionOf(userKey);
        var deleted = 0;
        try
        {
            var rows = table.QueryAsync<TableEntity>(OutboxKeys.All(partition), select: [nameof(TableEntity.RowKey)], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                await DeleteAsync(OutboxEntry.From(new TableEntity(partition, row.RowKey)), ct).ConfigureAwait(false);
                deleted++;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing held.
        }

        return deleted;
    }

    /// <summary>Every user the outbox holds something for, those whose oldest reply has waited longest first.</summary>
    internal async Task<IReadOnlyList<WaitingUser>> ReadUsersAsync(CancellationToken ct)
    {
        var users = new Dictionary<string, WaitingUser>(StringComparer.Ordinal);
        try
        {
            var rows = table.QueryAsync<TableEntity>(select: [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey)], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                var user = users.GetValueOrDefault(row.PartitionKey) ?? new WaitingUser(row.PartitionKey, 0, 0, null);
                if (OutboxKeys.IsWaiting(row.RowKey))
                {
                    // Rows come in key order: a partition's first waiting row is its oldest.
                    user = user with { Waiting = user.Waiting + 1, OldestWaitingSince = user.OldestWaitingSince ?? SinceOf(row.RowKey) };
                }
                else if (OutboxKeys.IsParked(row.RowKey))
                {
                    user = user with { Parked = user.Parked + 1 };
                }

                users[row.PartitionKey] = user;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing held.
        }

        return [.. users.Values.Where(user => user.Waiting + user.Parked > 0).OrderBy(user => user.OldestWaitingSince ?? DateTimeOffset.MaxValue)];
    }

    /// <summary>What the outbox holds, for operators.</summary>
    public async Task<OutboxStatus> ReadStatusAsync(CancellationToken ct)
    {
        var users = await ReadUsersAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var oldest = users.Select(user => user.OldestWaitingSince).Min();
        return new OutboxStatus(
            now,
            table.Name,
            users.Sum(user => (long)user.Waiting),
            users.Count(user => user.Waiting > 0),
            oldest,
            now - oldest,
            users.Sum(user => (long)user.Parked));
    }

    private async Task<bool> AppendAsync(string userKey, OutboundMessage reply, DateTimeOffset? lastInboundAt, bool onlyBehindWaiting, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        ArgumentNullException.ThrowIfNull(reply);
        var partition = OutboxKeys.PartitionOf(userKey);
        var last = await LastWaitingTicksAsync(partition, ct).ConfigureAwait(false);
        if (last is null && onlyBehindWaiting)
        {
            return false;
        }

        // Behind the last one even when this region's clock is behind the region that appended it.
        var now = time.GetUtcNow();
        var row = OutboxEntry.NewRow(partition, OutboxKeys.WaitingRow(Math.Max(now.UtcTicks, (last ?? 0) + 1)), userKey, reply, lastInboundAt, now);
        try
        {
            await table.AddEntityAsync(row, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            await table.AddEntityAsync(row, ct).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<long?> LastWaitingTicksAsync(string partition, CancellationToken ct)
    {
        long? last = null;
        try
        {
            var rows = table.QueryAsync<TableEntity>(OutboxKeys.WaitingIn(partition), select: [nameof(TableEntity.RowKey)], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                last = OutboxKeys.TicksOf(row.RowKey) ?? last;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table yet: nothing waits
        }

        return last;
    }

    private static DateTimeOffset? SinceOf(string rowKey) =>
        OutboxKeys.TicksOf(rowKey) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}
