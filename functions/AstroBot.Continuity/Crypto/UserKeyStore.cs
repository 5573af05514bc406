using System.Security.Cryptography;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Crypto;

/// <summary>
/// Each user's data key, wrapped under the keyring's current key-encryption key, one table row per user:
/// PartitionKey = the first two characters of the user reference, RowKey = the reference. Each backup also keeps a
/// copy of the wrapped keys it used (useless without the KEK), so losing this table loses no backup; erasure reaches
/// those copies through the erasure journal, which names the destroyed key ids (docs/backup-format.md, "Keys").
/// </summary>
public sealed class UserKeyStore(StorageClients storage, IOptions<CryptoOptions> options, KeyRingProvider keyRing, TimeProvider time)
{
    private const string KeyIdField = "KeyId";
    private const string WrappedKeyField = "WrappedKey";
    private const string KekIdField = "KekId";
    private const string CreatedAtField = "CreatedAt";

    // An insert loses only to a concurrent creator, and a re-read then finds its row; more rounds mean a user is
    // being created and destroyed in a loop.
    private const int MaxCreateRounds = 8;

    private static readonly string[] KeyFields = [KeyIdField, WrappedKeyField, KekIdField];

    private readonly TableClient table = storage.Tables.GetTableClient(options.Value.UserKeyTableName);
    private volatile bool tableReady;

    /// <summary>
    /// The user's key, created (and the table with it) on first use. Concurrent callers for one user all get the
    /// same key: only one insert wins, and the others read what it stored.
    /// </summary>
    public async Task<UserDataKey> GetOrCreateAsync(string waId, CancellationToken ct)
    {
        var reference = UserReferences.For(waId);
        var ring = await keyRing.GetAsync(ct).ConfigureAwait(false);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        for (var round = 0; round < MaxCreateRounds; round++)
        {
            if (await ReadAsync(reference, ring, ct).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var material = KeyWrapping.NewDataKey();
            var keyId = Guid.NewGuid().ToString("N");
            var wrapped = UserKeyWrapping.Wrap(ring.Current, material, reference, keyId);
            var row = new TableEntity(PartitionOf(reference), reference)
            {
                [KeyIdField] = keyId,
                [WrappedKeyField] = wrapped.Ciphertext,
                [KekIdField] = wrapped.KekId,
                [CreatedAtField] = time.GetUtcNow(),
            };
            try
            {
                await table.AddEntityAsync(row, ct).ConfigureAwait(false);
                return new UserDataKey(reference, keyId, material, wrapped);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A concurrent creator stored a key first: read theirs on the next round.
            }
        }

        throw new InvalidOperationException(
            $"The user key could not be created in {MaxCreateRounds} rounds: it kept being created and destroyed concurrently.");
    }

    /// <summary>The key of the user with this reference, or null when none was created or it was destroyed.</summary>
    /// <exception cref="ArgumentException"><paramref name="userReference"/> is not what <see cref="UserReferences.For"/> returns.</exception>
    public async Task<UserDataKey?> FindAsync(string userReference, CancellationToken ct)
    {
        if (!UserReferences.IsWellFormed(userReference))
        {
            throw new ArgumentException("A user reference is 64 lowercase hex characters (UserReferences.For).", nameof(userReference));
        }

        var ring = await keyRing.GetAsync(ct).ConfigureAwait(false);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        return await ReadAsync(userReference, ring, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Every user's key, keyed by user reference: one scan of the table, for a backup run or a restore. A row that
    /// does not unwrap is reported in <see cref="UserKeySnapshot.Unreadable"/> and skipped: one bad row must not stop
    /// every backup.
    /// </summary>
    public async Task<UserKeySnapshot> LoadAllAsync(CancellationToken ct)
    {
        var ring = await keyRing.GetAsync(ct).ConfigureAwait(false);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        var keys = new Dictionary<string, UserDataKey>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var rows = table.QueryAsync<TableEntity>(filter: (string?)null, select: [nameof(TableEntity.RowKey), .. KeyFields], cancellationToken: ct);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            AddTo(keys, unreadable, row, ring);
        }

        return new UserKeySnapshot(keys, unreadable);
    }

    /// <summary>
    /// The keys of these users only (a few rows per request, <see cref="TableRowLookup"/>): what one restore step
    /// needs, instead of the whole table. Rows that do not unwrap are reported in <see cref="UserKeySnapshot.Unreadable"/>,
    /// as by <see cref="LoadAllAsync"/>.
    /// </summary>
    public async Task<UserKeySnapshot> FindManyAsync(IReadOnlyCollection<string> userReferences, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userReferences);
        var ring = await keyRing.GetAsync(ct).ConfigureAwait(false);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        var keys = new Dictionary<string, UserDataKey>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var rows = await TableRowLookup.FindAsync(
            table, userReferences.Select(reference => (PartitionOf(reference), reference)), [nameof(TableEntity.RowKey), .. KeyFields], ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            AddTo(keys, unreadable, row, ring);
        }

        return new UserKeySnapshot(keys, unreadable);
    }

    /// <summary>The id of the user's current key, without unwrapping it, or null when they have none.</summary>
    public async Task<string?> FindKeyIdAsync(string waId, CancellationToken ct)
    {
        var reference = UserReferences.For(waId);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(reference), reference, [KeyIdField], ct).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetString(KeyIdField) : null;
    }

