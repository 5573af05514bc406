using System.Text;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup;

/// <summary>One backup's files in a harness's container, and the ways tests damage them (each can be undone).</summary>
internal sealed class BackupArchive(BackupHarness harness, string backupId)
{
    public string BackupId => backupId;

    private string Database => harness.Database.Options.DatabaseName;

    public BlobClient ManifestBlob => harness.Archives.GetBlobClient(BackupLayout.Manifest(Database, backupId));

    public BlobClient ChunkBlob(string chunkName) => harness.Archives.GetBlobClient(BackupLayout.Chunk(Database, backupId, chunkName));

    public Task<KeyRing> KeyRingAsync() => KeyRingAsync(harness);

    public Task<BackupArchiveReader> ReaderAsync() => ReaderAsync(harness);

    /// <summary>The harness's keyring (its random KEK).</summary>
    public static async Task<KeyRing> KeyRingAsync(BackupHarness harness) =>
        await harness.Services().GetRequiredService<KeyRingProvider>().GetAsync(CancellationToken.None);

    /// <summary>A reader over the harness's backups in the primary region.</summary>
    public static async Task<BackupArchiveReader> ReaderAsync(BackupHarness harness) =>
        new(harness.Archives, await KeyRingAsync(harness), harness.Database.Options.DatabaseName);

    public async Task<BackupManifest> ManifestAsync() => await (await ReaderAsync()).ReadManifestAsync(backupId, CancellationToken.None);

    /// <summary>The first chunk of <paramref name="container"/> (of any container when null).</summary>
    public async Task<ChunkManifest> SomeChunkAsync(string? container = null) =>
        (await ManifestAsync()).Containers.Where(part => container is null || part.Name == container).SelectMany(part => part.Chunks).First();

    /// <summary>Flips one byte in the middle of a chunk: same size, different content.</summary>
    public Task<Func<Task>> CorruptAsync(string chunkName) => RewriteAsync(ChunkBlob(chunkName), bytes =>
    {
        var corrupted = (byte[])bytes.Clone();
        corrupted[corrupted.Length / 2] ^= 0x40;
        return corrupted;
    });

    public Task<Func<Task>> TruncateAsync(string chunkName, int missingBytes) => RewriteAsync(ChunkBlob(chunkName), bytes => bytes[..^missingBytes]);

    public async Task<Func<Task>> DeleteAsync(string chunkName)
    {
        var blob = ChunkBlob(chunkName);
        var original = (await blob.DownloadContentAsync()).Value.Content;
        await blob.DeleteAsync();
        return () => blob.UploadAsync(original, overwrite: true);
    }

    /// <summary>Changes what the manifest says without being able to sign it: a full backup claims to be an incremental.</summary>
    public Task<Func<Task>> TamperManifestAsync() => RewriteAsync(ManifestBlob, bytes =>
    {
        var text = Encoding.UTF8.GetString(bytes);
        var tampered = text.Replace("\"kind\": \"full\"", "\"kind\": \"incremental\"", StringComparison.Ordinal);
        Assert.NotEqual(text, tampered);
        return Encoding.UTF8.GetBytes(tampered);
    });

    /// <returns>Puts the original back.</returns>
    public static async Task<Func<Task>> RewriteAsync(BlobClient blob, Func<byte[], byte[]> change)
    {
        var original = (await blob.DownloadContentAsync()).Value.Content;
        await blob.UploadAsync(new BinaryData(change(original.ToArray())), overwrite: true);
        return () => blob.UploadAsync(original, overwrite: true);
    }
}
