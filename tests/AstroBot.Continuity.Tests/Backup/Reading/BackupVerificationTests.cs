using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup.Reading;

/// <summary>A harness for the class; every test verifies backups it made itself (damage is put back afterwards).</summary>
public sealed class BackupVerificationTests(BackupHarness harness) : IClassFixture<BackupHarness>
{
    private string Database => harness.Database.Options.DatabaseName;

    private BackupVerification Sut => harness.Services().GetRequiredService<BackupVerification>();

    private BackupCatalog Catalog => harness.Services().GetRequiredService<BackupCatalog>();

    [Fact]
    public async Task VerifyAsync_DeepOk_MarksTheEntryVerified()
    {
        var full = await harness.RunFullAsync();

        var report = await Sut.VerifyAsync(full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

        Assert.True(report.IsValid, report.Summary);
        var entry = await FindAsync(full.BackupId);
        Assert.Equal(BackupState.Verified, entry.State);
        Assert.Equal("deep: ok", entry.VerifyResult);
        Assert.NotNull(entry.VerifiedAt);
        Assert.Equal(full.ItemCount, entry.ItemCount);
    }

    [Fact]
    public async Task VerifyAsync_QuickOk_RecordsTheResultButDoesNotMarkItVerified()
    {
        var full = await harness.RunFullAsync();

        await Sut.VerifyAsync(full.BackupId, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);

        var entry = await FindAsync(full.BackupId);
        Assert.Equal(BackupState.Committed, entry.State);
        Assert.Equal("quick: ok", entry.VerifyResult);
    }

    [Fact]
    public async Task VerifyAsync_DeepFromTheSecondary_SaysSoInTheResult()
    {
        var full = await harness.RunFullAsync();

        await Sut.VerifyAsync(full.BackupId, VerifyLevel.Deep, fromSecondary: true, CancellationToken.None);

        Assert.Equal("deep: ok (secondary)", (await FindAsync(full.BackupId)).VerifyResult);
    }

    [Fact]
    public async Task VerifyAsync_DeepFails_LeavesItCommittedWithTheProblemInTheResult()
    {
        var full = await harness.RunFullAsync();
        var archive = new BackupArchive(harness, full.BackupId);
        var chunk = await archive.SomeChunkAsync("profiles");
        var repair = await archive.CorruptAsync(chunk.Name);
        try
        {
            var report = await Sut.VerifyAsync(full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

            Assert.False(report.IsValid);
            var entry = await FindAsync(full.BackupId);
            Assert.Equal(BackupState.Committed, entry.State);
            Assert.StartsWith("deep: 1 problem(s): ", entry.VerifyResult, StringComparison.Ordinal);
            Assert.Contains($"chunk {chunk.Name}", entry.VerifyResult, StringComparison.Ordinal);
        }
        finally
        {
            await repair();
        }
    }

    [Fact]
    public async Task VerifyAsync_DeepFailsOnABackupVerifiedBefore_NoLongerCountsItVerified()
    {
        // Health and the alert rules trust "Verified": a backup found damaged since must lose it.
        var full = await harness.RunFullAsync();
        await Sut.VerifyAsync(full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
        var archive = new BackupArchive(harness, full.BackupId);
        var repair = await archive.CorruptAsync((await archive.SomeChunkAsync("messages")).Name);
        try
        {
            var report = await Sut.VerifyAsync(full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

            Assert.False(report.IsValid);
            var entry = await FindAsync(full.BackupId);
            Assert.StartsWith("deep: 1 problem(s)", entry.VerifyResult, StringComparison.Ordinal);
            Assert.NotEqual(BackupState.Verified, entry.State);
        }
        finally
        {
            await repair();
        }
    }

    [Fact]
    public async Task VerifyAsync_NoId_VerifiesTheNewestUsableBackup()
    {
        // Ids name the start to the second. Runs on a clock set past every backup the other tests make on the real
        // one, an hour apart, so the newest sorts last whatever ran before, and an older one is there to be wrongly chosen.
        var clock = new SetWallClock(new DateTimeOffset(2099, 11, 27, 2, 0, 0, TimeSpan.Zero));
        var services = harness.Services(configure: collection => collection.AddSingleton<TimeProvider>(clock));
        await RunFullAsync(services);
        clock.Now += TimeSpan.FromHours(1);
        var newest = await RunFullAsync(services);
        var failedLater = BackupCatalogEntries.Running(Database, BackupId.New(BackupKind.Full, clock.Now.AddMinutes(1)).Value, null, null, clock.Now.AddMinutes(1)) with { State = BackupState.Failed };
        await Catalog.AddAsync(failedLater, CancellationToken.None);

        var report = await Sut.VerifyAsync(null, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);

        Assert.Equal(newest.BackupId, report.BackupId);
    }

    [Fact]
    public async Task VerifyAsync_IdNotInTheCatalog_ThrowsArgumentException()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            Sut.VerifyAsync("20261127T020000Z-full-00000000", VerifyLevel.Quick, fromSecondary: false, CancellationToken.None));

        Assert.Contains("Backup 20261127T020000Z-full-00000000 is not in the catalog", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NoBackupsAtAll_ThrowsArgumentException()
    {
        var empty = EmulatorEndpoints.UniqueName("nobackups");
        var sut = harness.Services(new Dictionary<string, string?> { ["Cosmos:DatabaseName"] = empty }).GetRequiredService<BackupVerification>();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => sut.VerifyAsync(null, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None));

        Assert.Contains($"Database '{empty}' has no committed backup to verify", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingAsync_MixedCatalog_IsTheCommittedEntriesOnly()
    {
        var alreadyVerified = await harness.RunFullAsync();
        await Sut.VerifyAsync(alreadyVerified.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
        var pending = await harness.RunFullAsync();
        var failed = BackupCatalogEntries.Running(Database, BackupId.New(BackupKind.Full, DateTimeOffset.UtcNow).Value, null, null, DateTimeOffset.UtcNow) with { State = BackupState.Failed, Error = "x" };
        var pruned = failed with { BackupId = BackupId.New(BackupKind.Full, DateTimeOffset.UtcNow).Value, State = BackupState.Pruned, Error = null };
        await Catalog.AddAsync(failed, CancellationToken.None);
        await Catalog.AddAsync(pruned, CancellationToken.None);
        var expected = (await Catalog.ListAsync(Database, CancellationToken.None)).Where(entry => entry.State == BackupState.Committed).Select(entry => entry.BackupId).ToList();

        var pendingIds = await Sut.PendingAsync(CancellationToken.None);

        Assert.Contains(pending.BackupId, expected);
        Assert.DoesNotContain(alreadyVerified.BackupId, pendingIds);
        Assert.Equal(expected, pendingIds);
    }

    private async Task<BackupCatalogEntry> RunFullAsync(IServiceProvider services)
    {
        var result = await harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        return result.Entry!;
    }

    private async Task<BackupCatalogEntry> FindAsync(string backupId) =>
        await Catalog.FindAsync(Database, backupId, CancellationToken.None) ?? throw new InvalidOperationException($"{backupId} is not in the catalog");
}