    /// <summary>
    /// Destroys the user's key: from now on nothing it encrypted can be read, in any backup. A later
    /// <see cref="GetOrCreateAsync"/> makes a new, unrelated key.
    /// </summary>
    /// <returns>The id of the key destroyed, or null when there was none.</returns>
    public async Task<string?> DestroyAsync(string waId, CancellationToken ct)
    {
        var reference = UserReferences.For(waId);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        for (var round = 0; round < MaxCreateRounds; round++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(reference), reference, [KeyIdField], ct).ConfigureAwait(false);
            if (!row.HasValue)
            {
                return null;
            }

            // Deleted only as read (its ETag), so the id returned is the id of the key destroyed, even if a creator races
            // us; the SDK answers a missing entity with its 404 response rather than an exception.
            try
            {
                var response = await table.DeleteEntityAsync(PartitionOf(reference), reference, row.Value!.ETag, ct).ConfigureAwait(false);
                if (response.Status != 404)
                {
                    return row.Value.GetString(KeyIdField);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Recreated since the read: destroy the new one on the next round.
            }
        }

        throw new InvalidOperationException($"The user key could not be destroyed in {MaxCreateRounds} rounds: it kept being recreated concurrently.");
    }

    /// <summary>
    /// After a key-encryption key rotation: wraps every user key not yet under the current KEK with it, so the old
    /// KEK can be retired. Each row is replaced only if unchanged since it was read (its ETag); a row destroyed or
    /// recreated meanwhile is left to whoever changed it.
    /// </summary>
    /// <returns>How many keys were re-wrapped.</returns>
    public async Task<int> RewrapAsync(CancellationToken ct)
    {
        var ring = await keyRing.GetAsync(ct).ConfigureAwait(false);
        await EnsureTableAsync(ct).ConfigureAwait(false);
        var rewrapped = 0;
        var stale = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"KekId ne {ring.Current.Id}"),
            select: [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey), .. KeyFields],
            cancellationToken: ct);
        await foreach (var row in stale.ConfigureAwait(false))
        {
            var purpose = UserKeyWrapping.Purpose(row.RowKey, row.GetString(KeyIdField) ?? throw Incomplete(KeyIdField));
            var material = KeyWrapping.Unwrap(ring, WrappedOf(row), purpose);
            var wrapped = KeyWrapping.Wrap(ring.Current, material, purpose);
            CryptographicOperations.ZeroMemory(material);
            var update = new TableEntity(row.PartitionKey, row.RowKey)
            {
                [WrappedKeyField] = wrapped.Ciphertext,
                [KekIdField] = wrapped.KekId,
            };
            try
            {
                await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
                rewrapped++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Destroyed, or destroyed and recreated under the current KEK, since the query: nothing to re-wrap.
            }
        }

        return rewrapped;
    }

    private static string PartitionOf(string reference) => reference[..2];

    private async Task<UserDataKey?> ReadAsync(string reference, KeyRing ring, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(reference), reference, KeyFields, ct).ConfigureAwait(false);
        return row.HasValue ? ToUserDataKey(reference, row.Value!, ring) : null;
    }

    // A row that does not unwrap is reported and skipped, never fatal.
    private static void AddTo(Dictionary<string, UserDataKey> keys, HashSet<string> unreadable, TableEntity row, KeyRing ring)
    {
        try
        {
            keys[row.RowKey] = ToUserDataKey(row.RowKey, row, ring);
        }
        catch (Exception exception) when (exception is InvalidDataException or KeyRingException or DecryptionFailedException)
        {
            unreadable.Add(row.RowKey);
        }
    }

    // The reference is passed in because a projected point read does not return the RowKey.
    private static UserDataKey ToUserDataKey(string reference, TableEntity row, KeyRing ring)
    {
        var keyId = row.GetString(KeyIdField) ?? throw Incomplete(KeyIdField);
        return UserKeyWrapping.Unwrap(ring, WrappedOf(row), reference, keyId);
    }

    private static WrappedKey WrappedOf(TableEntity row) =>
        new(row.GetString(KekIdField) ?? throw Incomplete(KekIdField), row.GetBinary(WrappedKeyField) ?? throw Incomplete(WrappedKeyField));

    private static InvalidDataException Incomplete(string field) =>
        new($"A user key row has no {field}: the row was not written by {nameof(UserKeyStore)}.");

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        if (!tableReady)
        {
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            tableReady = true;
        }
    }
}
