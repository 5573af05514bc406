using System.Security.Cryptography;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup.Restore;

/// <summary>
/// Issue 11, item 4: losing or corrupting the user-key table loses no backup, and erasure still reaches every
/// backup. Tried with real backups and restores on the emulators.
/// </summary>
public sealed class UserKeyLossTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    private string Source => harness.Database.Options.DatabaseName;

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task RunToCompletionAsync_UserKeyTableDeleted_RestoresEveryItemWithTheBackupsKeyCopies()
    {
        await harness.RunFullAsync();
        await DeleteUserKeyTableAsync();

        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems, outcome.ItemsWritten);
        Assert.Equal(harness.TotalItems, outcome.RecoveredItems);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Equal(await harness.ItemsAsync(Source, container.Name), await harness.ItemsAsync(outcome.TargetDatabase, container.Name));
        }
    }

    [Fact]
    public async Task RunToCompletionAsync_UserErasedThenTheTableDeleted_TheErasedUserStaysOut()
    {
        await harness.RunFullAsync();
        var erased = harness.Users[2];
        await EraseAsync(erased.WaId);
        await DeleteUserKeyTableAsync();

        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems - erased.Documents.Count(), outcome.ItemsWritten);
        Assert.Equal(erased.Documents.Count(), outcome.ShreddedItems);
        await AssertAbsentAsync(outcome.TargetDatabase, erased.WaId);
    }

    [Fact]
    public async Task RunToCompletionAsync_BackupStartedDuringAnErasure_TheKeyTheJournalNamesStaysUnused()
    {
        // The race: the journal is written, a backup starts and still finds the user's items and key, then the key is
        // destroyed. The backup began after the erasure, so only the key id the journal names keeps the user out.
        var erased = harness.Users[3];
        var services = harness.Services();
        var keys = services.GetRequiredService<UserKeyStore>();
        await keys.GetOrCreateAsync(erased.WaId, CancellationToken.None);
        await services.GetRequiredService<ErasureJournal>().RecordAsync(erased.WaId, await keys.FindKeyIdAsync(erased.WaId, CancellationToken.None), CancellationToken.None);
        await harness.RunFullAsync();
        await keys.DestroyAsync(erased.WaId, CancellationToken.None);
        await DeleteUserKeyTableAsync();

        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems - erased.Documents.Count(), outcome.ItemsWritten);
        await AssertAbsentAsync(outcome.TargetDatabase, erased.WaId);
    }

    [Fact]
    public async Task PlanAsync_TableDeletedAndTheCopiesUnderARetiredKek_RefusedNamingUsersAndItemsAndWritesNothing()
    {
        // Keys made under the first KEK; a second KEK becomes current without re-wrapping them, a backup is taken
        // (its data key under the new KEK, its key copies under the old one); then the old KEK is retired from the
        // keyring and the key table is lost. Nothing can open the users' blocks: the restore must say so, not succeed.
        var newKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await harness.RunFullAsync();
        var rotated = harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = newKek, ["Crypto:RetiredKeks:0"] = harness.Kek });
        var backup = await harness.Runner(rotated).RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.Equal(BackupRunOutcome.Committed, backup.Outcome);
        await DeleteUserKeyTableAsync();
        var target = Target();

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() => harness.Restore(harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = newKek }))
            .RunToCompletionAsync(new RestoreRequest { BackupId = backup.Entry!.BackupId, TargetDatabase = target }, null, CancellationToken.None));

        Assert.Contains($"{harness.TotalItems} items of {harness.Users.Count} users cannot be opened", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", refusal.Message, StringComparison.Ordinal);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Empty(await harness.ItemsAsync(target, container.Name));
        }
    }

    [Fact]
    public async Task RunToCompletionAsync_CopiesUnderARetiredKekAndTheTableRewrapped_OpensEveryBlockWithTheTable()
    {
        // The check tries the blocks' copies first; none unwraps here, so the check must fall back to the table.
        var newKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await harness.RunFullAsync();
        var rotated = harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = newKek, ["Crypto:RetiredKeks:0"] = harness.Kek });
        var backup = await harness.Runner(rotated).RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.Equal(BackupRunOutcome.Committed, backup.Outcome);
        await rotated.GetRequiredService<UserKeyStore>().RewrapAsync(CancellationToken.None);

        var outcome = await harness.Restore(harness.Services(new Dictionary<string, string?> { ["Crypto:Kek"] = newKek }))
            .RunToCompletionAsync(new RestoreRequest { BackupId = backup.Entry!.BackupId, TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems, outcome.ItemsWritten);
        Assert.Equal(0, outcome.RecoveredItems);
    }

    [Fact]
    public async Task CheckStepAsync_EveryBlocksCopyOpensIt_ReadsNoUserKeyRow()
    {
        await harness.RunFullAsync();
        await DeleteUserKeyTableAsync();
        var sut = harness.Restore();
        var start = await sut.PlanAsync(new RestoreRequest { TargetDatabase = Target() }, CancellationToken.None);

        for (var step = 0; step < start.StepCount; step++)
        {
            Assert.Equal(0, (await sut.CheckStepAsync(new RestoreStepRef(start.RestoreId, step), CancellationToken.None)).LostItems);
        }

        // The key store creates its table before its first read: no check read it.
        var tableName = harness.Settings["Crypto:UserKeyTableName"];
        Assert.Empty(harness.Services().GetRequiredService<StorageClients>().Tables.Query(table => table.Name == tableName));
    }

    [Fact]
    public async Task RunAsync_AUsersKeyRowDoesNotUnwrap_CommitsWithoutThatUsersItemsAndSaysSo()
    {
        await harness.RunFullAsync();
        var broken = harness.Users[1];
        await AlterKeyRowAsync(broken.WaId);

        var result = await harness.Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);

        Assert.Equal(BackupRunOutcome.Committed, result.Outcome);
        Assert.Contains($"without the {broken.Documents.Count()} items of 1 users whose key rows do not unwrap", result.Message, StringComparison.Ordinal);
        Assert.Equal(harness.TotalItems - broken.Documents.Count(), result.Entry!.ItemCount);
    }

    [Fact]
    public async Task RunToCompletionAsync_AKeyRowAlteredAfterTheBackup_ThatUserOpensWithTheCopy()
    {
        await harness.RunFullAsync();
        await AlterKeyRowAsync(harness.Users[1].WaId);

        var outcome = await harness.Restore().RunToCompletionAsync(new RestoreRequest { TargetDatabase = Target() }, null, CancellationToken.None);

        Assert.Equal(harness.TotalItems, outcome.ItemsWritten);
        Assert.Equal(harness.Users[1].Documents.Count(), outcome.RecoveredItems);
    }

    /// <summary>As <c>UserEraser</c> does it: the journal names the key, then the key is destroyed.</summary>
    private async Task EraseAsync(string waId)
    {
        var services = harness.Services();
        var keys = services.GetRequiredService<UserKeyStore>();
        await services.GetRequiredService<ErasureJournal>().RecordAsync(waId, await keys.FindKeyIdAsync(waId, CancellationToken.None), CancellationToken.None);
        Assert.NotNull(await keys.DestroyAsync(waId, CancellationToken.None));
    }

    private Task DeleteUserKeyTableAsync() =>
        harness.Services().GetRequiredService<StorageClients>().Tables.DeleteTableAsync(harness.Settings["Crypto:UserKeyTableName"]);

    private async Task AlterKeyRowAsync(string waId)
    {
        var table = harness.Services().GetRequiredService<StorageClients>().Tables.GetTableClient(harness.Settings["Crypto:UserKeyTableName"]);
        var reference = UserReferences.For(waId);
        var row = (await table.GetEntityAsync<TableEntity>(reference[..2], reference)).Value;
        var wrapped = row.GetBinary("WrappedKey")!;
        wrapped[^1] ^= 1;
        row["WrappedKey"] = wrapped;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    private async Task AssertAbsentAsync(string database, string waId)
    {
        foreach (var container in BotDataModel.Containers)
        {
            Assert.DoesNotContain(await harness.ItemsAsync(database, container.Name), item => item.Contains($"\"wa_id\":\"{waId}\"", StringComparison.Ordinal));
        }
    }

    private string Target() => harness.NewDatabaseName();
}
