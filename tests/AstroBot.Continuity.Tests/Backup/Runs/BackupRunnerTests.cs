using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace AstroBot.Continuity.Tests.Backup.Runs;

public sealed class BackupRunnerTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_Full_CommitsEveryItemWithManifestLast()
    {
        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Committed, entry.State);
        Assert.Equal(harness.TotalItems, entry.ItemCount);
        Assert.True(entry.ChunkCount >= BotDataModel.Containers.Count);
        Assert.True(entry.RequestCharge > 0);
        var manifest = await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.Database.Options.DatabaseName, entry.BackupId)).GetPropertiesAsync();
        var newestChunk = await NewestChunkWriteAsync(entry.BackupId);
        Assert.True(manifest.Value.LastModified >= newestChunk);
    }

    [Fact]
    public async Task RunAsync_Full_StoresNoPlaintext()
    {
        var entry = await harness.RunFullAsync();
        var user = harness.Users[0];

        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{harness.Database.Options.DatabaseName}/{entry.BackupId}/chunks/", CancellationToken.None))
        {
            var content = (await harness.Archives.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain(user.WaId, content, StringComparison.Ordinal);
            Assert.DoesNotContain("wa_id", content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_IncrementalAfterFull_HoldsOnlyTheChanges()
    {
        var full = await harness.RunFullAsync();
        var user = harness.Users[1];
        var preferences = harness.Container(harness.Database.Options.DatabaseName, BotDataModel.Preferences.Name);
        await preferences.UpsertItemAsync(new JObject { ["id"] = "prefs-changed", ["wa_id"] = user.WaId, ["type"] = "preferences", ["language"] = "fr" });

        var result = await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Equal(1, result.Entry!.ItemCount);
        Assert.Equal(full.BackupId, result.Entry.BaseBackupId);
        Assert.Equal(full.BackupId, result.Entry.ParentBackupId);
    }

    [Fact]
    public async Task RunAsync_SecondIncremental_ContinuesFromTheFirst()
    {
        var full = await harness.RunFullAsync();
        var first = (await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None)).Entry!;
        var messages = harness.Container(harness.Database.Options.DatabaseName, BotDataModel.Messages.Name);
        await messages.UpsertItemAsync(new JObject { ["id"] = "m-new-1", ["wa_id"] = harness.Users[2].WaId, ["type"] = "message", ["text"] = "hi" });
        await messages.UpsertItemAsync(new JObject { ["id"] = "m-new-2", ["wa_id"] = harness.Users[3].WaId, ["type"] = "message", ["text"] = "hello" });

        var second = (await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None)).Entry!;

        Assert.Equal(0, first.ItemCount);
        Assert.Equal(2, second.ItemCount);
        Assert.Equal(first.BackupId, second.ParentBackupId);
        Assert.Equal(full.BackupId, second.BaseBackupId);
    }

    [Fact]
    public async Task RunAsync_IncrementalWithoutFull_SkipsAndWritesNothing()
    {
        var result = await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Skipped, result.Outcome);
        Assert.Contains("No full backup", result.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.CatalogAsync());
    }

    [Fact]
    public async Task RunAsync_LeaseHeldByAnotherRun_Skips()
    {
        await harness.Archives.CreateIfNotExistsAsync();
        await using var held = await BackupLease.TryAcquireAsync(
            harness.Archives, harness.Database.Options.DatabaseName, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.NotNull(held);
        Assert.Equal(BackupRunOutcome.Skipped, result.Outcome);
        Assert.Contains("Another backup", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoKeyEncryptionKey_FailsClearlyBeforeWriting()
    {
        var services = harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = null });

        var exception = await Assert.ThrowsAsync<KeyRingException>(() => harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None));

        Assert.Contains("No key-encryption key is configured", exception.Message, StringComparison.Ordinal);
        Assert.False(await harness.Archives.ExistsAsync());
    }

    [Fact]
    public async Task RunAsync_StorageFailsMidway_FailsAndLeavesNoVisibleBackup()
    {
        var faults = new FailingBlobWrites(afterSuccessfulChunks: 2);
        var services = harness.Services(configure: services => services.AddSingleton(provider => new BackupStorage(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackupOptions>>(), TimeProvider.System, faults.ClientOptions())));

        var result = await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Failed, result.Outcome);
        Assert.True(faults.Failures > 1, "the SDK retried before giving up");
        var entry = Assert.Single(await harness.CatalogAsync());
        Assert.Equal(BackupState.Failed, entry.State);
        Assert.False(await harness.Archives.GetBlobClient(BackupLayout.Manifest(harness.Database.Options.DatabaseName, entry.BackupId)).ExistsAsync());
        Assert.Empty(await ChunksOfAsync(entry.BackupId));
    }

    [Fact]
    public async Task RunAsync_AfterARunThatDied_CleansItUpAndCommits()
    {
        // A run that died: a catalog row still "running" and chunk files without a manifest.
        var database = harness.Database.Options.DatabaseName;
        var catalog = harness.Services().GetRequiredService<BackupCatalog>();
        var dead = BackupId.New(BackupKind.Full, DateTimeOffset.UtcNow.AddHours(-1)).Value;
        await catalog.AddAsync(BackupCatalogEntries.Running(database, dead, null, null, DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        await harness.Archives.CreateIfNotExistsAsync();
        await harness.Archives.UploadBlobAsync(BackupLayout.Chunk(database, dead, BackupLayout.ChunkName("accounts", 0)), BinaryData.FromString("partial"));

        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Empty(await ChunksOfAsync(dead));
        var deadEntry = (await harness.CatalogAsync()).Single(entry => entry.BackupId == dead);
        Assert.Equal(BackupState.Failed, deadEntry.State);
        Assert.Contains("abandoned", deadEntry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CosmosThrottles_BacksOffAndFinishesWithEveryItem()
    {
        var throttling = new ThrottlingHandler(throttleEvery: 3);
        var services = harness.Services(configure: services => services.AddSingleton(provider =>
            new BackupCosmosClient(new CosmosClientFactory(harness.Database.Options), throttling)));

        var result = await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Equal(harness.TotalItems, result.Entry!.ItemCount);
        Assert.True(result.Entry.Throttles > 0);
        Assert.Equal(result.Entry.Throttles, throttling.Throttled);
    }

    private async Task<List<string>> ChunksOfAsync(string backupId)
    {
        var names = new List<string>();
        if (!await harness.Archives.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupLayout.Prefix(harness.Database.Options.DatabaseName, backupId), CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<DateTimeOffset> NewestChunkWriteAsync(string backupId)
    {
        var newest = DateTimeOffset.MinValue;
        await foreach (var blob in harness.Archives.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupLayout.Prefix(harness.Database.Options.DatabaseName, backupId) + "chunks/", CancellationToken.None))
        {
            newest = blob.Properties.LastModified > newest ? blob.Properties.LastModified!.Value : newest;
        }

        return newest;
    }
}
