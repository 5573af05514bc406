using System.IO.Compression;
using System.Text;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// Gathers items for one chunk, grouped by user, and seals them: each user's items as Brotli-compressed NDJSON
/// under that user's key, next to a copy of that key wrapped by the KEK (so losing the user-key table loses no
/// backup; an erasure names the key in the journal, and no restore uses it again), and the whole chunk under the
/// backup's data key. Layout in docs/backup-format.md.
/// </summary>
public sealed class ChunkBuilder
{
    /// <summary>The group of items that have no user (no <c>wa_id</c>): sealed under the backup's data key only.</summary>
    internal const string NoUser = "";

    private readonly Dictionary<string, UserItems> users = new(StringComparer.Ordinal);

    public int ItemCount { get; private set; }

    public long RawBytes { get; private set; }

    /// <summary>The items the chunk will hold (one version of each), for checksums before sealing.</summary>
    public IEnumerable<byte[]> Items => users.Values.SelectMany(group => group.Items);

    public void Add(CanonicalItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        // An item without a usable wa_id belongs to no user: sealed under the data key, never a failed backup.
        var waId = string.IsNullOrWhiteSpace(item.WaId) ? null : item.WaId;
        var reference = waId is null ? NoUser : UserReferences.For(waId);
        if (!users.TryGetValue(reference, out var group))
        {
            group = new UserItems(waId);
            users.Add(reference, group);
        }

        // The change feed can return an item again when it changed while being read; the later version wins,
        // so a chunk never holds two versions for a restore to write in the wrong order.
        if (item.Id is not null && group.IndexById.TryGetValue(item.Id, out var index))
        {
            RawBytes += item.Json.Length - group.Items[index].Length;
            group.Items[index] = item.Json;
            return;
        }

        if (item.Id is not null)
        {
            group.IndexById.Add(item.Id, group.Items.Count);
        }

        group.Items.Add(item.Json);
        ItemCount++;
        RawBytes += item.Json.Length + 1;
    }

    /// <summary>Seals the chunk and empties the builder.</summary>
    public async Task<byte[]> SealAsync(ChunkAddress address, byte[] dataKey, IUserKeySource userKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userKeys);
        using var plain = new MemoryStream();
        using (var writer = new BinaryWriter(plain, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(ChunkFormat.Magic);
            foreach (var (reference, group) in users.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var userKey = group.WaId is null ? null : await userKeys.GetOrCreateAsync(group.WaId, cancellationToken).ConfigureAwait(false);
                var sealedItems = Aead.Seal(userKey?.Material ?? dataKey, Compress(group.Items), address.BlockAssociatedData(reference));
                writer.Write(reference);
                writer.Write(userKey?.KeyId ?? ChunkFormat.DataKeyId);
                // The key copy: the user's key wrapped by the KEK, as the user-key table holds it (empty for the data key).
                writer.Write(userKey?.Wrapped.KekId ?? string.Empty);
                writer.Write(userKey?.Wrapped.Ciphertext.Length ?? 0);
                writer.Write(userKey?.Wrapped.Ciphertext ?? []);
                writer.Write(group.Items.Count);
                writer.Write(sealedItems.Length);
                writer.Write(sealedItems);
            }
        }

        users.Clear();
        ItemCount = 0;
        RawBytes = 0;
        return Aead.Seal(dataKey, plain.GetBuffer().AsSpan(0, (int)plain.Length), address.ChunkAssociatedData);
    }

    private static byte[] Compress(List<byte[]> items)
    {
        // One write of the whole NDJSON: Brotli at its fastest level compresses each write on its own.
        using var ndjson = new MemoryStream();
        foreach (var item in items)
        {
            ndjson.Write(item);
            ndjson.WriteByte((byte)'\n');
        }

        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(ndjson.GetBuffer().AsSpan(0, (int)ndjson.Length));
        }

        return output.ToArray();
    }

    private sealed record UserItems(string? WaId)
    {
        public List<byte[]> Items { get; } = [];

        public Dictionary<string, int> IndexById { get; } = new(StringComparer.Ordinal);
    }
}
