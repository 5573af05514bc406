using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Erasure;

/// <summary>
/// Erases a person for good (invariant 4), by their stable key, so whichever phone number or BSUID they asked from,
/// everything they ever had goes: first the erasure journal, naming their backup key (so even if this stops half-way,
/// no restore brings them back and a rerun finishes the job), then every live item in every container, then their
/// backup key (crypto-shredding; the copies of it inside backups are never used again, since the journal names it),
/// their audit trail, the ledger's note of when
/// they last wrote and whatever waits for them in the reply outbox (texts, export links), and last their identity directory
/// record and links (last, so a rerun still finds the same key).
/// </summary>
public sealed class UserEraser(
    CosmosClient cosmos,
    IOptions<CosmosOptions> options,
    ErasureJournal journal,
    UserKeyStore userKeys,
    AuditTrail audit,
    MessageLedger ledger,
    ReplyOutbox outbox,
    IdentityEraser identities)
{
    /// <param name="waId">The person's stable key (the <c>wa_id</c> of their data).</param>
    /// <param name="cancellationToken">Cancels the work; a rerun finishes it.</param>
    public async Task<ErasureReport> EraseAsync(string waId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waId);
        // The journal names the key about to be destroyed: backups keep copies of it, which no restore may use.
        var keyId = await userKeys.FindKeyIdAsync(waId, cancellationToken).ConfigureAwait(false);
        await journal.RecordAsync(waId, keyId, cancellationToken).ConfigureAwait(false);
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var definition in BotDataModel.Containers)
        {
            deleted[definition.Name] = await DeleteItemsAsync(cosmos.GetContainer(options.Value.DatabaseName, definition.Name), waId, cancellationToken).ConfigureAwait(false);
        }

        var destroyedKeyId = await userKeys.DestroyAsync(waId, cancellationToken).ConfigureAwait(false);
        if (destroyedKeyId is not null && destroyedKeyId != keyId)
        {
            // A key made after the journal was written (a backup run meeting the user's last items): named too.
            await journal.RecordAsync(waId, destroyedKeyId, cancellationToken).ConfigureAwait(false);
        }

        var auditDeleted = await audit.DeleteAllAsync(waId, cancellationToken).ConfigureAwait(false);
        await ledger.ForgetContactAsync(waId, cancellationToken).ConfigureAwait(false);
        await outbox.DiscardAsync(waId, cancellationToken).ConfigureAwait(false);
        var identifiers = await identities.EraseAsync(waId, cancellationToken).ConfigureAwait(false);
        return new ErasureReport(deleted, destroyedKeyId is not null, auditDeleted, identifiers);
    }

    private static async Task<int> DeleteItemsAsync(Container container, string waId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.wa_id = @waId").WithParameter("@waId", waId);
        using (var iterator = container.GetItemQueryStreamIterator(query, null, new QueryRequestOptions { PartitionKey = new PartitionKey(waId), MaxItemCount = 500 }))
        {
            while (iterator.HasMoreResults)
            {
                using var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                page.EnsureSuccessStatusCode();
                using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                ids.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray().Select(item => item.GetProperty("id").GetString()!));
            }
        }

        foreach (var id in ids)
        {
            using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(waId), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                response.EnsureSuccessStatusCode();
            }
        }

        return ids.Count;
    }
}
