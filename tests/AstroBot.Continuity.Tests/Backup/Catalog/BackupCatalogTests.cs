using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Tests.Fixtures;
using Azure;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Backup.Catalog;

/// <summary>Against Azurite's table service, with a table of its own.</summary>
public sealed class BackupCatalogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private readonly BackupStorage storage = new(
        Options.Create(new BackupOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString, CatalogTableName = EmulatorEndpoints.UniqueName("catalog") }),
        TimeProvider.System);

    private BackupCatalog sut = null!;

    public Task InitializeAsync()
    {
        sut = new BackupCatalog(storage);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await storage.Catalog.DeleteAsync();
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The test never created it.
        }
    }

    [Fact]
    public async Task FindAsync_AfterAddAsync_GivesBackEveryFieldIncludingTheNullOnes()
    {
        var running = BackupCatalogEntries.Running("astrobot", BackupId.New(BackupKind.Full, Start).Value, null, null, Start);

        await sut.AddAsync(running, CancellationToken.None);
        var found = await sut.FindAsync("astrobot", running.BackupId, CancellationToken.None);

        Assert.Equal(running, found);
        Assert.Null(found!.CompletedAt);
        Assert.Null(found.BaseBackupId);
        Assert.Null(found.VerifiedAt);
        Assert.Null(found.Error);
        Assert.Equal(0, found.RequestCharge);
    }

    [Fact]
    public async Task FindAsync_AfterSaveAsync_GivesBackEveryFieldSet()
    {
        var entry = new BackupCatalogEntry
        {
            Database = "astrobot",
            BackupId = BackupId.New(BackupKind.Incremental, Start).Value,
            State = BackupState.Verified,
            BaseBackupId = "20261127T010000Z-full-0a0b0c0d",
            ParentBackupId = "20261127T013000Z-incr-0e0f0a0b",
            StartedAt = Start,
            CompletedAt = Start.AddMinutes(3).AddMilliseconds(250),
            ItemCount = 5_000_000_000,
            RawBytes = 7_000_000_000,
            StoredBytes = 3_000_000_000,
            ChunkCount = 1700,
            RequestCharge = 12345.67,
            Throttles = 4,
            Error = "an earlier attempt: x",
            VerifiedAt = Start.AddHours(5),
            VerifyResult = "deep: ok",
            RestoreTestedAt = Start.AddHours(6),
            RestoreTestResult = "passed: 42 items in 3.0 s",
        };
        await sut.AddAsync(entry with { State = BackupState.Running }, CancellationToken.None);

        await sut.SaveAsync(entry, CancellationToken.None);
        var found = await sut.FindAsync("astrobot", entry.BackupId, CancellationToken.None);

        Assert.Equal(entry, found);
        Assert.Equal(BackupKind.Incremental, found!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(180.25), found.Duration);
    }

    [Fact]
    public async Task SaveAsync_FieldSetToNull_IsNullWhenReadBack()
    {
        var entry = BackupCatalogEntries.Running("astrobot", BackupId.New(BackupKind.Full, Start).Value, null, null, Start) with { Error = "x", VerifyResult = "quick: ok" };
        await sut.AddAsync(entry, CancellationToken.None);

        await sut.SaveAsync(entry with { Error = null, VerifyResult = null }, CancellationToken.None);

        var found = await sut.FindAsync("astrobot", entry.BackupId, CancellationToken.None);
        Assert.Null(found!.Error);
        Assert.Null(found.VerifyResult);
    }

    [Fact]
    public async Task AddAsync_SameBackupTwice_Throws()
    {
        var entry = BackupCatalogEntries.Running("astrobot", BackupId.New(BackupKind.Full, Start).Value, null, null, Start);
        await sut.AddAsync(entry, CancellationToken.None);

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => sut.AddAsync(entry, CancellationToken.None));

        Assert.Equal(409, exception.Status);
    }

    [Fact]
    public async Task ListAsync_SeveralDatabases_GivesOnlyThatDatabasesBackupsOldestFirst()
    {
        var ids = new[] { Start.AddDays(2), Start, Start.AddHours(1) }.Select(at => BackupId.New(BackupKind.Full, at).Value).ToList();
        foreach (var id in ids)
        {
            await sut.AddAsync(BackupCatalogEntries.Running("astrobot", id, null, null, Start), CancellationToken.None);
        }

        await sut.AddAsync(BackupCatalogEntries.Running("other", BackupId.New(BackupKind.Full, Start).Value, null, null, Start), CancellationToken.None);

        var listed = await sut.ListAsync("astrobot", CancellationToken.None);

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(entry => entry.BackupId));
        Assert.All(listed, entry => Assert.Equal("astrobot", entry.Database));
    }

    [Fact]
    public async Task ListAsync_TableNeverCreated_IsEmpty()
    {
        Assert.Empty(await sut.ListAsync("astrobot", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_TableNeverCreatedOrNoSuchBackup_IsNull()
    {
        Assert.Null(await sut.FindAsync("astrobot", "20261127T020000Z-full-1a2b3c4d", CancellationToken.None));

        await sut.EnsureCreatedAsync(CancellationToken.None);

        Assert.Null(await sut.FindAsync("astrobot", "20261127T020000Z-full-1a2b3c4d", CancellationToken.None));
    }
}
