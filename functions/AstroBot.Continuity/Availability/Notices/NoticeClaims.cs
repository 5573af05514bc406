using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Availability.Notices;

/// <summary>
/// Who was told what, so a notice goes to each user once per occasion (a maintenance window, an outage): rows
/// <c>({prefix}{occasion id}, SHA-256 of the user key)</c> in <paramref name="table"/>, claimed by one delivery for
/// <paramref name="claimDuration"/> (in any process or region that shares the table), then marked sent. Hashed: a row
/// needs to tell users apart, not to name them. A claim whose holder died lapses and can be taken over.
/// </summary>
public sealed class NoticeClaims(TableClient table, string prefix, TimeSpan claimDuration, TimeProvider time)
{
    private const string ClaimedByField = "ClaimedBy";
    private const string ClaimedUntilField = "ClaimedUntil";
    private const string SentAtField = "SentAt";

    /// <summary>
    /// Claims the notice of <paramref name="occasionId"/> to <paramref name="userKey"/> for this delivery
    /// (<paramref name="claimant"/>): false when it was sent, or another delivery holds the claim.
    /// </summary>
    public async Task<bool> TryClaimAsync(string occasionId, string userKey, string claimant, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        var row = await table.ConditionalWriteAsync(partition, rowKey, current =>
        {
            var now = time.GetUtcNow();
            return current?.GetDateTimeOffset(SentAtField) is not null || current?.GetDateTimeOffset(ClaimedUntilField) > now
                ? null // sent, or another delivery's claim holds
                : new TableEntity(partition, rowKey) { [ClaimedByField] = claimant, [ClaimedUntilField] = now + claimDuration };
        }, ct).ConfigureAwait(false);
        return row?.GetDateTimeOffset(SentAtField) is null && row?.GetString(ClaimedByField) == claimant;
    }

    /// <summary>Records the notice as sent (whoever holds the claim: sending is what counts).</summary>
    public Task MarkSentAsync(string occasionId, string userKey, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        return table.UpsertEntityAsync(new TableEntity(partition, rowKey) { [SentAtField] = time.GetUtcNow() }, TableUpdateMode.Replace, ct);
    }

    /// <summary>Gives the claim back after a failed send, so the user's next message (or its redelivery) tries again.</summary>
    public async Task ReleaseAsync(string occasionId, string userKey, string claimant, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct).ConfigureAwait(false);
        if (read.HasValue && read.Value!.GetString(ClaimedByField) == claimant && read.Value.GetDateTimeOffset(SentAtField) is null)
        {
            try
            {
                await table.DeleteEntityAsync(partition, rowKey, read.Value.ETag, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Taken over or gone meanwhile: nothing to give back.
            }
        }
    }

    /// <summary>True when the notice of <paramref name="occasionId"/> to <paramref name="userKey"/> was sent.</summary>
    public async Task<bool> WasSentAsync(string occasionId, string userKey, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, [SentAtField], ct).ConfigureAwait(false);
        return read.HasValue && read.Value!.GetDateTimeOffset(SentAtField) is not null;
    }

    /// <summary>How many users got the notice of <paramref name="occasionId"/> (one partition's rows).</summary>
    public async Task<long> CountSentAsync(string occasionId, CancellationToken ct)
    {
        long count = 0;
        try
        {
            var rows = table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {prefix + occasionId}"), select: [SentAtField], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                if (row.GetDateTimeOffset(SentAtField) is not null)
                {
                    count++;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nobody was told anything.
        }

        return count;
    }

    private (string Partition, string Row) Keys(string occasionId, string userKey) =>
        (prefix + occasionId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userKey))));
}
