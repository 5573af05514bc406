using System.Text.Json;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// The identity directory's storage, one table (<see cref="IdentityOptions.DirectoryTableName"/>) with three kinds of row:
/// <list type="bullet">
/// <item><c>(SHA-256 of kind:value, "link")</c>: which person an identifier belongs to; holds the key only.</item>
/// <item><c>(user key, "person")</c>: the person, with every identifier they had (<see cref="PersonRecord"/>).</item>
/// <item><c>("conflict", SHA-256 of kind:value)</c>: an open <see cref="IdentityConflict"/>.</item>
/// </list>
/// Links are claimed by insert (the first writer wins) and people are updated under their ETag, so concurrent
/// webhooks never make two people of one. The rules are in <see cref="IdentityResolver"/>; this class only stores.
/// </summary>
public sealed class IdentityDirectory(StorageClients storage, IOptions<IdentityOptions> options)
{
    private const string LinkRow = "link";
    private const string PersonRow = "person";
    private const string ConflictPartition = "conflict";
    private const string UserKeyField = "UserKey";
    private const string StateField = "State";
    private const string IdentifiersField = "Identifiers";
    private const string CreatedAtField = "CreatedAt";

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.DirectoryTableName);
    private volatile bool created;

    /// <summary>The key an identifier is linked to, and the link's version; null when unlinked.</summary>
    public async Task<IdentityLink?> GetLinkAsync(Identifier identifier, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(identifier.DirectoryKey, LinkRow, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? new IdentityLink(identifier, row.Value!.GetString(UserKeyField) ?? "", row.Value.ETag) : null;
    }

    /// <summary>Links an unlinked identifier to <paramref name="userKey"/>; false when it is linked already (someone was first).</summary>
    public async Task<bool> TryAddLinkAsync(Identifier identifier, string userKey, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(LinkEntity(identifier, userKey), ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Points a link at <paramref name="userKey"/> if it is still the version read; false when it changed or went.</summary>
    public async Task<bool> TryMoveLinkAsync(IdentityLink link, string userKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        try
        {
            await table.UpdateEntityAsync(LinkEntity(link.Identifier, userKey), link.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Removes the identifier's link if it points at <paramref name="userKey"/>; a link to anyone else stays.</summary>
    public async Task RemoveLinkAsync(Identifier identifier, string userKey, CancellationToken ct)
    {
        for (var round = 0; round < 4; round++)
        {
            if (await GetLinkAsync(identifier, ct).ConfigureAwait(false) is not { } link || link.UserKey != userKey)
            {
                return;
            }

            try
            {
                await table.DeleteEntityAsync(identifier.DirectoryKey, LinkRow, link.ETag, ct).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Changed meanwhile: look again.
            }
        }
    }

    /// <summary>The person with key <paramref name="userKey"/>, or null when the directory has none.</summary>
    public async Task<PersonRecord?> GetPersonAsync(string userKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(userKey, PersonRow, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? ReadPerson(row.Value!) : null;
    }

    /// <summary>Writes a new person; null when the key is taken (someone was first).</summary>
    public async Task<PersonRecord?> TryAddPersonAsync(PersonRecord person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(PersonEntity(person), ct).ConfigureAwait(false);
            return person with { ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the person if they are still the version read (<see cref="PersonRecord.ETag"/>); null when they changed or went.</summary>
    public async Task<PersonRecord?> TryReplacePersonAsync(PersonRecord person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        try
        {
            var response = await table.UpdateEntityAsync(PersonEntity(person), person.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return person with { ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Deletes the person if they are still the version read; false when they changed or went.</summary>
    public async Task<bool> TryDeletePersonAsync(PersonRecord person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        try
        {
            await table.DeleteEntityAsync(person.UserKey, PersonRow, person.ETag, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Records a conflict, or updates when it was last seen.</summary>
    public async Task RecordConflictAsync(IdentityConflict conflict, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var key = conflict.Identifier.DirectoryKey;
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(ConflictPartition, key, cancellationToken: ct).ConfigureAwait(false);
        var firstSeen = existing.HasValue ? existing.Value!.GetDateTimeOffset("FirstSeenAt") ?? conflict.FirstSeenAt : conflict.FirstSeenAt;
        var row = new TableEntity(ConflictPartition, key)
        {
            ["Kind"] = conflict.Identifier.KindName,
            ["Value"] = conflict.Identifier.Value,
            ["HeldBy"] = conflict.HeldBy,
            ["ClaimedBy"] = conflict.ClaimedBy,
            ["FirstSeenAt"] = firstSeen,
            ["LastSeenAt"] = conflict.LastSeenAt,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>Every open conflict, oldest first.</summary>
    public async Task<IReadOnlyList<IdentityConflict>> ListConflictsAsync(CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        var conflicts = new List<IdentityConflict>();
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == ConflictPartition, cancellationToken: ct).ConfigureAwait(false))
        {
            if (Identifier.TryParseKind(row.GetString("Kind"), out var kind))
            {
                conflicts.Add(new IdentityConflict(
                    new Identifier(kind, row.GetString("Value") ?? ""),
                    row.GetString("HeldBy") ?? "",
                    row.GetString("ClaimedBy") ?? "",
                    row.GetDateTimeOffset("FirstSeenAt") ?? DateTimeOffset.MinValue,
                    row.GetDateTimeOffset("LastSeenAt") ?? DateTimeOffset.MinValue));
            }
        }

        return [.. conflicts.OrderBy(conflict => conflict.FirstSeenAt)];
    }

    /// <summary>Closes the conflict over <paramref name="identifier"/>, if any.</summary>
    public async Task RemoveConflictAsync(Identifier identifier, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct).ConfigureAwait(false);
        await table.DeleteEntityAsync(ConflictPartition, identifier.DirectoryKey, ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>Creates the table when it is missing (once per process).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (!created)
        {
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            created = true;
        }
    }

    private static TableEntity LinkEntity(Identifier identifier, string userKey) =>
        new(identifier.DirectoryKey, LinkRow) { [UserKeyField] = userKey };

    private static TableEntity PersonEntity(PersonRecord person) =>
        new(person.UserKey, PersonRow)
        {
            [StateField] = person.State.ToString(),
            [IdentifiersField] = JsonSerializer.Serialize(
                [.. person.Identifiers.Select(entry => new StoredIdentifier(entry.Identifier.KindName, entry.Identifier.Value, entry.Since, entry.RetiredAt))],
                IdentityJsonContext.Default.ListStoredIdentifier),
            [CreatedAtField] = person.CreatedAt,
        };

    private static PersonRecord ReadPerson(TableEntity row)
    {
        var stored = JsonSerializer.Deserialize(row.GetString(IdentifiersField) ?? "[]", IdentityJsonContext.Default.ListStoredIdentifier) ?? [];
        var entries = new List<IdentifierEntry>(stored.Count);
        foreach (var item in stored)
        {
            if (Identifier.TryParseKind(item.Kind, out var kind))
            {
                entries.Add(new IdentifierEntry(new Identifier(kind, item.Value), item.Since, item.RetiredAt));
            }
        }

        return new PersonRecord(
            row.PartitionKey,
            Enum.TryParse<PersonState>(row.GetString(StateField), out var state) ? state : PersonState.Active,
            entries,
            row.GetDateTimeOffset(CreatedAtField) ?? DateTimeOffset.MinValue,
            row.ETag);
    }
}

/// <summary>A link from an identifier to a person's key, as read (with its version, for conditional moves).</summary>
public sealed record IdentityLink(Identifier Identifier, string UserKey, ETag ETag);
