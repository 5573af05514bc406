using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Storage;

/// <summary>
/// Something done once per row across regions and retries (a notice to one user): a delivery claims the row for a while
/// (<c>ClaimedBy</c>, <c>ClaimedUntil</c>), does the work, then marks it done (<c>SentAt</c>, replacing the row: whatever
/// else it held, such as whom to tell, is gone once told). A claim whose holder died lapses and can be taken over; a
/// failed attempt gives its claim back. The maintenance notices and the incident notices use it.
/// </summary>
public static class OnceClaim
{
    /// <summary>The field that marks the row done.</summary>
    public const string SentAtField = "SentAt";

    private const string ClaimedByField = "ClaimedBy";
    private const string ClaimedUntilField = "ClaimedUntil";

    /// <summary>True when the row is marked done.</summary>
    public static bool IsDone(TableEntity? row) => row?.GetDateTimeOffset(SentAtField) is not null;

    /// <summary>True when the row is neither done nor claimed by a delivery whose claim still holds at <paramref name="now"/>.</summary>
    public static bool IsFree(TableEntity? row, DateTimeOffset now) => !IsDone(row) && !(row?.GetDateTimeOffset(ClaimedUntilField) > now);

    /// <summary>
    /// Claims the row for <paramref name="claimant"/> until <paramref name="now"/> + <paramref name="duration"/>, keeping
    /// its other fields (a missing row is created): false when it is done, or another claim holds.
    /// </summary>
    public static async Task<bool> TryClaimAsync(
        this TableClient table, string partitionKey, string rowKey, string claimant, TimeProvider time, TimeSpan duration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(time);
        var row = await table.ConditionalWriteAsync(partitionKey, rowKey, current =>
        {
            var now = time.GetUtcNow();
            if (!IsFree(current, now))
            {
                return null; // done, or another delivery's claim holds
            }

            var claimed = new TableEntity(partitionKey, rowKey);
            foreach (var (field, value) in current ?? new TableEntity())
            {
                if (field is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                {
                    claimed[field] = value;
                }
            }

            claimed[ClaimedByField] = claimant;
            claimed[ClaimedUntilField] = now + duration;
            return claimed;
        }, ct).ConfigureAwait(false);
        return !IsDone(row) && row?.GetString(ClaimedByField) == claimant;
    }

    /// <summary>Marks the row done now (whoever holds the claim: doing it is what counts), dropping every other field.</summary>
    public static Task MarkDoneAsync(this TableClient table, string partitionKey, string rowKey, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(time);
        return table.UpsertEntityAsync(new TableEntity(partitionKey, rowKey) { [SentAtField] = time.GetUtcNow() }, TableUpdateMode.Replace, ct);
    }

    /// <summary>
    /// Gives <paramref name="claimant"/>'s claim back after a failed attempt, so the next one goes on at once.
    /// <paramref name="deleteRow"/>: the row only held the claim (remove it); otherwise only the claim's fields go.
    /// </summary>
    public static async Task ReleaseAsync(this TableClient table, string partitionKey, string rowKey, string claimant, bool deleteRow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct).ConfigureAwait(false);
        if (!read.HasValue || read.Value!.GetString(ClaimedByField) != claimant || IsDone(read.Value))
        {
            return;
        }

        try
        {
            if (deleteRow)
            {
                await table.DeleteEntityAsync(partitionKey, rowKey, read.Value.ETag, ct).ConfigureAwait(false);
            }
            else
            {
                read.Value.Remove(ClaimedByField);
                read.Value.Remove(ClaimedUntilField);
                await table.UpdateEntityAsync(read.Value, read.Value.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over or gone meanwhile: nothing to give back.
        }
    }
}
