using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup.RestoreTest;

/// <summary>
/// A harness for the class with a scratch-database prefix of its own; every test restore-tests a full backup it made
/// itself (the newest), and tests that erase someone do it in key and erasure tables of their own.
/// </summary>
public sealed class RestoreTesterTests(BackupHarness harness) : IClassFixture<BackupHarness>
{
    private readonly Dictionary<string, string?> settings = new()
    {
        ["Backup:ScratchDatabasePrefix"] = EmulatorEndpoints.UniqueName("rt") + "-",
    };

    private string Database => harness.Database.Options.DatabaseName;

    [Fact]
    public async Task RunAsync_FreshBackup_PassesAndDropsTheScratchDatabase()
    {
        var full = await harness.RunFullAsync();
        var steps = new StepRecorder();

        var report = await Sut().RunAsync(steps, CancellationToken.None);

        Assert.True(report.Passed, report.Summary);
        Assert.Equal(full.BackupId, report.BackupId);
        Assert.StartsWith(settings["Backup:ScratchDatabasePrefix"]!, report.ScratchDatabase, StringComparison.Ordinal);
        Assert.Equal(harness.TotalItems, report.Containers.Sum(container => container.Restored));
        Assert.All(report.Containers, container => Assert.Equal(container.ExpectedChecksum, container.RestoredChecksum));
        Assert.True(steps.Count > 0);
        Assert.False(await ExistsAsync(report.ScratchDatabase));
    }

    [Fact]
    public async Task RunAsync_Finished_RecordsTheResultOnTheCatalogEntry()
    {
        var full = await harness.RunFullAsync();

        var report = await Sut().RunAsync(null, CancellationToken.None);

        var entry = await harness.Services().GetRequiredService<BackupCatalog>().FindAsync(Database, full.BackupId, CancellationToken.None);
        Assert.Equal(report.Summary, entry!.RestoreTestResult);
        Assert.StartsWith("passed: ", entry.RestoreTestResult, StringComparison.Ordinal);
        Assert.NotNull(entry.RestoreTestedAt);
        Assert.Equal(BackupState.Committed, entry.State);
    }

    [Fact]
    public async Task RunAsync_CorruptedChunk_FailsNamingTheChunkRecordsItAndLeavesNoScratchDatabase()
    {
        var full = await harness.RunFullAsync();
        var archive = new BackupArchive(harness, full.BackupId);
        var chunk = await archive.SomeChunkAsync("subscriptions");
        var repair = await archive.CorruptAsync(chunk.Name);
        try
        {
            var report = await Sut().RunAsync(null, CancellationToken.None);

            Assert.False(report.Passed);
            Assert.Contains($"chunk {chunk.Name}", report.Error, StringComparison.Ordinal);
            Assert.False(await ExistsAsync(report.ScratchDatabase));
            var entry = await harness.Services().GetRequiredService<BackupCatalog>().FindAsync(Database, full.BackupId, CancellationToken.None);
            Assert.StartsWith("failed: ", entry!.RestoreTestResult, StringComparison.Ordinal);
            Assert.Contains(chunk.Name, entry.RestoreTestResult, StringComparison.Ordinal);
        }
        finally
        {
            // Later tests test their own, newer backup; this one must not be picked by accident.
            await repair();
        }
    }

    [Fact]
    public async Task RunAsync_FailsAfterItStartedWriting_StillDropsTheScratchDatabase()
    {
        // A block damaged under a valid chunk seal passes the plan's checks, so the restore writes the first containers before it fails.
        var full = await harness.RunFullAsync();
        var archive = new BackupArchive(harness, full.BackupId);
        var originalManifest = (await archive.ManifestBlob.DownloadContentAsync()).Value.Content;
        var chunk = (await archive.ManifestAsync()).Containers.Single(part => part.Name == "messages").Chunks[0].Name;
        var originalChunk = (await archive.ChunkBlob(chunk).DownloadContentAsync()).Value.Content;
        await DamageAUserBlockAsync(archive, chunk);
        var steps = new StepRecorder();
        try
        {
            var report = await Sut().RunAsync(steps, CancellationToken.None);

            Assert.False(report.Passed);
            Assert.Contains($"a user block in chunk {chunk} does not authenticate", report.Error, StringComparison.Ordinal);
            Assert.True(steps.Count > 0, "the restore had written something before it failed");
            Assert.False(await ExistsAsync(report.ScratchDatabase));
        }
        finally
        {
            await archive.ChunkBlob(chunk).UploadAsync(originalChunk, overwrite: true);
            await archive.ManifestBlob.UploadAsync(originalManifest, overwrite: true);
        }
    }

