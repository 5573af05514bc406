using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Backup;

/// <summary>
/// A small seeded bot database on the Cosmos DB emulator, and the backup services wired as the hosts wire them
/// (real Azurite account, own container, catalog and key tables, a random KEK). <see cref="EmulatorBotHarness.Services"/>
/// builds a provider with extra settings or fault injection on top.
/// </summary>
public sealed class BackupHarness : EmulatorBotHarness
{
    /// <summary>Containers of one feed range; the one public constructor, as xUnit's class fixtures need.</summary>
    public BackupHarness()
        : this(feedRanges: 1)
    {
    }

    private BackupHarness(int feedRanges)
        : base(Seed, namePrefix: "", feedRanges)
    {
    }

    public static readonly SeedRequest Seed = new(Users: 6, ReadingsPerUser: 3, Seed: 22, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A harness whose containers have <paramref name="feedRanges"/> feed ranges on the emulator.</summary>
    public static BackupHarness WithFeedRanges(int feedRanges) => new(feedRanges);

    public BackupRunner Runner(IServiceProvider? services = null) => (services ?? Services()).GetRequiredService<BackupRunner>();

    public RestoreService Restore(IServiceProvider? services = null) => (services ?? Services()).GetRequiredService<RestoreService>();

    public Task<IReadOnlyList<BackupCatalogEntry>> CatalogAsync() =>
        Services().GetRequiredService<BackupCatalog>().ListAsync(Database.Options.DatabaseName, CancellationToken.None);

    /// <summary>The backup's catalog entry as it is now.</summary>
    public async Task<BackupCatalogEntry> EntryAsync(string backupId) =>
        await Services().GetRequiredService<BackupCatalog>().FindAsync(DatabaseName, backupId, CancellationToken.None)
        ?? throw new InvalidOperationException($"{backupId} is not in the catalog");

    public async Task<BackupCatalogEntry> RunFullAsync()
    {
        var result = await Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        return result.Entry!;
    }

    /// <summary>
    /// Every item of a container as canonical JSON, for comparing a restore with its source; a database or container
    /// that was never made (a restore refused before writing) has none.
    /// </summary>
    public override async Task<List<string>> ItemsAsync(string database, string container)
    {
        try
        {
            return await base.ItemsAsync(database, container);
        }
        catch (CosmosException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }
}
