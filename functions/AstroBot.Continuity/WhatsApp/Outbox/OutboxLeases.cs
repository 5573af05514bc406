using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>
/// One drain at a time per user, across regions: a lease row in the user's partition, taken and renewed with a conditional
/// write (<see cref="ConditionalTableWrite"/>) for <c>Outbox:LeaseDuration</c>, and deleted when the drain is done with
/// the user. A drain that crashed leaves its lease to lapse; another one takes over then.
/// </summary>
public sealed class OutboxLeases(StorageClients storage, IOptions<OutboxOptions> options, TimeProvider time)
{
    private const string HeldByField = "HeldBy";
    private const string HeldUntilField = "HeldUntil";

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.TableName);
    private readonly TimeSpan duration = options.Value.LeaseDuration;

    /// <summary>Takes the lease of <paramref name="partition"/> for <paramref name="holder"/>, or renews it when it is theirs already.</summary>
    /// <returns>False when another drain holds it.</returns>
    public async Task<bool> TryTakeAsync(string partition, string holder, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var row = await table.ConditionalWriteAsync(partition, OutboxKeys.LeaseRow, current =>
            current?.GetDateTimeOffset(HeldUntilField) > now && current.GetString(HeldByField) != holder
                ? null // another drain's, still running
                : new TableEntity(partition, OutboxKeys.LeaseRow) { [HeldByField] = holder, [HeldUntilField] = now + duration },
            ct).ConfigureAwait(false);
        return row?.GetString(HeldByField) == holder;
    }

    /// <summary>Gives the lease up, if it is still <paramref name="holder"/>'s; best effort (it lapses otherwise).</summary>
    public async Task ReleaseAsync(string partition, string holder, CancellationToken ct)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, OutboxKeys.LeaseRow, cancellationToken: ct).ConfigureAwait(false);
            if (row.HasValue && row.Value!.GetString(HeldByField) == holder)
            {
                await table.DeleteEntityAsync(partition, OutboxKeys.LeaseRow, row.Value.ETag, ct).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone, or taken over after it lapsed: not ours to delete.
        }
    }
}
