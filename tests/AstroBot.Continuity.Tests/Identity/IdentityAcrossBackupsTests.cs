using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Portability.Erasure;
using AstroBot.Continuity.Tests.Portability;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Identity;

/// <summary>
/// A person's key never changes with their number, so backups taken before a change restore under the key their new
/// number resolves to, and an erasure asked from the new number reaches every backup. Real backups and restores on
/// the emulators; each test seeds its own database.
/// </summary>
[Trait("Category", "Slow")]
public sealed class IdentityAcrossBackupsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Before = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly PortabilityHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Restore_OfABackupTakenBeforeAChangeOfNumber_IsFoundThroughTheNewNumber()
    {
        var user = harness.Users[2];
        var services = harness.Services();
        await services.GetRequiredService<IdentityResolver>().ResolveAsync(new UserIdentifiers(user.WaId, "US.70000000000000000001"), Before, CancellationToken.None);
        var backup = await services.GetRequiredService<BackupRunner>().RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.True(backup.Outcome == BackupRunOutcome.Committed, backup.Message);
        await services.GetRequiredService<IdentityChangeApplier>().ApplyAsync(
            IdentityChanges.NumberChanged(user.WaId, "US.70000000000000000001", "14440000777", "US.70000000000000000002", Before.AddDays(1)), CancellationToken.None);

        var target = await harness.CreateDatabaseAsync();
        await services.GetRequiredService<RestoreService>().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None);

        var key = (await services.GetRequiredService<IdentityLookup>().FindAsync("14440000777", CancellationToken.None))!.UserKey;
        Assert.Equal(user.WaId, key);
        var restored = await harness.AllItemsAsync(target);
        Assert.Equal(user.Documents.Count(), restored.Values.SelectMany(items => items).Count(item => PortabilityHarness.Belongs(item, key)));
    }

    [Fact]
    public async Task Erase_AskedFromTheNewNumber_ReachesABackupTakenBeforeTheChange()
    {
        var user = harness.Users[4];
        var services = harness.Services();
        await services.GetRequiredService<IdentityResolver>().ResolveAsync(new UserIdentifiers(user.WaId, "US.70000000000000000011"), Before, CancellationToken.None);
        var backup = await services.GetRequiredService<BackupRunner>().RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.True(backup.Outcome == BackupRunOutcome.Committed, backup.Message);
        await services.GetRequiredService<IdentityChangeApplier>().ApplyAsync(
            IdentityChanges.NumberChanged(user.WaId, "US.70000000000000000011", "14440000888", "US.70000000000000000012", Before.AddDays(1)), CancellationToken.None);

        var key = (await services.GetRequiredService<IdentityLookup>().FindAsync("14440000888", CancellationToken.None))!.UserKey;
        await services.GetRequiredService<UserEraser>().EraseAsync(key, CancellationToken.None);

        var target = await harness.CreateDatabaseAsync();
        var restore = await services.GetRequiredService<RestoreService>().RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None);
        Assert.Equal(harness.TotalItems - user.Documents.Count(), restore.ItemsWritten);
        var restored = await harness.AllItemsAsync(target);
        Assert.All(BotDataModel.Containers, container => Assert.DoesNotContain(restored[container.Name], item => PortabilityHarness.Belongs(item, user.WaId)));
        Assert.Null(await services.GetRequiredService<IdentityLookup>().FindAsync("US.70000000000000000012", CancellationToken.None));
    }
}
