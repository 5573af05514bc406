using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Catalog;

/// <summary>
/// The table of backups (<c>Backup:CatalogTableName</c>): one row per backup, partitioned by database, keyed by
/// backup id (which sorts by start time). <c>continuity backup list</c>, <c>status</c> and the HTTP status read it.
/// </summary>
public sealed class BackupCatalog(BackupStorage storage)
{
    private TableClient Table => storage.Catalog;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task AddAsync(BackupCatalogEntry entry, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Table.AddEntityAsync(CatalogRow.From(entry), cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveAsync(BackupCatalogEntry entry, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(CatalogRow.From(entry), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task<BackupCatalogEntry?> FindAsync(string database, string backupId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(database, backupId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? CatalogRow.ToEntry(row.Value!) : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every backup of <paramref name="database"/>, oldest first (by start time).</summary>
    public async Task<IReadOnlyList<BackupCatalogEntry>> ListAsync(string database, CancellationToken cancellationToken)
    {
        var entries = new List<BackupCatalogEntry>();
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(row => row.PartitionKey == database, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(CatalogRow.ToEntry(row));
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return [];
        }

        // Ids name the second; two backups started within one second are told apart by their start time.
        return [.. entries.OrderBy(entry => entry.StartedAt).ThenBy(entry => entry.BackupId, StringComparer.Ordinal)];
    }
}
