using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// The questions users were asked to confirm (<see cref="PortabilityOptions.ConfirmationTableName"/>): one row per
/// user, partitioned by the user's pseudonymous reference. Answers are written under the row's ETag, so two
/// deliveries of the same YES cannot both take it.
/// </summary>
public sealed class PendingConfirmations(StorageClients storage, IOptions<PortabilityOptions> options, TimeProvider time)
{
    private const string RowKey = "pending";
    private const string CommandField = "Command";
    private const string AskedByField = "AskedBy";
    private const string AskedAtField = "AskedAt";
    private const string ExpiresAtField = "ExpiresAt";
    private const string ConfirmedByField = "ConfirmedBy";
    private const string ExportIdField = "ExportId";

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.ConfirmationTableName);
    private volatile bool created;

    /// <summary>Asks <paramref name="waId"/> to confirm <paramref name="command"/>, replacing any earlier question.</summary>
    public async Task<PendingConfirmation> AskAsync(string waId, ContinuityCommand command, string askedBy, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var row = new TableEntity(UserReferences.For(waId), RowKey)
        {
            [CommandField] = command.ToString(),
            [AskedByField] = askedBy,
            [AskedAtField] = now,
            [ExpiresAtField] = now + options.Value.ConfirmationWindow,
        };
        var response = await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return Read(row) with { ETag = response.Headers.ETag ?? ETag.All };
    }

    /// <summary>The user's question, answered or not, expired or not; null when there is none.</summary>
    public async Task<PendingConfirmation?> GetAsync(string waId, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(UserReferences.For(waId), RowKey, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Records the YES <paramref name="confirmedBy"/>, unless the row changed since <paramref name="pending"/> was read.</summary>
    /// <returns>The confirmed question, or null when someone else wrote the row first (read it again).</returns>
    public async Task<PendingConfirmation?> ConfirmAsync(
        string waId, PendingConfirmation pending, string confirmedBy, string? exportId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var row = new TableEntity(UserReferences.For(waId), RowKey)
        {
            [CommandField] = pending.Command.ToString(),
            [AskedByField] = pending.AskedBy,
            [AskedAtField] = pending.AskedAt,
            [ExpiresAtField] = pending.ExpiresAt,
            [ConfirmedByField] = confirmedBy,
        };
        if (exportId is not null)
        {
            row[ExportIdField] = exportId;
        }

        try
        {
            var response = await table.UpdateEntityAsync(row, pending.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return Read(row) with { ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Removes the question if it is still the version read (<see cref="ETag.All"/>: whatever it is).</summary>
    /// <returns>False when the row changed or was already gone.</returns>
    public async Task<bool> RemoveAsync(string waId, ETag ifMatch, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(UserReferences.For(waId), RowKey, ifMatch, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
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

    private static PendingConfirmation Read(TableEntity row) =>
        new(
            Enum.Parse<ContinuityCommand>(row.GetString(CommandField)!),
            row.GetString(AskedByField) ?? "",
            row.GetDateTimeOffset(AskedAtField) ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset(ExpiresAtField) ?? DateTimeOffset.MinValue,
            row.GetString(ConfirmedByField),
            row.GetString(ExportIdField),
            row.ETag);
}