    [Fact]
    public async Task RunAsync_NoFullBackup_ThrowsArgumentException()
    {
        var empty = EmulatorEndpoints.UniqueName("nobackups");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Sut(new() { ["Cosmos:DatabaseName"] = empty }).RunAsync(null, CancellationToken.None));

        Assert.Contains($"Database '{empty}' has no committed full backup to test", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UserErasedSinceTheBackup_StillPasses()
    {
        // Erasure as invariant 4 has it: the user's key is destroyed and the user journaled. The restore rightly leaves them out;
        // the restore test must not count that as a broken backup.
        var own = new Dictionary<string, string?>
        {
            ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("userkeys"),
            ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("erasures"),
        };
        var services = harness.Services(own);
        await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);
        var erased = harness.Users[4];
        var keyId = await services.GetRequiredService<UserKeyStore>().FindKeyIdAsync(erased.WaId, CancellationToken.None);
        await services.GetRequiredService<ErasureJournal>().RecordAsync(erased.WaId, keyId, CancellationToken.None);
        await services.GetRequiredService<UserKeyStore>().DestroyAsync(erased.WaId, CancellationToken.None);

        var report = await Sut(own).RunAsync(null, CancellationToken.None);

        Assert.True(report.Passed, report.Summary);
        Assert.Equal(harness.TotalItems - erased.Documents.Count(), report.Containers.Sum(container => container.Restored));
        Assert.False(await ExistsAsync(report.ScratchDatabase));
    }

    private RestoreTester Sut(Dictionary<string, string?>? overrides = null)
    {
        var all = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in overrides ?? [])
        {
            all[key] = value;
        }

        return harness.Services(all).GetRequiredService<RestoreTester>();
    }

    private async Task<bool> ExistsAsync(string database)
    {
        try
        {
            await harness.Database.Client.GetDatabase(database).ReadAsync();
            await harness.DropDatabaseAsync(database);
            return true;
        }
        catch (CosmosException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Re-seals the chunk with one user block altered and re-signs the manifest for the new chunk, as only someone holding the
    /// keys could: the chunk and the manifest authenticate, the block does not.
    /// </summary>
    private static async Task DamageAUserBlockAsync(BackupArchive archive, string chunkName)
    {
        var ring = await archive.KeyRingAsync();
        var reader = await archive.ReaderAsync();
        var manifest = await reader.ReadManifestAsync(archive.BackupId, CancellationToken.None);
        var dataKey = reader.OpenDataKey(manifest);
        var chunk = manifest.Containers.SelectMany(part => part.Chunks).Single(candidate => candidate.Name == chunkName);
        var blocks = await reader.ReadChunkAsync(manifest, chunk, dataKey, CancellationToken.None);
        var victim = blocks.First(block => !block.IsSealedWithDataKey);

        using var plain = new MemoryStream();
        using (var writer = new BinaryWriter(plain, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("ABK1"u8);
            foreach (var block in blocks)
            {
                var sealedItems = (byte[])block.SealedItems.Clone();
                if (block == victim)
                {
                    sealedItems[sealedItems.Length / 2] ^= 0x01;
                }

                writer.Write(block.UserReference);
                writer.Write(block.KeyId);
                writer.Write(block.ItemCount);
                writer.Write(sealedItems.Length);
                writer.Write(sealedItems);
            }
        }

        var resealed = Aead.Seal(dataKey, plain.ToArray(), new ChunkAddress(archive.BackupId, chunk.Name).ChunkAssociatedData);
        await archive.ChunkBlob(chunk.Name).UploadAsync(new BinaryData(resealed), overwrite: true);
        var replacement = chunk with { Bytes = resealed.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(resealed)) };
        var resigned = manifest with
        {
            Containers = [.. manifest.Containers.Select(part => part with { Chunks = [.. part.Chunks.Select(candidate => candidate == chunk ? replacement : candidate)] })],
        };
        await archive.ManifestBlob.UploadAsync(new BinaryData(ManifestCodec.Write(resigned, ring.Current)), overwrite: true);
    }

    /// <summary>Counts restore steps as they are reported, synchronously (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class StepRecorder : IProgress<RestoreStepProgress>
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Report(RestoreStepProgress value) => Interlocked.Increment(ref count);
    }
}
