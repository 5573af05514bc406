using AstroBot.Continuity.Storage;
using System.Security.Cryptography;
using System.Text.Json;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Tests.Data;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Fixtures;

/// <summary>
/// What the backup and portability harnesses share: a seeded bot database on the Cosmos DB emulator, settings that
/// give every table, blob container and database a unique name (real Azurite account, a random KEK), providers
/// wired as the hosts wire them (<c>AddContinuityBackend</c>), and the removal of all of it on dispose.
/// A harness brings its own seed and name prefix.
/// </summary>
public abstract class EmulatorBotHarness : IAsyncLifetime
{
    private readonly SeedRequest seed;
    private readonly string namePrefix;
    private readonly List<ServiceProvider> providers = [];
    private readonly List<string> databases = [];
    private readonly List<string> tables = [];

    /// <param name="seed">The bot data written into <see cref="Database"/>.</param>
    /// <param name="namePrefix">Put before every name the harness makes, so a leftover on the emulators says whose it is.</param>
    /// <param name="feedRanges">How many feed ranges the bot's containers have (<see cref="CosmosTestDatabase"/>).</param>
    protected EmulatorBotHarness(SeedRequest seed, string namePrefix, int feedRanges = 1)
    {
        Database = CosmosTestDatabase.WithFeedRanges(feedRanges);
        this.seed = seed;
        this.namePrefix = namePrefix;
        Users = [.. SeedGenerator.Generate(seed)];
        Settings = new()
        {
            ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
            ["Backup:SecondaryBlobEndpoint"] = "http://127.0.0.1:10000/devstoreaccount1-secondary",
            ["Backup:ContainerName"] = EmulatorEndpoints.UniqueName(namePrefix + "backups"),
            ["Backup:CatalogTableName"] = Table(namePrefix + "catalog"),
            ["Backup:RestoreTableName"] = Table(namePrefix + "restores"),
            ["Backup:ErasureTableName"] = Table(namePrefix + "erasures"),
            ["Backup:ChunkBytes"] = "65536",
            ["Backup:PageSize"] = "20",
            ["Crypto:UserKeyTableName"] = Table(namePrefix + "userkeys"),
            ["Crypto:Kek"] = Kek,
        };
    }

    public CosmosTestDatabase Database { get; }

    public string DatabaseName => Database.Options.DatabaseName;

    public IReadOnlyList<UserDataSet> Users { get; }

    public string Kek { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public Dictionary<string, string?> Settings { get; }

    public long TotalItems => Users.Sum(user => user.Documents.Count());

    /// <summary>The backups' blob container, deleted with the harness.</summary>
    public BlobContainerClient Archives => new BlobServiceClient(EmulatorEndpoints.StorageConnectionString).GetBlobContainerClient(Settings["Backup:ContainerName"]);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await PrepareDatabaseAsync();
        Settings["Cosmos:Endpoint"] = Database.Options.Endpoint;
        Settings["Cosmos:Key"] = Database.Options.Key;
        Settings["Cosmos:DatabaseName"] = Database.Options.DatabaseName;
        await new SeedWriter(Options.Create(Database.Options), TimeProvider.System, NullLogger<SeedWriter>.Instance)
            .WriteAsync(seed, null, CancellationToken.None);
    }

    /// <summary>Runs once the Cosmos client is up, before the settings take the database's name and the seed is written.</summary>
    protected virtual Task PrepareDatabaseAsync() => Task.CompletedTask;

    /// <summary>A table name of its own, deleted with the harness.</summary>
    public string Table(string prefix)
    {
        var name = EmulatorEndpoints.UniqueName(prefix);
        tables.Add(name);
        return name;
    }

    /// <summary>A database name of its own, dropped with the harness.</summary>
    public string NewDatabaseName()
    {
        var name = EmulatorEndpoints.UniqueName(namePrefix + "data");
        databases.Add(name);
        return name;
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
        // The product's registration, as both hosts make it.
        var services = new ServiceCollection().AddLogging().AddContinuityBackend(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    public Container Container(string database, string name) => Database.Client.GetContainer(database, name);

    /// <summary>Every item of a container as canonical JSON (system properties dropped, keys sorted), sorted.</summary>
    public virtual async Task<List<string>> ItemsAsync(string database, string container)
    {
        var items = new List<string>();
        using var feed = Container(database, container).GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 500 });
        while (feed.HasMoreResults)
        {
            using var page = await feed.ReadNextAsync();
            page.EnsureSuccessStatusCode(); // a missing container is a failure here, not "no items"
            using var document = await JsonDocument.ParseAsync(page.Content);
            items.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray()
                .Select(item => System.Text.Encoding.UTF8.GetString(CanonicalItem.From(item).Json)));
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

        foreach (var database in databases)
        {
            await DropDatabaseAsync(database);
        }

        var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
        foreach (var table in tables)
        {
            await storage.Tables.DeleteTableAsync(table);
        }

        await Archives.DeleteIfExistsAsync();
        await Database.DisposeAsync();
    }
}
