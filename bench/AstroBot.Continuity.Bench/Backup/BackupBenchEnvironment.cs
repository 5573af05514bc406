using System.Security.Cryptography;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Storage;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Backup;

/// <summary>
/// The backup services wired as the hosts wire them (storage, bot data, crypto, backups), over names of this run
/// only: a source database, three scratch databases (the restore's and the two bare inserts'), an archive container, a
/// scratch container for the bare upload, and the catalog, restore, erasure and user-key tables. Everything is
/// removed at the end.
/// </summary>
internal sealed class BackupBenchEnvironment : IAsyncDisposable
{
    private const string Storage = "UseDevelopmentStorage=true";

    private BackupBenchEnvironment(string runId, int? pageSize)
    {
        RunId = runId;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Storage,
            ["Cosmos:Endpoint"] = "https://127.0.0.1:8081",
            ["Cosmos:DatabaseName"] = SourceDatabase,
            ["Backup:ConnectionString"] = Storage,
            ["Backup:ContainerName"] = ArchiveContainer,
            ["Backup:CatalogTableName"] = $"bench{runId}catalog",
            ["Backup:RestoreTableName"] = $"bench{runId}restores",
            ["Backup:ErasureTableName"] = $"bench{runId}erasures",
            ["Crypto:UserKeyTableName"] = $"bench{runId}userkeys",
            ["Crypto:Kek"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Chunk size, throughput share and fallback budget are left at the product's defaults; the page size too unless asked.
        };
        if (pageSize is { } size)
        {
            settings["Backup:PageSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Settings = settings;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Services = new ServiceCollection()
            .AddLogging()
            .AddContinuityStorage(configuration)
            .AddBotData(configuration)
            .AddContinuityCrypto(configuration)
            .AddBackups(configuration)
            .BuildServiceProvider();
    }

    public string RunId { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public ServiceProvider Services { get; }

    public string SourceDatabase => $"bench{RunId}src";

    public string RestoreDatabase => $"bench{RunId}restore";

    public string InsertDatabase => $"bench{RunId}insert";

    public string InsertAgainDatabase => $"bench{RunId}insert2";

    public string ArchiveContainer => $"bench-{RunId}-backups";

    public string ScratchContainer => $"bench-{RunId}-bare-upload";

    public CosmosOptions Cosmos => Services.GetRequiredService<IOptions<CosmosOptions>>().Value;

    public BackupOptions Backup => Services.GetRequiredService<IOptions<BackupOptions>>().Value;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static BackupBenchEnvironment Create(string runId, int? pageSize) => new(runId, pageSize);

    /// <summary>Deletes a database of this run if it exists.</summary>
    public Task DropDatabaseAsync(string database, CancellationToken ct) => CosmosDatabases.DropAsync(Get<CosmosClient>(), database, ct);

    /// <summary>Removes everything this run created in the emulators; each step is best effort.</summary>
    public async Task DeleteResourcesAsync(TextWriter progress)
    {
        var ct = CancellationToken.None;
        foreach (var database in new[] { SourceDatabase, RestoreDatabase, InsertDatabase, InsertAgainDatabase })
        {
            await BestEffortAsync(() => DropDatabaseAsync(database, ct)).ConfigureAwait(false);
        }

        var blobs = new BlobServiceClient(Storage);
        foreach (var container in new[] { ArchiveContainer, ScratchContainer })
        {
            await BestEffortAsync(() => blobs.GetBlobContainerClient(container).DeleteIfExistsAsync(cancellationToken: ct)).ConfigureAwait(false);
        }

        var backupStorage = Get<BackupStorage>();
        foreach (var table in new[] { backupStorage.Catalog, backupStorage.Restores, backupStorage.Erasures })
        {
            await BestEffortAsync(() => table.DeleteAsync(ct)).ConfigureAwait(false);
        }

        var userKeys = Services.GetRequiredService<IOptions<CryptoOptions>>().Value.UserKeyTableName;
        await BestEffortAsync(() => Get<StorageClients>().Tables.DeleteTableAsync(userKeys, ct)).ConfigureAwait(false);

        async Task BestEffortAsync(Func<Task> action)
        {
            try
            {
                await action().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is CosmosException or RequestFailedException or HttpRequestException)
            {
                progress.WriteLine($"  cleanup: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
            }
        }
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
