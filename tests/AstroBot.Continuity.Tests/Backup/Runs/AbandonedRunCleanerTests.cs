using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>A harness for the class; every test makes its own backups and leftovers and looks only at those.</summary>
public sealed class AbandonedRunCleanerTests(BackupHarness harness) : IClassFixture<BackupHarness>
{
    private string Database => harness.Database.Options.DatabaseName;

    private BackupCatalog Catalog => harness.Services().GetRequiredService<BackupCatalog>();

    [Fact]
    public async Task CleanAsync_RunningRowWhoseManifestAuthenticates_CommitsItAndKeepsItsFiles()
    {
        // The run died after writing its manifest and before committing its catalog row.
        var committed = await harness.RunFullAsync();
        var running = BackupCatalogEntries.Running(Database, committed.BackupId, null, null, committed.StartedAt) with { RequestCharge = 42.5, Throttles = 3 };
        await Catalog.SaveAsync(running, CancellationToken.None);
        var files = await FilesAsync(committed.BackupId);
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.DoesNotContain(committed.BackupId, removed);
        Assert.Equal(files, await FilesAsync(committed.BackupId));
        var entry = await Catalog.FindAsync(Database, committed.BackupId, CancellationToken.None);
        Assert.Equal(BackupState.Committed, entry!.State);
        Assert.Null(entry.Error);
        Assert.Equal(committed.CompletedAt, entry.CompletedAt);
        Assert.Equal(harness.TotalItems, entry.ItemCount);
        Assert.Equal(42.5, entry.RequestCharge);
        Assert.Equal(3, entry.Throttles);
    }

    [Fact]
    public async Task CleanAsync_ManifestWithoutACatalogRow_AddsTheCommittedRow()
    {
        var committed = await harness.RunFullAsync();
        await harness.Services().GetRequiredService<BackupStorage>().Catalog.DeleteEntityAsync(Database, committed.BackupId);
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.DoesNotContain(committed.BackupId, removed);
        var entry = await Catalog.FindAsync(Database, committed.BackupId, CancellationToken.None);
        Assert.Equal(BackupState.Committed, entry!.State);
        Assert.Equal(committed.ItemCount, entry.ItemCount);
        Assert.Equal(committed.StoredBytes, entry.StoredBytes);
        Assert.Equal(committed.ChunkCount, entry.ChunkCount);
    }

    [Fact]
    public async Task CleanAsync_OrphanFolderWithoutRowOrManifest_DeletesItAndAddsNoRow()
    {
        var orphan = await UploadLeftoversAsync(BackupId.New(BackupKind.Full, DateTimeOffset.UtcNow.AddHours(-2)).Value);
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.Contains(orphan, removed);
        Assert.Empty(await FilesAsync(orphan));
        Assert.Null(await Catalog.FindAsync(Database, orphan, CancellationToken.None));
    }

    [Fact]
    public async Task CleanAsync_RunningRowWithChunksButNoManifest_DeletesTheFilesAndMarksItFailed()
    {
        var dead = BackupId.New(BackupKind.Incremental, DateTimeOffset.UtcNow.AddHours(-1)).Value;
        await Catalog.AddAsync(BackupCatalogEntries.Running(Database, dead, "base", "parent", DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        await UploadLeftoversAsync(dead);
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.Contains(dead, removed);
        Assert.Empty(await FilesAsync(dead));
        var entry = await Catalog.FindAsync(Database, dead, CancellationToken.None);
        Assert.Equal(BackupState.Failed, entry!.State);
        Assert.NotNull(entry.CompletedAt);
        Assert.Contains("abandoned: the run stopped before its manifest was written", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanAsync_RunningRowWithoutAnyFiles_MarksItFailed()
    {
        var dead = BackupId.New(BackupKind.Full, DateTimeOffset.UtcNow.AddHours(-1)).Value;
        await Catalog.AddAsync(BackupCatalogEntries.Running(Database, dead, null, null, DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.DoesNotContain(dead, removed);
        var entry = await Catalog.FindAsync(Database, dead, CancellationToken.None);
        Assert.Equal(BackupState.Failed, entry!.State);
        Assert.Contains("abandoned: the run stopped before writing anything", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanAsync_RunningRowWhoseManifestDoesNotAuthenticate_DeletesItsFiles()
    {
        var committed = await harness.RunFullAsync();
        await Catalog.SaveAsync(committed with { State = BackupState.Running, CompletedAt = null }, CancellationToken.None);
        await new BackupArchive(harness, committed.BackupId).TamperManifestAsync();
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.Contains(committed.BackupId, removed);
        Assert.Empty(await FilesAsync(committed.BackupId));
        Assert.Equal(BackupState.Failed, (await Catalog.FindAsync(Database, committed.BackupId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task CleanAsync_CommittedAndVerifiedBackups_AreLeftAlone()
    {
        var committed = await harness.RunFullAsync();
        var verified = await harness.RunFullAsync() with { State = BackupState.Verified, VerifyResult = "deep: ok" };
        await Catalog.SaveAsync(verified, CancellationToken.None);
        var committedFiles = await FilesAsync(committed.BackupId);
        var sut = await CleanerAsync();

        var removed = await sut.CleanAsync(resuming: null, CancellationToken.None);

        Assert.DoesNotContain(committed.BackupId, removed);
        Assert.DoesNotContain(verified.BackupId, removed);
        Assert.Equal(committedFiles, await FilesAsync(committed.BackupId));
        Assert.Equal(committed, await Catalog.FindAsync(Database, committed.BackupId, CancellationToken.None));
        Assert.Equal(verified, await Catalog.FindAsync(Database, verified.BackupId, CancellationToken.None));
    }

    private async Task<AbandonedRunCleaner> CleanerAsync() =>
        new(harness.Archives, Catalog, await BackupArchive.ReaderAsync(harness), TimeProvider.System);

    private async Task<string> UploadLeftoversAsync(string backupId)
    {
        await harness.Archives.CreateIfNotExistsAsync();
        await harness.Archives.UploadBlobAsync(BackupLayout.Chunk(Database, backupId, BackupLayout.ChunkName("accounts", 0)), BinaryData.FromString("partial"));
        await harness.Archives.UploadBlobAsync(BackupLayout.Chunk(Database, backupId, BackupLayout.ChunkName("messages", 0)), BinaryData.FromString("partial"));
        return backupId;
    }

    private async Task<List<string>> FilesAsync(string backupId)
    {
        var names = new List<string>();
        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupLayout.Prefix(Database, backupId), CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
