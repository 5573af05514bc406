using System.Security.Cryptography;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace AstroBot.Continuity.Tests.Backup.Restore;

public sealed class RestoreServiceTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    private string Source => harness.Database.Options.DatabaseName;

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RunToCompletionAsync_Latest_RestoresEveryContainerExactly()
    {
        await harness.RunFullAsync();

        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems, outcome.ItemsWritten);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Equal(await harness.ItemsAsync(Source, container.Name), await harness.ItemsAsync(outcome.TargetDatabase, container.Name));
        }
    }

    [Fact]
    public async Task RunToCompletionAsync_FullAndIncrementals_RestoresTheNewestVersion()
    {
        await harness.RunFullAsync();
        var accounts = harness.Container(Source, BotDataModel.Accounts.Name);
        var user = harness.Users[0];
        var account = (await accounts.ReadItemAsync<JObject>(user.Account.Id, new Microsoft.Azure.Cosmos.PartitionKey(user.WaId))).Resource;
        account["display_name"] = "Changed Later";
        await accounts.UpsertItemAsync(account);
        await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(2, outcome.BackupIds.Count);
        var restored = (await harness.Container(outcome.TargetDatabase, BotDataModel.Accounts.Name)
            .ReadItemAsync<JObject>(user.Account.Id, new Microsoft.Azure.Cosmos.PartitionKey(user.WaId))).Resource;
        Assert.Equal("Changed Later", (string?)restored["display_name"]);
    }

    [Fact]
    public async Task RunToCompletionAsync_AtATimeBeforeTheIncremental_RestoresTheOlderVersion()
    {
        var full = await harness.RunFullAsync();
        var messages = harness.Container(Source, BotDataModel.Messages.Name);
        await messages.UpsertItemAsync(new JObject { ["id"] = "late-message", ["wa_id"] = harness.Users[0].WaId, ["type"] = "message", ["text"] = "later" });
        await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        // The time as the catalog stores it (table storage may round what the run measured).
        var fullCompletedAt = (await harness.CatalogAsync()).Single(entry => entry.BackupId == full.BackupId).CompletedAt;

        var outcome = await harness.Restore().RunToCompletionAsync(
            new RestoreRequest { At = fullCompletedAt, TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal([full.BackupId], outcome.BackupIds);
        Assert.DoesNotContain(await harness.ItemsAsync(outcome.TargetDatabase, BotDataModel.Messages.Name), item => item.Contains("late-message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunToCompletionAsync_OneUser_RestoresOnlyThatUsersItems()
    {
        await harness.RunFullAsync();
        var user = harness.Users[2];

        var outcome = await harness.Restore().RunToCompletionAsync(
            new RestoreRequest { WaId = user.WaId, TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(user.Documents.Count(), outcome.ItemsWritten);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.All(await harness.ItemsAsync(outcome.TargetDatabase, container.Name), item => Assert.Contains($"\"wa_id\":\"{user.WaId}\"", item, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PlanAsync_IntoTheLiveDatabaseWithoutForce_IsRefused()
    {
        await harness.RunFullAsync();

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore().PlanAsync(new RestoreRequest { TargetDatabase = Source }, CancellationToken.None));

        Assert.Contains("--force", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_NonEmptyTargetWithoutForce_IsRefusedAndWithForceOverwrites()
    {
        await harness.RunFullAsync();
        var target = Target();
        await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None);

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore().PlanAsync(new RestoreRequest { TargetDatabase = target }, CancellationToken.None));
        var forced = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target, Force = true }, null, CancellationToken.None);

        Assert.Contains("already holds items", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(harness.TotalItems, forced.ItemsWritten);
    }

    [Fact]
    public async Task RunToCompletionAsync_CorruptedChunk_IsRefusedNamingTheChunkAndWritesNothing()
    {
        var full = await harness.RunFullAsync();
        var chunk = BackupLayout.Chunk(Source, full.BackupId, BackupLayout.ChunkName("readings", 0));
        var bytes = (await harness.Archives.GetBlobClient(chunk).DownloadContentAsync()).Value.Content.ToArray();
        bytes[bytes.Length / 2] ^= 0x5a;
        await harness.Archives.GetBlobClient(chunk).UploadAsync(new BinaryData(bytes), overwrite: true);
        var target = Target();

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None));

        Assert.Contains(full.BackupId, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("chunks/readings/000000.chunk", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ItemsAsync(target, BotDataModel.Accounts.Name));
    }

    [Fact]
    public async Task RunToCompletionAsync_MissingChunk_IsRefusedBeforeAnythingIsWritten()
    {
        var full = await harness.RunFullAsync();
        await harness.Archives.DeleteBlobAsync(BackupLayout.Chunk(Source, full.BackupId, BackupLayout.ChunkName("messages", 0)));
        var target = Target();

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None));

        Assert.Contains("chunks/messages/000000.chunk is missing", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ItemsAsync(target, BotDataModel.Accounts.Name));
    }

    [Fact]
    public async Task PlanAsync_TamperedManifest_IsRefused()
    {
        var full = await harness.RunFullAsync();
        var manifest = harness.Archives.GetBlobClient(BackupLayout.Manifest(Source, full.BackupId));
        var text = (await manifest.DownloadContentAsync()).Value.Content.ToString().Replace("\"item_count\": ", "\"item_count\": 1", StringComparison.Ordinal);
        await manifest.UploadAsync(BinaryData.FromString(text), overwrite: true);

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore().PlanAsync(new RestoreRequest { TargetDatabase = Target() }, CancellationToken.None));

        Assert.Contains("does not authenticate", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_WrongKeyEncryptionKey_IsRefusedClearly()
    {
        await harness.RunFullAsync();
        var otherKey = harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore(otherKey).PlanAsync(new RestoreRequest { TargetDatabase = Target() }, CancellationToken.None));

        Assert.Contains("is not in the keyring", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_NoBackupYet_IsRefused()
    {
        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            harness.Restore().PlanAsync(new RestoreRequest { TargetDatabase = Target() }, CancellationToken.None));

        Assert.Contains("has no committed backup", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunToCompletionAsync_SameRestoreIdAfterAPartialRun_ResumesWithoutRedoingSteps()
    {
        await harness.RunFullAsync();
        var request = new RestoreRequest { TargetDatabase = Target(), RestoreId = "resume-test" };
        var first = harness.Restore();
        var start = await first.PlanAsync(request, CancellationToken.None);
        for (var step = 0; step < start.StepCount; step++)
        {
            await first.CheckStepAsync(new RestoreStepRef(start.RestoreId, step), CancellationToken.None);
        }

        await first.BeginWritesAsync(start.RestoreId, CancellationToken.None);
        var written = await first.RestoreStepAsync(new RestoreStepRef(start.RestoreId, 0), CancellationToken.None); // then the process "dies"
        // Taken away behind the restore's back: a resumed restore that redid step 0 would put them back.
        await harness.Container(start.TargetDatabase, written.Container).DeleteContainerAsync();
        await harness.Database.Client.GetDatabase(start.TargetDatabase).CreateContainerAsync(written.Container, BotDataModel.PartitionKeyPath);

        var outcome = await harness.Restore().RunToCompletionAsync(request, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems, outcome.ItemsWritten);
        Assert.Equal(
            (await harness.ItemsAsync(Source, written.Container)).Count - written.ItemsWritten,
            (await harness.ItemsAsync(start.TargetDatabase, written.Container)).Count);
        Assert.Equal(await harness.ItemsAsync(Source, BotDataModel.Profiles.Name), await harness.ItemsAsync(start.TargetDatabase, BotDataModel.Profiles.Name));
    }

    [Fact]
    public async Task RunToCompletionAsync_ErasedUser_IsNeverRestored()
    {
        await harness.RunFullAsync();
        var erased = harness.Users[4];
        var services = harness.Services();
        var keyId = await services.GetRequiredService<UserKeyStore>().DestroyAsync(erased.WaId, CancellationToken.None);
        await services.GetRequiredService<ErasureJournal>().RecordAsync(erased.WaId, keyId, CancellationToken.None);

        var outcome = await harness.Restore(services).RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems - erased.Documents.Count(), outcome.ItemsWritten);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.DoesNotContain(await harness.ItemsAsync(outcome.TargetDatabase, container.Name), item => item.Contains($"\"wa_id\":\"{erased.WaId}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RunToCompletionAsync_ItemDeletedAfterTheFull_ReturnsUntilTheNextFullReconcilesIt()
    {
        // The latest-version change feed shows no deletes (docs/backup-format.md): a chain restore brings a deleted
        // item back, and the next full backup, which reads what exists, no longer holds it.
        await harness.RunFullAsync();
        var user = harness.Users[5];
        var accounts = harness.Container(Source, BotDataModel.Accounts.Name);
        await accounts.DeleteItemAsync<JObject>(user.Account.Id, new Microsoft.Azure.Cosmos.PartitionKey(user.WaId));
        await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);

        var chain = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);
        var nextFull = await harness.RunFullAsync();
        var reconciled = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Contains(await harness.ItemsAsync(chain.TargetDatabase, BotDataModel.Accounts.Name), item => item.Contains($"\"wa_id\":\"{user.WaId}\"", StringComparison.Ordinal));
        Assert.Equal([nextFull.BackupId], reconciled.BackupIds);
        Assert.DoesNotContain(await harness.ItemsAsync(reconciled.TargetDatabase, BotDataModel.Accounts.Name), item => item.Contains($"\"wa_id\":\"{user.WaId}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunToCompletionAsync_ItemChangedTwiceBetweenBackups_RestoresTheLastVersion()
    {
        await harness.RunFullAsync();
        var user = harness.Users[1];
        var preferences = harness.Container(Source, BotDataModel.Preferences.Name);
        foreach (var language in new[] { "de", "es", "it" })
        {
            await preferences.UpsertItemAsync(new JObject { ["id"] = "prefs-twice", ["wa_id"] = user.WaId, ["type"] = "preferences", ["language"] = language });
        }

        var incremental = (await harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None)).Entry!;
        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(1, incremental.ItemCount);
        var restored = await harness.Container(outcome.TargetDatabase, BotDataModel.Preferences.Name)
            .ReadItemAsync<JObject>("prefs-twice", new Microsoft.Azure.Cosmos.PartitionKey(user.WaId));
        Assert.Equal("it", (string?)restored.Resource["language"]);
    }

    private string Target() => harness.NewDatabaseName();

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
