using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Availability.Notices;

/// <summary>
/// Who was told what, so a notice goes to each user once per occasion (a maintenance window, an outage): rows
/// <c>({prefix}{occasion id}, SHA-256 of the user key)</c> in <paramref name="table"/>, each a <see cref="OnceClaim"/>:
/// claimed by one delivery for <paramref name="claimDuration"/> (in any process or region that shares the table), then
/// marked sent. Hashed: a row needs to tell users apart, not to name them.
/// </summary>
public sealed class NoticeClaims(TableClient table, string prefix, TimeSpan claimDuration, TimeProvider time)
{
    /// <summary>
    /// Claims the notice of <paramref name="occasionId"/> to <paramref name="userKey"/> for this delivery
    /// (<paramref name="claimant"/>): false when it was sent, or another delivery holds the claim.
    /// </summary>
    public Task<bool> TryClaimAsync(string occasionId, string userKey, string claimant, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        return table.TryClaimAsync(partition, rowKey, claimant, time, claimDuration, ct);
    }

    /// <summary>Records the notice as sent (whoever holds the claim: sending is what counts).</summary>
    public Task MarkSentAsync(string occasionId, string userKey, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        return table.MarkDoneAsync(partition, rowKey, time, ct);
    }

    /// <summary>Gives the claim back after a failed send, so the user's next message (or its redelivery) tries again.</summary>
    public Task ReleaseAsync(string occasionId, string userKey, string claimant, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        return table.ReleaseAsync(partition, rowKey, claimant, deleteRow: true, ct);
    }

    /// <summary>True when the notice of <paramref name="occasionId"/> to <paramref name="userKey"/> was sent.</summary>
    public async Task<bool> WasSentAsync(string occasionId, string userKey, CancellationToken ct)
    {
        var (partition, rowKey) = Keys(occasionId, userKey);
        var read = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, [OnceClaim.SentAtField], ct).ConfigureAwait(false);
        return read.HasValue && OnceClaim.IsDone(read.Value);
    }

    /// <summary>How many users got the notice of <paramref name="occasionId"/> (one partition's rows).</summary>
    public async Task<long> CountSentAsync(string occasionId, CancellationToken ct)
    {
        long count = 0;
        try
        {
            var rows = table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {prefix + occasionId}"), select: [OnceClaim.SentAtField], cancellationToken: ct);
            await foreach (var row in rows.ConfigureAwait(false))
            {
                count += OnceClaim.IsDone(row) ? 1 : 0;
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
