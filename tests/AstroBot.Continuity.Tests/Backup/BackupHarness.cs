using System.Security.Cryptography;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Data.Seed;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Data;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Backup;

/// <summary>
/// A small seeded bot database on the Cosmos DB emulator, and the backup services wired as the hosts wire them
/// (real Azurite account, own container, catalog and key tables, a random KEK). <see cref="Services"/> builds a
/// provider with extra settings or fault injection on top.
/// </summary>
public sealed class BackupHarness : IAsyncLifetime
{
    public static readonly SeedRequest Seed = new(Users: 6, ReadingsPerUser: 3, Seed: 22, new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    private readonly List<ServiceProvider> providers = [];

    public CosmosTestDatabase Database { get; } = new();

    public IReadOnlyList<UserDataSet> Users { get; } = [.. SeedGenerator.Generate(Seed)];

    public string Kek { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
        ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
        ["Backup:SecondaryBlobEndpoint"] = "http://127.0.0.1:10000/devstoreaccount1-secondary",
        ["Backup:ContainerName"] = EmulatorEndpoints.UniqueName("backups"),
        ["Backup:CatalogTableName"] = EmulatorEndpoints.UniqueName("catalog"),
        ["Backup:RestoreTableName"] = EmulatorEndpoints.UniqueName("restores"),
        ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("erasures"),
        ["Backup:ChunkBytes"] = "65536",
        ["Backup:PageSize"] = "20",
        ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("userkeys"),
    };

    public long TotalItems => Users.Sum(user => user.Documents.Count());

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Settings["Cosmos:Endpoint"] = Database.Options.Endpoint;
        Settings["Cosmos:Key"] = Database.Options.Key;
        Settings["Cosmos:DatabaseName"] = Database.Options.DatabaseName;
        Settings["Crypto:Kek"] = Kek;
        await new SeedWriter(Options.Create(Database.Options), TimeProvider.System, NullLogger<SeedWriter>.Instance)
            .WriteAsync(Seed, null, CancellationToken.None);
    }

    /// <summary>A provider over the harness's settings plus <paramref name="overrides"/>; disposed with the harness.</summary>
    public IServiceProvider Services(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddBotData(configuration)
            .AddContinuityCrypto(configuration)
            .AddBackups(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    public BackupRunner Runner(IServiceProvider? services = null) => (services ?? Services()).GetRequiredService<BackupRunner>();

    public RestoreService Restore(IServiceProvider? services = null) => (services ?? Services()).GetRequiredService<RestoreService>();

    public BlobContainerClient Archives => new BlobServiceClient(EmulatorEndpoints.StorageConnectionString).GetBlobContainerClient(Settings["Backup:ContainerName"]);

    public Task<IReadOnlyList<BackupCatalogEntry>> CatalogAsync() =>
        Services().GetRequiredService<BackupCatalog>().ListAsync(Database.Options.DatabaseName, CancellationToken.None);

    public async Task<BackupCatalogEntry> RunFullAsync()
    {
        var result = await Runner().RunAsync(BackupKind.Full, null, CancellationToken.None);
        Assert.True(result.Outcome == BackupRunOutcome.Committed, result.Message);
        return result.Entry!;
    }

    public Container Container(string database, string name) => Database.Client.GetContainer(database, name);

    /// <summary>Every item of a container as canonical JSON, for comparing a restore with its source.</summary>
    public async Task<List<string>> ItemsAsync(string database, string container)
    {
        var items = new List<string>();
        using var feed = Container(database, container).GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 500 });
        while (feed.HasMoreResults)
        {
            using var page = await feed.ReadNextAsync();
            if (page.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return items;
            }

            using var document = await System.Text.Json.JsonDocument.ParseAsync(page.Content);
            items.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray()
                .Select(item => System.Text.Encoding.UTF8.GetString(AstroBot.Continuity.Backup.Format.CanonicalItem.From(item).Json)));
        }

        items.Sort(StringComparer.Ordinal);
        return items;
    }

    public async Task DropDatabaseAsync(string database)
    {
        try
        {
            await Database.Client.GetDatabase(database).DeleteAsync();
        }
        catch (CosmosException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Never created.
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await Archives.DeleteIfExistsAsync();
        await Database.DisposeAsync();
    }
}
