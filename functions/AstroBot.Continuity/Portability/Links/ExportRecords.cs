using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.Links;

/// <summary>
/// The exports made through WhatsApp (<see cref="PortabilityOptions.ExportTableName"/>): one row per user and
/// export, partitioned by the user's pseudonymous reference, so the table never holds a phone number or a link.
/// </summary>
public sealed class ExportRecords(StorageClients storage, IOptions<PortabilityOptions> options)
{
    private const string StateField = "State";
    private const string RequestedAtField = "RequestedAt";
    private const string BlobNameField = "BlobName";
    private const string CreatedAtField = "CreatedAt";
    private const string ExpiresAtField = "ExpiresAt";

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.ExportTableName);
    private volatile bool created;

    /// <summary>One export, or null.</summary>
    public async Task<ExportRecord?> GetAsync(string waId, string exportId, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(UserReferences.For(waId), exportId, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Every export of the user, latest request first.</summary>
    public async Task<IReadOnlyList<ExportRecord>> ListAsync(string waId, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var reference = UserReferences.For(waId);
        var records = new List<ExportRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == reference, cancellationToken: ct).ConfigureAwait(false))
        {
            records.Add(Read(row));
        }

        return [.. records.OrderByDescending(record => record.RequestedAt)];
    }

    /// <summary>
    /// Records a confirmed request (state <see cref="ExportState.Requested"/>). An existing row of that id is kept,
    /// unless it failed: then it is requested again (the same blob name, if any, is reused).
    /// </summary>
    public async Task RequestAsync(string waId, string exportId, DateTimeOffset requestedAt, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = new TableEntity(UserReferences.For(waId), exportId)
        {
            [StateField] = nameof(ExportState.Requested),
            [RequestedAtField] = requestedAt,
        };
        try
        {
            await table.AddEntityAsync(row, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: ct).ConfigureAwait(false);
            if (Read(existing.Value).State == ExportState.Failed)
            {
                await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
            }
        }
    }

    // The updates below change an existing row only: false means it is gone (the user erased their data meanwhile).

    /// <summary>Records the blob name an export is about to be uploaded under.</summary>
    public Task<bool> SetBlobNameAsync(string waId, string exportId, string blobName, CancellationToken ct) =>
        MergeAsync(waId, exportId, new() { [BlobNameField] = blobName }, ct);

    /// <summary>The archive is uploaded: links can be made until <paramref name="expiresAt"/>.</summary>
    public Task<bool> MarkReadyAsync(string waId, string exportId, string blobName, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken ct) =>
        MergeAsync(
            waId,
            exportId,
            new()
            {
                [StateField] = nameof(ExportState.Ready),
                [BlobNameField] = blobName,
                [CreatedAtField] = createdAt,
                [ExpiresAtField] = expiresAt,
            },
            ct);

    /// <summary>The export could not be built.</summary>
    public Task<bool> MarkFailedAsync(string waId, string exportId, CancellationToken ct) =>
        MergeAsync(waId, exportId, new() { [StateField] = nameof(ExportState.Failed) }, ct);

    /// <summary>Deletes one row (absent is fine).</summary>
    public async Task DeleteAsync(string waId, string exportId, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(UserReferences.For(waId), exportId, ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    private async Task<bool> MergeAsync(string waId, string exportId, Dictionary<string, object> fields, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = new TableEntity(fields) { PartitionKey = UserReferences.For(waId), RowKey = exportId };
        try
        {
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (!created)
        {
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            created = true;
        }
    }

    private static ExportRecord Read(TableEntity row) =>
        new(
            row.RowKey,
            Enum.TryParse<ExportState>(row.GetString(StateField), out var state) ? state : ExportState.Failed,
            row.GetDateTimeOffset(RequestedAtField) ?? DateTimeOffset.MinValue,
            row.GetString(BlobNameField),
            row.GetDateTimeOffset(CreatedAtField),
            row.GetDateTimeOffset(ExpiresAtField));
}
