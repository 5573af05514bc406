using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Audit;

/// <summary>
/// Every export request, link creation and download of a user (table <c>Portability:AuditTableName</c>), keyed
/// by the user's pseudonymous reference. It is the user's data too: their next export includes it, an import
/// brings it along, erasure removes it. Never holds a link or a message.
/// </summary>
public sealed class AuditTrail(StorageClients storage, IOptions<PortabilityOptions> options, TimeProvider time)
{
    private TableClient Table => storage.Tables.GetTableClient(options.Value.AuditTableName);

    public async Task RecordAsync(string waId, AuditEvent auditEvent, AuditChannel channel, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        // Sortable by time, unique across instances.
        var id = $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await WriteAsync(waId, id, auditEvent.ToWireName(), channel.ToWireName(), at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's records, oldest first, as <c>data.json</c> holds them: id, event, channel, at.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string waId, CancellationToken cancellationToken)
    {
        var records = new List<JsonObject>();
        try
        {
            var reference = UserReferences.For(waId);
            await foreach (var row in Table.QueryAsync<TableEntity>(row => row.PartitionKey == reference, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                records.Add(new JsonObject
                {
                    ["id"] = row.RowKey,
                    ["event"] = row.GetString("Event"),
                    ["channel"] = row.GetString("Channel"),
                    ["at"] = row.GetDateTimeOffset("At")?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                });
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table yet: no history.
        }

        return records;
    }

    /// <summary>Writes records from an imported archive under their own ids: importing twice changes nothing.</summary>
    public async Task ImportAsync(string waId, IEnumerable<JsonObject> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            await WriteAsync(
                waId,
                (string)record["id"]!,
                (string)record["event"]!,
                (string)record["channel"]!,
                DateTimeOffset.Parse((string)record["at"]!, CultureInfo.InvariantCulture),
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> DeleteAllAsync(string waId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        try
        {
            var reference = UserReferences.For(waId);
            await foreach (var row in Table.QueryAsync<TableEntity>(row => row.PartitionKey == reference, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await Table.DeleteEntityAsync(reference, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table: nothing to delete.
        }

        return deleted;
    }

    private async Task WriteAsync(string waId, string id, string auditEvent, string channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(UserReferences.For(waId), id) { ["Event"] = auditEvent, ["Channel"] = channel, ["At"] = at };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
