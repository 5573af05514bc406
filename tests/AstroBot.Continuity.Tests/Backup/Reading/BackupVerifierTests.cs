using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup.Reading;

/// <summary>
/// One seeded database and one real full backup for the class. Tests that damage the backup put it back afterwards;
/// the erasure test backs up into a key table of its own so it shreds nobody else's items.
/// </summary>
public sealed class BackupVerifierTests(BackupVerifierTests.Fixture fixture) : IClassFixture<BackupVerifierTests.Fixture>
{
    private BackupHarness Harness => fixture.Harness;

    private BackupArchive Archive => new(Harness, fixture.Full.BackupId);

    [Fact]
    public async Task VerifyAsync_QuickOnAWholeBackup_IsValid()
    {
        var sut = await VerifierAsync();

        var report = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);

        Assert.True(report.IsValid, string.Join(" ", report.Problems));
        Assert.Equal("quick: ok", report.Summary);
        Assert.Equal(fixture.Full.BackupId, report.BackupId);
    }

    [Fact]
    public async Task VerifyAsync_DeepOnAWholeBackup_IsValidAndChecksEveryItem()
    {
        var sut = await VerifierAsync();

        var report = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

        Assert.True(report.IsValid, string.Join(" ", report.Problems));
        Assert.Equal(Harness.TotalItems, report.ItemsChecked);
        Assert.Equal(0, report.ShreddedItems);
        Assert.Equal("deep: ok", report.Summary);
    }

    [Fact]
    public async Task VerifyAsync_DeepWithACorruptedChunk_NamesTheBackupAndTheChunkWhileQuickStillPasses()
    {
        var chunk = await Archive.SomeChunkAsync("messages");
        var repair = await Archive.CorruptAsync(chunk.Name);
        try
        {
            var sut = await VerifierAsync();

            var deep = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);
            var quick = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);

            var problem = Assert.Single(deep.Problems);
            Assert.Contains($"Backup {fixture.Full.BackupId}", problem, StringComparison.Ordinal);
            Assert.Contains($"chunk {chunk.Name}", problem, StringComparison.Ordinal);
            Assert.True(quick.IsValid, "a quick check does not read the content; the size is unchanged");
        }
        finally
        {
            await repair();
        }
    }

    [Fact]
    public async Task VerifyAsync_TruncatedChunk_QuickReportsTheSizeMismatch()
    {
        var chunk = await Archive.SomeChunkAsync("readings");
        var repair = await Archive.TruncateAsync(chunk.Name, 100);
        try
        {
            var sut = await VerifierAsync();

            var quick = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);
            var deep = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

            var problem = Assert.Single(quick.Problems);
            Assert.Equal($"Backup {fixture.Full.BackupId}: chunk {chunk.Name} has {chunk.Bytes - 100} bytes, the manifest says {chunk.Bytes}.", problem);
            Assert.Contains($"chunk {chunk.Name} has {chunk.Bytes - 100} bytes", Assert.Single(deep.Problems), StringComparison.Ordinal);
        }
        finally
        {
            await repair();
        }
    }

    [Fact]
    public async Task VerifyAsync_MissingChunk_QuickAndDeepReportItMissing()
    {
        var chunk = await Archive.SomeChunkAsync("accounts");
        var repair = await Archive.DeleteAsync(chunk.Name);
        try
        {
            var sut = await VerifierAsync();

            var quick = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);
            var deep = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

            Assert.Equal($"Backup {fixture.Full.BackupId}: chunk {chunk.Name} is missing.", Assert.Single(quick.Problems));
            Assert.Equal($"Backup {fixture.Full.BackupId}: chunk {chunk.Name} is missing.", Assert.Single(deep.Problems));
        }
        finally
        {
            await repair();
        }
    }

    [Fact]
    public async Task VerifyAsync_TamperedManifest_QuickAndDeepBothReportIt()
    {
        var repair = await Archive.TamperManifestAsync();
        try
        {
            var sut = await VerifierAsync();

            var quick = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);
            var deep = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

            Assert.Contains("the manifest does not authenticate", Assert.Single(quick.Problems), StringComparison.Ordinal);
            Assert.Contains("the manifest does not authenticate", Assert.Single(deep.Problems), StringComparison.Ordinal);
            Assert.Equal(0, deep.ItemsChecked);
        }
        finally
        {
            await repair();
        }
    }

    [Fact]
    public async Task VerifyAsync_NoSuchBackup_ReportsThatItHasNoManifest()
    {
        var sut = await VerifierAsync();

        var report = await sut.VerifyAsync("20261127T020000Z-full-00000000", VerifyLevel.Quick, fromSecondary: false, CancellationToken.None);

        Assert.Contains("it has no manifest", Assert.Single(report.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_FromTheSecondaryEndpoint_ReadsTheWholeBackupThere()
    {
        var sut = await VerifierAsync(fromSecondary: true);

        var report = await sut.VerifyAsync(fixture.Full.BackupId, VerifyLevel.Deep, fromSecondary: true, CancellationToken.None);

        Assert.True(report.IsValid, string.Join(" ", report.Problems));
        Assert.True(report.FromSecondary);
        Assert.Equal(Harness.TotalItems, report.ItemsChecked);
    }

    [Fact]
    public async Task VerifyAsync_DeepAfterAUserWasErased_IsValidAndCountsTheirItemsShredded()
    {
        var services = OwnKeysAndJournal();
        var backup = (await Harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None)).Entry!;
        Assert.Equal(BackupState.Committed, backup.State);
        var erased = Harness.Users[1];
        // As the eraser does it: the journal names the key, then the key goes. The backup's copy of it stays unused.
        var keys = services.GetRequiredService<UserKeyStore>();
        await services.GetRequiredService<ErasureJournal>().RecordAsync(erased.WaId, await keys.FindKeyIdAsync(erased.WaId, CancellationToken.None), CancellationToken.None);
        Assert.NotNull(await keys.DestroyAsync(erased.WaId, CancellationToken.None));

        var report = await (await VerifierAsync(services: services)).VerifyAsync(backup.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

        Assert.True(report.IsValid, string.Join(" ", report.Problems));
        Assert.Equal(erased.Documents.Count(), report.ShreddedItems);
        Assert.Equal(Harness.TotalItems - erased.Documents.Count(), report.ItemsChecked);
    }

    [Fact]
    public async Task VerifyAsync_DeepAfterTheKeyTableLostARow_OpensThatUserWithTheBackupsCopy()
    {
        var services = OwnKeysAndJournal();
        var backup = (await Harness.Runner(services).RunAsync(BackupKind.Full, null, CancellationToken.None)).Entry!;
        Assert.NotNull(await services.GetRequiredService<UserKeyStore>().DestroyAsync(Harness.Users[1].WaId, CancellationToken.None));

        var report = await (await VerifierAsync(services: services)).VerifyAsync(backup.BackupId, VerifyLevel.Deep, fromSecondary: false, CancellationToken.None);

        Assert.True(report.IsValid, string.Join(" ", report.Problems));
        Assert.Equal(0, report.ShreddedItems);
        Assert.Equal(Harness.TotalItems, report.ItemsChecked);
    }

    private IServiceProvider OwnKeysAndJournal() => Harness.Services(new Dictionary<string, string?>
    {
        ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("userkeys"),
        ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("erasures"),
    });

    private async Task<BackupVerifier> VerifierAsync(bool fromSecondary = false, IServiceProvider? services = null)
    {
        services ??= Harness.Services();
        var reader = await services.GetRequiredService<BackupArchives>().OpenAsync(fromSecondary, CancellationToken.None);
        return new BackupVerifier(reader, services.GetRequiredService<UserKeyStore>(), services.GetRequiredService<ErasureJournal>());
    }

    /// <summary>The seeded database and its full backup, made once for the class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public BackupHarness Harness { get; } = new();

        public BackupCatalogEntry Full { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            Full = await Harness.RunFullAsync();
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }
}
