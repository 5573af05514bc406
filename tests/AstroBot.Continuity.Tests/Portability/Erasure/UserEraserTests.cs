using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Erasure;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Portability.Erasure;

/// <summary>Against the Cosmos DB emulator and Azurite; every test seeds its own database (erasure changes it).</summary>
public sealed class UserEraserTests : IAsyncLifetime
{
    private readonly PortabilityHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task EraseAsync_SeededUser_LeavesNoItemOfTheirsAndEveryOtherItemUntouched()
    {
        var erased = harness.Users[1];
        var before = await harness.AllItemsAsync(harness.DatabaseName);

        var sut = await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        var after = await harness.AllItemsAsync(harness.DatabaseName);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.DoesNotContain(after[container.Name], item => PortabilityHarness.Belongs(item, erased.WaId));
            Assert.Equal(before[container.Name].Where(item => !PortabilityHarness.Belongs(item, erased.WaId)), after[container.Name]);
            Assert.Equal(erased.Documents.Count(document => BotDataModel.ContainerFor(document.Type) == container), sut.ItemsDeleted[container.Name]);
        }

        Assert.Equal(erased.Documents.Count(), sut.TotalItemsDeleted);
        Assert.Equal(harness.TotalItems - erased.Documents.Count(), after.Values.Sum(items => items.Count));
    }

    [Fact]
    public async Task EraseAsync_UserWithABackupKey_DestroysTheirKeyAndNoOneElses()
    {
        var erased = harness.Users[2];
        var other = harness.Users[3];
        var keys = harness.Services().GetRequiredService<UserKeyStore>();
        var erasedKey = await keys.GetOrCreateAsync(erased.WaId, CancellationToken.None);
        var otherKey = await keys.GetOrCreateAsync(other.WaId, CancellationToken.None);

        var sut = await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        Assert.True(sut.BackupKeyDestroyed);
        Assert.Null(await keys.FindAsync(UserReferences.For(erased.WaId), CancellationToken.None));
        // The journal names the destroyed key: the copies of it inside backups are never used again.
        var journal = await harness.Services().GetRequiredService<ErasureJournal>().LoadAsync(CancellationToken.None);
        Assert.Equal([erasedKey.KeyId], journal[UserReferences.For(erased.WaId)].DestroyedKeyIds!);
        Assert.Equal(otherKey.KeyId, (await keys.FindAsync(UserReferences.For(other.WaId), CancellationToken.None))?.KeyId);
    }

    [Fact]
    public async Task EraseAsync_Always_RecordsTheUserInTheErasureJournal()
    {
        var erased = harness.Users[4];

        await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        var journal = await harness.Services().GetRequiredService<ErasureJournal>().LoadAsync(CancellationToken.None);
        Assert.Equal([UserReferences.For(erased.WaId)], journal.Keys);
    }

    [Fact]
    public async Task EraseAsync_UserWithAuditRecords_EmptiesTheirTrailOnly()
    {
        var erased = harness.Users[5];
        var other = harness.Users[6];
        var audit = harness.Services().GetRequiredService<AuditTrail>();
        await audit.RecordAsync(erased.WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, CancellationToken.None);
        await audit.RecordAsync(erased.WaId, AuditEvent.ExportDownloaded, AuditChannel.WhatsApp, CancellationToken.None);
        await audit.RecordAsync(other.WaId, AuditEvent.ExportRequested, AuditChannel.Operator, CancellationToken.None);

        var sut = await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        Assert.Equal(2, sut.AuditRecordsDeleted);
        Assert.Empty(await audit.ListAsync(erased.WaId, CancellationToken.None));
        Assert.Single(await audit.ListAsync(other.WaId, CancellationToken.None));
    }

    [Fact]
    public async Task EraseAsync_UserWithRepliesWaitingInTheOutbox_DeletesThemAndNoOneElses()
    {
        var erased = harness.Users[5];
        var other = harness.Users[6];
        var outbox = harness.Services().GetRequiredService<ReplyOutbox>();
        await outbox.AppendAsync(erased.WaId, new TextMessage(MessageRecipient.ToPhone(erased.WaId), "your export link"), null, CancellationToken.None);
        await outbox.AppendAsync(other.WaId, new TextMessage(MessageRecipient.ToPhone(other.WaId), "theirs"), null, CancellationToken.None);

        await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        var status = await outbox.ReadStatusAsync(CancellationToken.None);
        Assert.Equal((1L, 1), (status.WaitingReplies, status.UsersWaiting));
        Assert.False(await outbox.AppendIfWaitingAsync(erased.WaId, new TextMessage(MessageRecipient.ToPhone(erased.WaId), "x"), null, CancellationToken.None));
    }

    [Fact]
    public async Task EraseAsync_Twice_SecondRunFindsNothingLeft()
    {
        var erased = harness.Users[0];
        await harness.Services().GetRequiredService<UserKeyStore>().GetOrCreateAsync(erased.WaId, CancellationToken.None);
        await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        var sut = await Eraser().EraseAsync(erased.WaId, CancellationToken.None);

        Assert.Equal((0, false, 0), (sut.TotalItemsDeleted, sut.BackupKeyDestroyed, sut.AuditRecordsDeleted));
    }

    [Fact]
    public async Task EraseAsync_LiveDeletionFails_TheJournalAlreadyHoldsTheUser()
    {
        var erased = harness.Users[7];
        var broken = harness.Services(new Dictionary<string, string?> { ["Cosmos:DatabaseName"] = harness.NewDatabaseName() }); // never created

        await Assert.ThrowsAnyAsync<CosmosException>(() => broken.GetRequiredService<UserEraser>().EraseAsync(erased.WaId, CancellationToken.None));

        var journal = await harness.Services().GetRequiredService<ErasureJournal>().LoadAsync(CancellationToken.None);
        Assert.Contains(UserReferences.For(erased.WaId), journal.Keys);
    }

    [Fact]
    public async Task EraseAsync_BlankUser_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Eraser().EraseAsync("", CancellationToken.None));
    }

    private UserEraser Eraser() => harness.Services().GetRequiredService<UserEraser>();

    /// <summary>One test proves all three, through a real backup and a real restore.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task EraseAsync_AfterARealFullBackup_LiveDataBackupAndRestoreHoldNothingOfTheUser()
    {
        var erased = harness.Users[3];
        var erasedItems = erased.Documents.Count();
        var services = harness.Services();
        var backup = await services.GetRequiredService<BackupRunner>().RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.True(backup.Outcome == BackupRunOutcome.Committed, backup.Message);
        Assert.Equal(harness.TotalItems, backup.Entry!.ItemCount);

        await services.GetRequiredService<UserEraser>().EraseAsync(erased.WaId, CancellationToken.None);

        // (1) The live containers hold nothing of theirs.
        var live = await harness.AllItemsAsync(harness.DatabaseName);
        Assert.All(live.Values.SelectMany(items => items), item => Assert.False(PortabilityHarness.Belongs(item, erased.WaId), item));

        // (2) The backup still holds their items, but no key opens them: a deep verify counts them shredded.
        var verify = await services.GetRequiredService<BackupVerification>().VerifyAsync(backup.Entry.BackupId, VerifyLevel.Deep, false, CancellationToken.None);
        Assert.True(verify.IsValid, verify.Summary);
        Assert.Equal(erasedItems, verify.ShreddedItems);
        Assert.Equal(harness.TotalItems - erasedItems, verify.ItemsChecked);

        // (3) A real restore of that backup brings back everyone else and nothing of theirs.
        var target = await harness.CreateDatabaseAsync();
        var restore = await services.GetRequiredService<RestoreService>().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None);
        Assert.Equal([backup.Entry.BackupId], restore.BackupIds);
        Assert.Equal(harness.TotalItems - erasedItems, restore.ItemsWritten);
        var restored = await harness.AllItemsAsync(target);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.DoesNotContain(restored[container.Name], item => PortabilityHarness.Belongs(item, erased.WaId));
            Assert.Equal(live[container.Name], restored[container.Name]);
        }
    }
}
